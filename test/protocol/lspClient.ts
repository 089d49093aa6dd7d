import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import {
  createProtocolConnection,
  Diagnostic,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../helpers';
import { SERVER_EXEC_ARGV } from '../../server/src/protocol';

export const SERVER_PATH = join(REPO_ROOT, 'server', 'out', 'server.js');

export interface SessionOptions {
  settings?: Record<string, unknown>;
  /** Other sections the client answers (VS Code's `http`; `openclaw` here overrides `settings`); the rest get null. */
  sections?: Record<string, unknown>;
  /** Whether the client declares workspace/configuration (default true); without it, settings come pushed. */
  pullsConfiguration?: boolean;
  initialSettings?: Record<string, unknown>;
  /** More initializationOptions (cacheDir, showsCatalogProblems). */
  initializationOptions?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** The workspace's folders (uris); none by default. */
  workspaceFolders?: string[];
  /** The server's command and arguments (default: this Node running the built server/out/server.js --stdio). */
  command?: string[];
  /** Arguments for the default command, after --stdio (`--code-cache-dir=DIR`). */
  serverArgs?: string[];
}

/** The built server in a child process, spoken to over stdio with real JSON-RPC. */
export class LspSession {
  readonly connection: ProtocolConnection;
  readonly stderr: string[] = [];
  private readonly process: ChildProcess;
  private readonly diagnosticsWaiters: { uri: string; resolve: (params: PublishDiagnosticsParams) => void }[] = [];
  readonly published: PublishDiagnosticsParams[] = [];
  /** What the server logged (window/logMessage). */
  readonly logs: string[] = [];
  /** The notifications the server sent that no handler took, in order. */
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly workspaceFolders: string[];
  private readonly pullsConfiguration: boolean;
  /** The sections of each workspace/configuration request the server sent, in order. */
  readonly configurationRequests: string[][] = [];

  private readonly settings: Record<string, unknown>;
  private readonly sections: Record<string, unknown>;
  private readonly initializationOptions: Record<string, unknown>;

  /**
   * `settings` is the `openclaw` section the client answers workspace/configuration with, and sends
   * in initializationOptions unless `initialSettings` differ. By default the catalog stays built-in,
   * so no test leaves 127.0.0.1.
   */
  constructor(options: SessionOptions = {}) {
    this.settings = options.settings ?? { catalog: { live: false } };
    this.sections = options.sections ?? {};
    this.workspaceFolders = options.workspaceFolders ?? [];
    this.pullsConfiguration = options.pullsConfiguration ?? true;
    this.initializationOptions = { settings: options.initialSettings ?? this.settings, ...options.initializationOptions };
    const [command, ...args] = options.command ?? [
      process.execPath,
      ...SERVER_EXEC_ARGV,
      SERVER_PATH,
      '--stdio',
      ...(options.serverArgs ?? []),
    ];
    this.process = spawn(command!, args, { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    this.process.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      const index = this.diagnosticsWaiters.findIndex((waiter) => waiter.uri === params.uri);
      if (index >= 0) this.diagnosticsWaiters.splice(index, 1)[0]!.resolve(params);
    });
    // The server pulls its settings with workspace/configuration, as VS Code answers it.
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      this.configurationRequests.push(params.items.map((item) => item.section ?? ''));
      return params.items.map((item) =>
        item.section && item.section in this.sections
          ? this.sections[item.section]
          : !item.section || item.section === 'openclaw'
            ? this.settings
            : null,
      );
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', (params: { message: string }) => void this.logs.push(params.message));
    this.connection.onUnhandledNotification((message) => void this.notifications.push({ method: message.method, params: message.params }));
    this.connection.listen();
  }

  /** Whether the server process is still running. */
  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The server's process id (undefined if it could not be spawned). */
  get pid(): number | undefined {
    return this.process.pid;
  }

  async initialize(): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: this.workspaceFolders[0] ?? null,
      workspaceFolders: this.workspaceFolders.map((uri, index) => ({ uri, name: `folder ${index + 1}` })),
      initializationOptions: this.initializationOptions,
      capabilities: {
        workspace: { configuration: this.pullsConfiguration, didChangeConfiguration: { dynamicRegistration: this.pullsConfiguration } },
        textDocument: {
          hover: { contentFormat: ['markdown'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** The next diagnostics published for `uri`. */
  nextDiagnostics(uri: string, timeoutMs = 5000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.diagnosticsWaiters.push({ uri, resolve: (params) => (clearTimeout(timer), resolve(params)) });
    });
  }

  async open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'openclaw', version, text } });
    return (await published).diagnostics;
  }

  async change(uri: string, version: number, text: string): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return (await published).diagnostics;
  }

  /** Resolves with the first diagnostics published for `uri` (already or later) that satisfy `test`. */
  async diagnosticsWhere(uri: string, test: (diagnostics: Diagnostic[]) => boolean, timeoutMs = 5000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (let seen = 0; ;) {
      const found = this.published.slice(seen).find((params) => params.uri === uri && test(params.diagnostics));
      if (found) return found.diagnostics;
      seen = this.published.length;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `No diagnostics for ${uri} as expected within ${timeoutMs} ms; last: ${JSON.stringify(
            this.published
              .filter((p) => p.uri === uri)
              .at(-1)
              ?.diagnostics.map((d) => d.message),
          )}`,
        );
      await this.nextDiagnostics(uri, left).catch(() => undefined);
    }
  }

  async shutdown(): Promise<number | null> {
    // A server that died (the failure a test reports) has nothing to shut down.
    const exited = this.running
      ? new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)))
      : Promise.resolve(this.process.exitCode);
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
