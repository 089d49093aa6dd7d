import * as http from 'http';
import * as net from 'net';

/*
 * An HTTP proxy on 127.0.0.1 that only tunnels (CONNECT), as corporate proxies do, and records what it
 * was asked for. `route` decides where a tunnel really goes (always 127.0.0.1): a test can send a host
 * that refuses direct connections to a server that answers.
 */
export class ConnectProxy {
  /** The authorities (host:port) clients asked to tunnel to, in order. */
  readonly tunnels: string[] = [];
  private readonly sockets = new Set<net.Socket>();

  private constructor(private readonly server: http.Server) {}

  static async start(route: (authority: string) => number | undefined): Promise<ConnectProxy> {
    const server = http.createServer((_request, response) => {
      response.writeHead(405, { 'content-type': 'text/plain' });
      response.end('This proxy only tunnels (CONNECT).\n');
    });
    const proxy = new ConnectProxy(server);
    server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      const authority = request.url ?? '';
      proxy.tunnels.push(authority);
      proxy.track(client);
      const port = route(authority);
      if (port === undefined) {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      const upstream = net.connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      proxy.track(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
