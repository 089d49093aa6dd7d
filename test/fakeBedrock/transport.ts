import * as http from 'http';
import * as http2 from 'http2';
import * as net from 'net';

export type Protocol = 'http1' | 'http2';

/** One request and its response, alike for HTTP/1.1 and HTTP/2. */
export interface Exchange {
  readonly protocol: Protocol;
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  /** Lower-cased names, without HTTP/2 pseudo-headers. */
  readonly headers: Record<string, string>;
  /** Aborted when the client goes away before the response is complete. */
  readonly clientGone: AbortSignal;
  /** The status sent, once headers are sent. */
  readonly status: number | undefined;
  readBody(): Promise<string>;
  writeHead(status: number, headers: Record<string, string>): void;
  /** Resolves once the chunk is flushed, or the client is gone. */
  write(chunk: Uint8Array): Promise<void>;
  end(body?: string): void;
  /** Breaks off mid-response: closes the HTTP/1.1 connection or resets the HTTP/2 stream (INTERNAL_ERROR). */
  cut(): void;
  /** Closes the whole connection at once, with every HTTP/2 stream on it. */
  dropConnection(): void;
}

type CompatRequest = http.IncomingMessage | http2.Http2ServerRequest;
type CompatResponse = http.ServerResponse | http2.Http2ServerResponse;

type Breaks = Pick<Exchange, 'cut' | 'dropConnection'>;

function exchangeOf(protocol: Protocol, request: CompatRequest, response: CompatResponse, breaks: Breaks): Exchange {
  const gone = new AbortController();
  let ended = false;
  // The HTTP/2 response reports writableFinished even for a stream the client reset.
  response.on('close', () => {
    if (!ended) gone.abort();
  });
  request.on('error', () => gone.abort());
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!name.startsWith(':') && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  let status: number | undefined;
  // The two response classes share these methods but not their overloads.
  const writable = response as http.ServerResponse;
  return {
    protocol,
    method: request.method ?? '',
    url: request.url ?? '',
    headers,
    clientGone: gone.signal,
    get status() {
      return status;
    },
    readBody: () =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        gone.signal.addEventListener('abort', () => reject(new Error('The client went away before sending the whole body')), {
          once: true,
        });
      }),
    writeHead(code, responseHeaders) {
      status = code;
      writable.writeHead(code, responseHeaders);
    },
    write: (chunk) =>
      new Promise((resolve) => {
        if (gone.signal.aborted) return resolve();
        const done = () => {
          gone.signal.removeEventListener('abort', done);
          resolve();
        };
        gone.signal.addEventListener('abort', done, { once: true });
        writable.write(chunk, done);
      }),
    end(body) {
      ended = true;
      writable.end(body);
    },
    ...breaks,
  };
}

export type ExchangeHandler = (exchange: Exchange) => void;

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0');

/**
 * A TCP listener serving HTTP/1.1 and cleartext HTTP/2 (prior knowledge) on one port: it reads the
 * first bytes of each connection, puts them back and hands the still-paused socket to the right server.
 */
export class DualProtocolListener {
  private readonly sockets = new Set<net.Socket>();
  private readonly tcp: net.Server;
  /** Ends each HTTP/2 connection at once with GOAWAY (PROTOCOL_ERROR), as a middlebox that breaks HTTP/2 does. */
  refuseHttp2 = false;
  /** Serves every connection with this protocol's server, whatever the client speaks (an endpoint that knows only it). */
  only: Protocol | undefined;

  constructor(handler: ExchangeHandler) {
    const http1Server = http.createServer((request, response) => {
      const close = () => response.destroy();
      handler(exchangeOf('http1', request, response, { cut: close, dropConnection: close }));
    });
    const http2Server = http2.createServer((request, response) =>
      handler(
        exchangeOf('http2', request, response, {
          cut: () => response.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR),
          dropConnection: () => response.stream.session?.destroy(),
        }),
      ),
    );
    http2Server.on('session', (session) => {
      if (this.refuseHttp2) session.goaway(http2.constants.NGHTTP2_PROTOCOL_ERROR);
    });
    this.tcp = net.createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      // Clients resetting connections is part of the game, not an error of the fake.
      socket.on('error', () => socket.destroy());
      dispatchByPreface(socket, (isHttp2) => {
        const protocol = this.only ?? (isHttp2 ? 'http2' : 'http1');
        (protocol === 'http2' ? http2Server : http1Server).emit('connection', socket);
        // The HTTP/2 session reads the paused socket itself; the HTTP/1.1 parser needs it flowing.
        if (protocol === 'http1') socket.resume();
      });
    });
  }

  listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.tcp.once('error', reject);
      this.tcp.listen(port, host, () => {
        this.tcp.off('error', reject);
        resolve();
      });
    });
  }

  get port(): number {
    return (this.tcp.address() as net.AddressInfo).port;
  }

  /** Stops listening and destroys every open connection. */
  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.tcp.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    return closed;
  }
}

/** Reads until the first bytes tell whether they are HTTP/2's preface, then puts them back and pauses the socket. */
function dispatchByPreface(socket: net.Socket, dispatch: (isHttp2: boolean) => void): void {
  let received = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    const length = Math.min(received.length, HTTP2_PREFACE.length);
    const isHttp2 = received.subarray(0, length).equals(HTTP2_PREFACE.subarray(0, length));
    if (isHttp2 && received.length < HTTP2_PREFACE.length) return;
    socket.off('data', onData);
    socket.pause();
    socket.unshift(received);
    dispatch(isHttp2);
  };
  socket.on('data', onData);
}
