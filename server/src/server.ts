import {
  CodeAction,
  CodeActionKind,
  CompletionItem,
  createConnection,
  DidChangeConfigurationNotification,
  InitializeResult,
  MarkupKind,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CatalogStore, CatalogStoreSettings } from './bedrock/catalogStore';
import { CATALOG_PROBLEM_NOTIFICATION, REFRESH_CATALOG_COMMAND, RefreshCatalogResult, ServerInitializationOptions, ServerSettings } from './protocol';
import { CodeActionKind as ServiceCodeActionKind, createLanguageService, Diagnostic, ServiceSettings } from './service/languageService';

/*
 * The LSP adapter: it moves requests to the language service and answers back. Transport comes
 * from the command line (--stdio, --node-ipc, --socket=N), so the same file serves VS Code and any
 * other editor. The Bedrock catalog (network, disk) lives here, behind the service's CatalogSource.
 */

const DIAGNOSTICS_DELAY_MS = 150;
const DEFAULT_CATALOG_TTL_MINUTES = 60;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const pending = new Map<string, NodeJS.Timeout>();
const validatedVersions = new Map<string, number>();
const reportedProblems = new Set<string>();
let canPullConfiguration = false;
let clientShowsCatalogProblems = false;
let cacheDir: string | undefined;
let currentSettings: ServerSettings | undefined;

const catalog = new CatalogStore(catalogSettings({}), {
  log: (line) => connection.console.info(line),
  onProblem: (problem) => {
    // Told once per problem and connection, not on every retry.
    const key = `${problem.region}\u0000${problem.connection.profile ?? ''}\u0000${problem.message}`;
    if (reportedProblems.has(key)) return;
    reportedProblems.add(key);
    const message = `The live Bedrock model list is unavailable, so completion uses the built-in list. ${problem.message}`;
    if (clientShowsCatalogProblems) void connection.sendNotification(CATALOG_PROBLEM_NOTIFICATION, { region: problem.region, message });
    // A notification, not window/showMessageRequest: nothing waits on the user's answer.
    else void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  },
});
const service = createLanguageService({ catalog });

connection.onInitialize((params): InitializeResult => {
  canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
  const options = (params.initializationOptions ?? {}) as ServerInitializationOptions;
  clientShowsCatalogProblems = options.showsCatalogProblems === true;
  cacheDir = options.cacheDir;
  applySettings(options.settings ?? {});
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['"', "'", '/'] },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, ServiceCodeActionKind.SourceFixAllOpenClaw],
      },
      executeCommandProvider: { commands: [REFRESH_CATALOG_COMMAND] },
    },
    serverInfo: { name: 'openclaw-language-server' },
  };
});

connection.onInitialized(async () => {
  if (!canPullConfiguration) return;
  await connection.client.register(DidChangeConfigurationNotification.type, { section: 'openclaw' });
  await refreshSettings();
});

connection.onDidChangeConfiguration(async (change) => {
  if (canPullConfiguration) {
    await refreshSettings();
  } else {
    applySettings((change.settings as { openclaw?: ServerSettings } | undefined)?.openclaw ?? {});
  }
});

async function refreshSettings(): Promise<void> {
  try {
    const settings = (await connection.workspace.getConfiguration('openclaw')) as ServerSettings | null;
    applySettings(settings ?? {});
  } catch (error) {
    connection.console.error(`Could not read the openclaw settings: ${String(error)}`);
  }
}

/** New settings re-check open documents; the same settings again change nothing. */
function applySettings(settings: ServerSettings): void {
  if (currentSettings && JSON.stringify(settings) === JSON.stringify(currentSettings)) return;
  currentSettings = settings;
  service.configure(serviceSettings(settings));
  catalog.configure(catalogSettings(settings));
  revalidateAll();
}

function serviceSettings(settings: ServerSettings): ServiceSettings {
  return { openclawVersion: settings.version || undefined, awsRegion: settings.aws?.region || undefined, env: process.env };
}

function catalogSettings(settings: ServerSettings): CatalogStoreSettings {
  const ttlMinutes = settings.catalog?.ttlMinutes;
  return {
    live: settings.catalog?.live !== false,
    ttlMs: (typeof ttlMinutes === 'number' && ttlMinutes >= 0 ? ttlMinutes : DEFAULT_CATALOG_TTL_MINUTES) * 60_000,
    cacheDir: settings.catalog?.cachePath || cacheDir,
    connection: (region) => ({
      region,
      endpoint: settings.bedrock?.endpoint || undefined,
      profile: settings.aws?.profile || process.env.AWS_PROFILE || undefined,
    }),
  };
}

function revalidateAll(): void {
  validatedVersions.clear();
  for (const document of documents.all()) validate(document);
}

function validate(document: TextDocument): void {
  pending.delete(document.uri);
  if (validatedVersions.get(document.uri) === document.version) return;
  validatedVersions.set(document.uri, document.version);
  const diagnostics = guard('diagnostics', () => service.getDiagnostics(document)) ?? [];
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

documents.onDidOpen((event) => {
  validate(event.document);
  // Start fetching the document's catalog now, so completion has it when the user gets there.
  guard('catalog warm-up', () => catalog.snapshot(service.getRegion(event.document)));
});

documents.onDidChangeContent((event) => {
  const { uri } = event.document;
  if (validatedVersions.get(uri) === event.document.version) return;
  clearTimeout(pending.get(uri));
  pending.set(
    uri,
    setTimeout(() => {
      const document = documents.get(uri);
      if (document) validate(document);
    }, DIAGNOSTICS_DELAY_MS),
  );
});

documents.onDidClose((event) => {
  const { uri } = event.document;
  clearTimeout(pending.get(uri));
  pending.delete(uri);
  validatedVersions.delete(uri);
  service.forget(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
});

connection.onHover((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const hover = guard('hover', () => service.getHover(document, params.position));
  return hover ? { contents: { kind: MarkupKind.Markdown, value: hover.contents }, range: hover.range } : null;
});

connection.onCompletion((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const items = guard('completion', () => service.getCompletion(document, params.position)) ?? [];
  return items.map(
    (item): CompletionItem => ({
      ...item,
      documentation: item.documentation ? { kind: MarkupKind.Markdown, value: item.documentation } : undefined,
    }),
  );
});

connection.onCodeAction((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const actions = guard('code actions', () =>
    service.getCodeActions(document, {
      range: params.range,
      diagnostics: params.context.diagnostics as Diagnostic[],
      only: params.context.only,
    }),
  );
  return (actions ?? []).map(
    (action): CodeAction => ({
      title: action.title,
      kind: action.kind,
      diagnostics: action.diagnostics,
      isPreferred: action.isPreferred,
      edit: { changes: { [document.uri]: action.edits } },
    }),
  );
});

connection.onExecuteCommand(async (params): Promise<RefreshCatalogResult | null> => {
  if (params.command !== REFRESH_CATALOG_COMMAND) return null;
  const uri = typeof params.arguments?.[0] === 'string' ? params.arguments[0] : undefined;
  const document = (uri && documents.get(uri)) || documents.all()[0];
  const region = service.getRegion(document);
  try {
    const snapshot = await catalog.refresh(region);
    return { region, origin: snapshot.origin, count: snapshot.entries.length };
  } catch (error) {
    return { region, origin: 'built-in', count: catalog.snapshot(region).entries.length, problem: (error as Error).message };
  }
});

/** A failing feature logs and answers nothing; it never takes the server down. */
function guard<T>(feature: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    connection.console.error(`${feature} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return undefined;
  }
}

// Last line of defence: a promise nobody awaited must not end the process.
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

documents.listen(connection);
connection.listen();
