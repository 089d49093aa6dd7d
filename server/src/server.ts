import {
  CodeAction,
  CodeActionKind,
  CodeLens,
  CodeLensRefreshRequest,
  CompletionItem,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentHighlight,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  InitializeResult,
  InlayHint,
  InlayHintRefreshRequest,
  Location,
  LSPErrorCodes,
  MarkupKind,
  MessageType,
  ProposedFeatures,
  Range,
  ResponseError,
  SelectionRange,
  ShowMessageNotification,
  SymbolInformation,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CatalogStore } from './bedrock/catalogStore';
import { DiskFileSource } from './fileSource';
import { ModelComparison } from './modelComparison';
import { ModelTesting } from './modelTesting';
import { SchemaBundle } from './schemaBundle';
import {
  bedrockConnection,
  catalogSettings,
  maxDiagnosticsPerFile,
  mergeSettings,
  networkSettings,
  proxySettings,
  serviceSettings,
} from './settings';
import { WorkspaceTrust } from './trust';
import { commandArgument, notOpen, SERVER_COMMANDS } from './commandArguments';
import { OpenClawIntegration } from './openclawIntegration';
import {
  CATALOG_CHANGED_NOTIFICATION,
  CATALOG_PROBLEM_NOTIFICATION,
  CATALOG_STATUS_COMMAND,
  CatalogStatus,
  ADD_MODEL_COMMAND,
  AddModelParams,
  AddModelResult,
  CLIENT_TEST_COMMAND,
  COMPARE_MODELS_COMMAND,
  COMPARE_PROGRESS_NOTIFICATION,
  CompareModelsParams,
  CONFIGURATION_FILES_NOTIFICATION,
  MODEL_CHOICES_COMMAND,
  NEW_CONFIGURATION_COMMAND,
  NewConfigurationResult,
  ModelChoicesResult,
  REFRESH_CATALOG_COMMAND,
  RefreshCatalogResult,
  ServerInitializationOptions,
  ServerSettings,
  TEST_MODEL_COMMAND,
  TEST_OUTPUT_NOTIFICATION,
  TEST_TARGETS_COMMAND,
  TestModelParams,
  TRUST_GRANTED_NOTIFICATION,
} from './protocol';
import {
  CodeActionKind as ServiceCodeActionKind,
  createLanguageService,
  describeChoice,
  Diagnostic,
  StoredTestResult,
  summarizeMeasurements,
} from './service/languageService';

/*
 * The LSP adapter: it moves requests to the language service and answers back. Transport comes
 * from the command line (--stdio, --node-ipc, --socket=N), so the same file serves VS Code and any
 * other editor. The Bedrock catalog and test prompts (network, disk) live here, behind the service.
 */

const DIAGNOSTICS_DELAY_MS = 150;
/**
 * How long a document's first diagnostics wait for the bundled schema being read in the background
 * (about 50-100 ms when the server starts); past it, the schema is read in the foreground, as needed.
 */
const SCHEMA_WAIT_MS = 1000;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const pending = new Map<string, NodeJS.Timeout>();
const validatedVersions = new Map<string, number>();
const reportedProblems = new Set<string>();
let canPullConfiguration = false;
let canRefreshCodeLenses = false;
let canRefreshInlayHints = false;
let canWatchFiles = false;
let initialization: ServerInitializationOptions = {};
/** initializationOptions.settings: what the client's later settings are laid over (settings.ts). */
let initialSettings: ServerSettings = {};
let currentSettings: ServerSettings = {};
const trust = new WorkspaceTrust();

/** Bedrock in `region` as the current settings reach it. */
const connectionTo = (region: string, variant?: { fips?: boolean; dualStack?: boolean }) =>
  bedrockConnection(currentSettings, region, variant);
/** The catalog store's settings from `settings`, as trust allows. */
const catalogSettingsOf = (settings: ServerSettings) =>
  catalogSettings(settings, { trusted: trust.isTrusted, cacheDir: initialization.cacheDir, connection: (region) => connectionTo(region) });

