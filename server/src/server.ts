import {
  CodeAction,
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  InitializeResult,
  MarkupKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind as ServiceCodeActionKind, createLanguageService, Diagnostic, ServiceSettings } from './service/languageService';

/*
 * The LSP adapter: it moves requests to the language service and answers back, nothing more.
 * Transport comes from the command line (--stdio, --node-ipc, --socket=N), so the same file serves
 * VS Code and any other editor.
 */

const DIAGNOSTICS_DELAY_MS = 150;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = createLanguageService();
const pending = new Map<string, NodeJS.Timeout>();
const validatedVersions = new Map<string, number>();
let canPullConfiguration = false;
let currentSettings: ServiceSettings = {};

connection.onInitialize((params): InitializeResult => {
  canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
  const options = params.initializationOptions as { settings?: { version?: string } } | undefined;
  applySettings(toServiceSettings(options?.settings));
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, ServiceCodeActionKind.SourceFixAllOpenClaw],
      },
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
    applySettings(toServiceSettings((change.settings as { openclaw?: { version?: string } } | undefined)?.openclaw));
  }
});

async function refreshSettings(): Promise<void> {
  try {
    const settings = (await connection.workspace.getConfiguration('openclaw')) as { version?: string } | null;
    applySettings(toServiceSettings(settings ?? undefined));
  } catch (error) {
    connection.console.error(`Could not read the openclaw settings: ${String(error)}`);
  }
}

/** New settings re-check open documents; the same settings again change nothing. */
function applySettings(settings: ServiceSettings): void {
  if (JSON.stringify(settings) === JSON.stringify(currentSettings)) return;
  currentSettings = settings;
  service.configure(settings);
  revalidateAll();
}

function toServiceSettings(settings: { version?: string } | undefined): ServiceSettings {
  return { openclawVersion: settings?.version || undefined };
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

documents.onDidOpen((event) => validate(event.document));

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

/** A failing feature logs and answers nothing; it never takes the server down. */
function guard<T>(feature: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    connection.console.error(`${feature} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return undefined;
  }
}

documents.listen(connection);
connection.listen();