const catalog = new CatalogStore(catalogSettingsOf({}), {
  log: (line) => connection.console.info(line),
  onUpdate: () => notifyCatalogChanged(),
  onProblem: (problem) => {
    notifyCatalogChanged();
    // Told once per problem and connection, not on every retry.
    const key = `${problem.region}\u0000${problem.connection.profile ?? ''}\u0000${problem.message}`;
    if (reportedProblems.has(key)) return;
    reportedProblems.add(key);
    const message = `The live Bedrock model list is unavailable, so completion uses the built-in list. ${problem.message}`;
    if (initialization.catalogNotifications)
      void connection.sendNotification(CATALOG_PROBLEM_NOTIFICATION, { region: problem.region, message });
    // A notification, not window/showMessageRequest: nothing waits on the user's answer.
    else void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  },
});

const testResults = new Map<string, StoredTestResult>();
const files = new DiskFileSource(
  (uri) => documents.get(uri),
  (path) => trust.refusesRead(path),
);
const service = createLanguageService({
  catalog,
  testResults: { last: (ref) => testResults.get(ref) },
  files,
  schemas: SchemaBundle.beside(__dirname),
});
const openclaw = new OpenClawIntegration({
  service,
  command: () => (trust.isTrusted ? currentSettings.cli?.path || 'openclaw' : undefined),
  validateOnSave: () => currentSettings.cli?.validateOnSave !== false,
  cacheDir: () => currentSettings.catalog?.cachePath || initialization.cacheDir,
  onVersionChange: () => {
    service.configure(serviceSettings(currentSettings, openclaw.installedVersion));
    revalidateAll();
  },
  revalidate: (uri) => (uri ? forceValidate(uri) : revalidateAll()),
  document: (uri) => documents.get(uri),
  maxDiagnostics: () => maxDiagnosticsPerFile(currentSettings),
  log: (line) => connection.console.info(line),
});
const testing = new ModelTesting({
  service,
  results: testResults,
  settings: () => currentSettings,
  connection: connectionTo,
  network: () => networkSettings(currentSettings),
  restricted: () => trust.restriction,
  output: (params) => void connection.sendNotification(TEST_OUTPUT_NOTIFICATION, params),
  log: (line) => connection.console.info(line),
});

const comparison = new ModelComparison({
  service,
  testing,
  settings: () => currentSettings,
  progress: (params) => void connection.sendNotification(COMPARE_PROGRESS_NOTIFICATION, params),
  log: (line) => connection.console.info(line),
});

connection.onInitialize((params): InitializeResult => {
  canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
  canRefreshCodeLenses = Boolean(params.capabilities.workspace?.codeLens?.refreshSupport);
  canRefreshInlayHints = Boolean(params.capabilities.workspace?.inlayHint?.refreshSupport);
  canWatchFiles = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
  initialization = (params.initializationOptions ?? {}) as ServerInitializationOptions;
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []);
  trust.start(
    initialization.trusted,
    folders.map((folder) => folder.uri),
  );
  initialSettings = mergeSettings({}, initialization.settings);
  applySettings(initialSettings);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['"', "'", '/'] },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, ServiceCodeActionKind.SourceFixAllOpenClaw],
      },
      codeLensProvider: {},
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      documentSymbolProvider: { label: 'OpenClaw' },
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      documentHighlightProvider: true,
      documentLinkProvider: { resolveProvider: false },
      inlayHintProvider: { resolveProvider: false },
      executeCommandProvider: { commands: SERVER_COMMANDS },
    },
    serverInfo: { name: 'openclaw-language-server' },
  };
});

connection.onInitialized(async () => {
  // Included files change on disk too; what is not watched is read again (if changed) at the next check.
  if (canWatchFiles) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{json,json5}' }] });
  }
  if (canPullConfiguration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: ['openclaw', 'http'] });
    await refreshSettings();
  }
  await openclaw.refresh();
});

connection.onNotification(TRUST_GRANTED_NOTIFICATION, () => {
  trust.grant();
  catalog.configure(catalogSettingsOf(currentSettings));
  void openclaw.refresh();
  for (const document of documents.all()) catalog.snapshot(service.getRegion(document));
  // Files outside the workspace can be read now: included files, .env.
  revalidateAll();
  notifyCatalogChanged();
});

connection.onDidChangeConfiguration(async (change) => {
  if (canPullConfiguration) {
    await refreshSettings();
  } else {
    // Pushed as { settings: { openclaw: {...}, http: {...} } }: laid over the initial settings, like pulled ones.
    const pushed = change.settings as { openclaw?: unknown; http?: unknown } | null | undefined;
    applySettings(mergeSettings(mergeSettings(initialSettings, pushed?.openclaw), proxySettings(pushed?.http)));
  }
});

async function refreshSettings(): Promise<void> {
  try {
    const [settings, http] = (await connection.workspace.getConfiguration([{ section: 'openclaw' }, { section: 'http' }])) as [
      unknown,
      unknown,
    ];
    applySettings(mergeSettings(mergeSettings(initialSettings, settings), proxySettings(http)));
  } catch (error) {
    connection.console.error(`Could not read the openclaw settings: ${String(error)}`);
  }
}

/** New settings re-check open documents; the same settings again change nothing. */
function applySettings(settings: ServerSettings): void {
  if (JSON.stringify(settings) === JSON.stringify(currentSettings)) return;
  const cliChanged = JSON.stringify(settings.cli) !== JSON.stringify(currentSettings.cli);
  const hintsChanged = JSON.stringify(settings.inlayHints) !== JSON.stringify(currentSettings.inlayHints);
  currentSettings = settings;
  service.configure(serviceSettings(settings, openclaw.installedVersion));
  // The schema of the version the settings point to, read while the client sets up and opens files.
  void service.prepareSchema();
  catalog.configure(catalogSettingsOf(settings));
  revalidateAll();
  notifyCatalogChanged();
  if (cliChanged) void openclaw.refresh();
  if (hintsChanged) refreshInlayHints();
}

function notifyCatalogChanged(): void {
  if (initialization.catalogNotifications) void connection.sendNotification(CATALOG_CHANGED_NOTIFICATION);
  // Hints show list prices from the catalog.
  refreshInlayHints();
}

/** Asks the editor for inlay hints again (the setting or the catalog changed), when it can be asked. */
function refreshInlayHints(): void {
  if (canRefreshInlayHints) connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
}

function revalidateAll(): void {
  validatedVersions.clear();
  for (const document of documents.all()) validate(document);
}

function validate(document: TextDocument): void {
  pending.delete(document.uri);
  if (validatedVersions.get(document.uri) === document.version) return;
  validatedVersions.set(document.uri, document.version);
  // The analysis (the parse) now, the checks in a later turn of the event loop: a hover or a
  // completion that came in meanwhile needs only the analysis, and is answered in between. On a
  // 2 MB file each half takes about a second.
  guard('analysis', () => service.getConfigurationFiles(document));
  const check = () => {
    // Closed or edited meanwhile: nothing to publish, or a newer version will be.
    if (documents.get(document.uri) !== document || validatedVersions.get(document.uri) !== document.version) return;
    const diagnostics = guard('diagnostics', () => service.getDiagnostics(document)) ?? [];
    void connection.sendDiagnostics({
      uri: document.uri,
      version: document.version,
      diagnostics: [...diagnostics, ...openclaw.extraDiagnostics(document)],
    });
    scheduleConfigurationRefresh();
  };
  // The schema of the version this file is checked with, read without blocking if it is not yet.
  const schemaReady = guard('schema', () => service.prepareSchema(document));
  if (!schemaReady) {
    setTimeout(check, 0);
    return;
  }
  let waited: NodeJS.Timeout | undefined;
  void Promise.race([schemaReady, new Promise<void>((resolve) => (waited = setTimeout(resolve, SCHEMA_WAIT_MS)))]).then(() => {
    clearTimeout(waited);
    setTimeout(check, 0);
  });
}

/** An edit to one file of a configuration changes what its other open files show. */
function validateDependents(changed: TextDocument): void {
  for (const document of documents.all()) {
    if (document.uri === changed.uri) continue;
    const related = guard('configuration files', () => service.getConfigurationFiles(document)) ?? [];
    if (related.includes(changed.uri)) forceValidate(document.uri);
  }
}

/** Files of open configurations that are not open themselves: their diagnostics, and the client told which files are included. */
const closedFilesWithDiagnostics = new Set<string>();
let includedFiles = '';
let configurationRefresh: NodeJS.Timeout | undefined;

function scheduleConfigurationRefresh(): void {
  clearTimeout(configurationRefresh);
  configurationRefresh = setTimeout(refreshConfigurations, DIAGNOSTICS_DELAY_MS);
}

function refreshConfigurations(): void {
  const closed = new Map<string, Diagnostic[]>();
  const included = new Set<string>();
  for (const document of documents.all()) {
    const related = guard('configuration files', () => service.getConfigurationFiles(document)) ?? [];
    if (related.length < 2) continue;
    related.slice(1).forEach((uri) => included.add(uri));
    for (const { uri, diagnostics } of guard('configuration diagnostics', () => service.getConfigurationDiagnostics(document)) ?? []) {
      if (!documents.get(uri)) closed.set(uri, diagnostics);
    }
  }
  for (const uri of closedFilesWithDiagnostics) {
    if (!closed.has(uri) && !documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  }
  closedFilesWithDiagnostics.clear();
  for (const [uri, diagnostics] of closed) {
    closedFilesWithDiagnostics.add(uri);
    void connection.sendDiagnostics({ uri, diagnostics });
  }
  const list = [...included].sort();
  if (JSON.stringify(list) !== includedFiles) {
    includedFiles = JSON.stringify(list);
    void connection.sendNotification(CONFIGURATION_FILES_NOTIFICATION, { uris: list });
  }
}

function forceValidate(uri: string): void {
  validatedVersions.delete(uri);
  const document = documents.get(uri);
  if (document) validate(document);
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
      if (!document) return;
      validate(document);
      validateDependents(document);
    }, DIAGNOSTICS_DELAY_MS),
  );
});

documents.onDidSave((event) => void openclaw.crossCheck(event.document));

documents.onDidClose((event) => {
  const { uri } = event.document;
  openclaw.forget(uri);
  clearTimeout(pending.get(uri));
  pending.delete(uri);
  validatedVersions.delete(uri);
  toldNotFormatted.delete(uri);
  service.forget(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
  // What other files of its configuration show now comes from the file on disk.
  validateDependents(event.document);
  scheduleConfigurationRefresh();
});

connection.onDidChangeWatchedFiles((params) => {
  for (const change of params.changes) files.changed(change.uri);
  revalidateAll();
});

connection.onDefinition((params): Location[] => {
  const document = documents.get(params.textDocument.uri);
  return (document && guard('definition', () => service.getDefinition(document, params.position))) || [];
});

connection.onReferences((params): Location[] => {
  const document = documents.get(params.textDocument.uri);
  return (document && guard('references', () => service.getReferences(document, params.position, params.context.includeDeclaration))) || [];
});

connection.onPrepareRename((params) => {
  const document = documents.get(params.textDocument.uri);
  return (document && guard('rename', () => service.prepareRename(document, params.position))) || null;
});

connection.onRenameRequest((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const result = guard('rename', () => service.getRename(document, params.position, params.newName));
  // A string says why the rename cannot be done; the editor shows it.
  if (typeof result === 'string') return new ResponseError(LSPErrorCodes.RequestFailed, result);
  return result ?? null;
});

connection.onHover((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const hover = guard('hover', () => service.getHover(document, params.position));
  if (!hover) return null;
  let value = hover.contents;
  if (hover.modelRef && initialization.handlesTestCommand) {
    const args = encodeURIComponent(JSON.stringify([document.uri, hover.modelRef]));
    value += `\n\n[$(play) Test this model](command:${CLIENT_TEST_COMMAND}?${args} "Send a test prompt to ${hover.modelRef}")`;
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range: hover.range };
});

connection.onCompletion((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const list = guard('completion', () => service.getCompletion(document, params.position)) ?? { items: [], isIncomplete: false };
  return {
    isIncomplete: list.isIncomplete,
    items: list.items.map((item): CompletionItem => ({
      ...item,
      documentation: item.documentation ? { kind: MarkupKind.Markdown, value: item.documentation } : undefined,
    })),
  };
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
  return (actions ?? []).map((action): CodeAction => ({
    title: action.title,
    kind: action.kind,
    diagnostics: action.diagnostics,
    isPreferred: action.isPreferred,
    edit: action.edit,
  }));
});

connection.onCodeLens((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  return (guard('code lenses', () => service.getModelLenses(document)) ?? []).map((lens): CodeLens => {
    const last = testResults.get(lens.ref);
    // VS Code draws $(play) as an icon; other editors get a plain character.
    const icon = initialization.handlesTestCommand ? '$(play)' : '▶';
    const title = last ? `${icon} Test · last: ${summarizeMeasurements(last.measurements)}` : `${icon} Test`;
    const command = initialization.handlesTestCommand
      ? { title, command: CLIENT_TEST_COMMAND, arguments: [document.uri, lens.ref] }
      : { title, command: TEST_MODEL_COMMAND, arguments: [{ uri: document.uri, reference: lens.ref } satisfies TestModelParams] };
    return { range: { start: lens.range.start, end: lens.range.start }, command };
  });
});

connection.onDocumentSymbol((params): DocumentSymbol[] => {
  const document = documents.get(params.textDocument.uri);
  return (document && guard('document symbols', () => service.getDocumentSymbols(document))) || [];
});

connection.onWorkspaceSymbol(
  (params): SymbolInformation[] => guard('workspace symbols', () => service.getWorkspaceSymbols(documents.all(), params.query)) ?? [],
);

connection.onFoldingRanges((params): FoldingRange[] => {
  const document = documents.get(params.textDocument.uri);
  return (document && guard('folding ranges', () => service.getFoldingRanges(document))) || [];
});

connection.onSelectionRanges((params): SelectionRange[] => {
  const document = documents.get(params.textDocument.uri);
  return (document && guard('selection ranges', () => service.getSelectionRanges(document, params.positions))) || [];
});

connection.onDocumentHighlight((params): DocumentHighlight[] => {
  const document = documents.get(params.textDocument.uri);
  return (document && guard('document highlight', () => service.getDocumentHighlights(document, params.position))) || [];
});

connection.onDocumentLinks((params): DocumentLink[] => {
  const document = documents.get(params.textDocument.uri);
  return (document && guard('document links', () => service.getDocumentLinks(document))) || [];
});

connection.languages.inlayHint.on((params): InlayHint[] => {
  const document = documents.get(params.textDocument.uri);
  if (!document || currentSettings.inlayHints?.enabled === false) return [];
  return guard('inlay hints', () => service.getInlayHints(document, params.range)) ?? [];
});

connection.onDocumentFormatting((params) => format(params.textDocument.uri, params.options));
connection.onDocumentRangeFormatting((params) => format(params.textDocument.uri, params.options, params.range));

/** The version of each document last told why it is not formatted: once per version, not on every format-on-save. */
const toldNotFormatted = new Map<string, number>();

/**
 * A document that does not parse gets no edits and a warning saying why (window/showMessage: VS Code and
 * Neovim both show it as such). Not a ResponseError: VS Code's client turns one into an error toast
 * "Request textDocument/formatting failed." with the reason only in the output channel, and a save
 * with format-on-save would carry that error; a broken file is an ordinary state while typing.
 */
function format(uri: string, options: { tabSize: number; insertSpaces: boolean }, range?: Range): TextEdit[] | null {
  const document = documents.get(uri);
  if (!document) return null;
  const { tabSize, insertSpaces } = options;
  const result = guard('formatting', () => service.getFormatting(document, { tabSize, insertSpaces }, range));
  if (typeof result !== 'string') return result ?? [];
  connection.console.info(`${uri}: ${result}`);
  if (toldNotFormatted.get(uri) !== document.version) {
    toldNotFormatted.set(uri, document.version);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: result });
  }
  return [];
}

connection.onExecuteCommand(async (params, token, workDone) => {
  const { command } = params;
  // Throws InvalidParams for an unknown command or arguments it does not take.
  const argument = commandArgument<{ uri?: string }>(command, params.arguments);
  switch (command) {
    case REFRESH_CATALOG_COMMAND:
      return refreshCatalog(documentFor(command, argument.uri));
    case CATALOG_STATUS_COMMAND:
      return catalogStatus(documentFor(command, argument.uri));
    case TEST_TARGETS_COMMAND:
      return testing.targets(openDocument(command, argument.uri!));
    case MODEL_CHOICES_COMMAND:
      return modelChoices(openDocument(command, argument.uri!));
    case ADD_MODEL_COMMAND:
      return addModel(openDocument(command, argument.uri!), argument as AddModelParams);
    case NEW_CONFIGURATION_COMMAND:
      return service.getNewConfiguration() satisfies NewConfigurationResult;
    case COMPARE_MODELS_COMMAND: {
      const result = await comparison.run(openDocument(command, argument.uri!), argument as CompareModelsParams, token, workDone);
      if (canRefreshCodeLenses) void connection.sendRequest(CodeLensRefreshRequest.type);
      return result;
    }
    default: {
      const result = await testing.run(openDocument(command, argument.uri!), argument as TestModelParams, token);
      if (canRefreshCodeLenses) void connection.sendRequest(CodeLensRefreshRequest.type);
      return result;
    }
  }
});

/** The open document a command names; InvalidParams when it is not open. */
function openDocument(command: string, uri: string): TextDocument {
  const document = documents.get(uri);
  if (!document) throw notOpen(command, uri);
  return document;
}

/** The document a command names, else (none named) the first open one, whose region the catalog is for. */
function documentFor(command: string, uri: string | undefined): TextDocument | undefined {
  return uri === undefined ? documents.all()[0] : openDocument(command, uri);
}

function modelChoices(document: TextDocument): ModelChoicesResult {
  const region = service.getRegion(document);
  const choices = guard('model choices', () => service.getModelChoices(document)) ?? [];
  return {
    region,
    origin: catalog.snapshot(region).origin,
    choices: choices.map((choice) => ({ id: choice.id, name: choice.name, detail: describeChoice(choice) })),
  };
}

async function addModel(document: TextDocument, params: AddModelParams): Promise<AddModelResult> {
  const added = guard('add model', () => service.getAddModel(document, params.id));
  if (added === undefined) return { problem: 'Adding the model failed; the "OpenClaw" output says why.' };
  if (typeof added === 'string') return { problem: added };
  if (params.apply) {
    const applied = await connection.workspace.applyEdit({ label: `Add ${added.ref}`, edit: added.edit });
    if (!applied.applied)
      return { problem: `The editor did not apply the edit${applied.failureReason ? `: ${applied.failureReason}` : ''}.` };
  }
  return { ref: added.ref, alias: added.alias, edit: added.edit, selection: added.selection };
}

async function refreshCatalog(document: TextDocument | undefined): Promise<RefreshCatalogResult> {
  const region = service.getRegion(document);
  if (!trust.isTrusted) return { region, origin: 'built-in', count: catalog.snapshot(region).entries.length, problem: trust.restriction };
  try {
    const snapshot = await catalog.refresh(region);
    return { region, origin: snapshot.origin, count: snapshot.entries.length };
  } catch (error) {
    // What is served stays: a catalog fetched earlier, or the built-in list.
    const served = catalog.snapshot(region);
    return { region, origin: served.origin, count: served.entries.length, problem: (error as Error).message };
  }
}

function catalogStatus(document: TextDocument | undefined): CatalogStatus {
  const region = service.getRegion(document);
  const snapshot = catalog.snapshot(region);
  return {
    region,
    profile: connectionTo(region).profile,
    origin: snapshot.origin,
    count: snapshot.entries.length,
    fetchedAt: snapshot.fetchedAt,
    problem: snapshot.problem,
    restricted: trust.restriction,
    schema: document && guard('schema label', () => service.getSchemaLabel(document)),
  };
}

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
process.on('unhandledRejection', (reason) =>
  connection.console.error(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`),
);

documents.listen(connection);
connection.listen();
