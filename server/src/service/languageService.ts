import { homedir } from 'os';
import { delimiter, resolve } from 'path';
import { URI } from 'vscode-uri';
import { addModel, AddedModel, ModelChoice, modelChoices } from './features/addModel';
import { defaultAgentChain } from './features/agentChain';
import { Analysis } from './config/analysis';
import { builtInFacts, builtInSnapshot } from './catalog/builtInCatalog';
import { baseModelId, CatalogIndex, CatalogSnapshot, CatalogSource } from './catalog/catalog';
import { CodeActionContext, CodeActionRequest, computeCodeActions, FixAllPlan, planFixAll } from './features/codeActions';
import { computeModelLenses, ModelLens } from './features/codeLens';
import { computeCompletion } from './features/completion';
import { computeDiagnostics } from './features/diagnostics';
import { computeDocumentHighlights } from './features/documentHighlight';
import { computeDocumentSymbols, computeWorkspaceSymbols } from './features/documentSymbols';
import { computeFoldingRanges } from './features/folding';
import { computeIncludeLinks } from './features/includeLinks';
import { computeInlayHints } from './features/inlayHints';
import { computeSelectionRanges } from './features/selectionRanges';
import { dotenvPaths, Environment } from './config/envVars';
import { fsPathOf } from './config/includes';
import { computeFormatting } from './features/formatting';
import { computeHover } from './features/hover';
import { KeyHistory, KeyHistorySource } from './schema/keyHistory';
import { findTestTarget, listTestTargets, ModelTestTarget, TestResultSource } from './features/modelTests';
import { rewriteModelId } from './edits/renameModel';
import { buildConfigModel } from './config/configModel';
import { newConfigurationText } from './features/newConfiguration';
import { compareVersions, resolveTargetVersion } from './config/openclawVersions';
import { resolveRegion } from './config/region';
import { JsonSchema } from './schema/jsonSchema';
import { ownedSchema } from './schema/ownedSchema';
import { SchemaValidator } from './schema/schemaValidator';
import { findNodeAtDottedPath, keyOf } from './parser/ast';
import { computeDefinition, computeReferences, computeRename, prepareRename, RenameTarget } from './features/navigation';
import {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  FormattingOptions,
  Hover,
  InlayHint,
  Location,
  Position,
  Range,
  SelectionRange,
  ServiceSettings,
  TextDocumentLike,
  TextEdit,
  WorkspaceEdit,
  WorkspaceSymbol,
} from './types';
import { ConfigWorkspace, FileSource } from './config/workspace';

/** The facade: every feature over one parse per document version. No LSP, no VS Code, no I/O. */
export interface LanguageService {
  getDiagnostics(document: TextDocumentLike): Diagnostic[];
  getHover(document: TextDocumentLike, position: Position): Hover | undefined;
  getCodeActions(document: TextDocumentLike, request: CodeActionRequest): CodeAction[];
  /** The fixes with one right answer, all at once (the source.fixAll action's): for `openclaw-config check --fix`. */
  getFixAll(document: TextDocumentLike): FixAllPlan | undefined;
  getCompletion(document: TextDocumentLike, position: Position): CompletionList;
  /** The model entry a reference, alias-map key or alias selects, in whichever file it is. */
  getDefinition(document: TextDocumentLike, position: Position): Location[];
  /** Every reference to the model (or the alias) under the cursor, across the configuration's files. */
  getReferences(document: TextDocumentLike, position: Position, includeDeclaration: boolean): Location[];
  /** What a rename at the cursor renames (a model id or an alias), if anything. */
  prepareRename(document: TextDocumentLike, position: Position): RenameTarget | undefined;
  /** The edits of a rename across the configuration's files, or why it cannot be done. */
  getRename(document: TextDocumentLike, position: Position, newName: string): WorkspaceEdit | string;
  /** Catalog models not configured yet, for "Add Bedrock Model". */
  getModelChoices(document: TextDocumentLike): ModelChoice[];
  /** The edit that adds a catalog model with its alias, and where its id lands; or why it cannot. */
  getAddModel(document: TextDocumentLike, id: string): AddedModel | string;
  /** The files of the configuration a document belongs to, the root first (uris). */
  getConfigurationFiles(document: TextDocumentLike): string[];
  /** Diagnostics of each of those files, from the configuration as a whole (for files not open). */
  getConfigurationDiagnostics(document: TextDocumentLike): { uri: string; diagnostics: Diagnostic[] }[];
  /** Which schema checks a document's configuration, in words: "the bundled schema of OpenClaw 2026.9.6". */
  getSchemaLabel(document: TextDocumentLike): string;
  /** The AWS region a document's Bedrock catalog is for; without a document, from settings alone. */
  getRegion(document: TextDocumentLike | undefined): string;
  /** A "Test" lens per configured Bedrock model. */
  getModelLenses(document: TextDocumentLike): ModelLens[];
  /** The configured Bedrock models a test prompt can go to. */
  getTestTargets(document: TextDocumentLike): ModelTestTarget[];
  /** The test target a reference (provider/id or alias) names. */
  getTestTarget(document: TextDocumentLike, reference: string): ModelTestTarget | undefined;
  /** The default agent's model chain (primary, then fallbacks), as provider/id refs of configured models. */
  getDefaultChain(document: TextDocumentLike): string[];
  /** Inference profile ids to use for a foundation model id, best first. */
  getSuggestedProfiles(document: TextDocumentLike, modelId: string): string[];
  /**
   * Where a path printed by OpenClaw's validator points, in whichever file of the configuration: the
   * key of the value it names, or its first character; the root file's start when it names nothing.
   */
  locatePath(document: TextDocumentLike, dottedPath: string): Location;
  /** The texts of the configuration's files, the root first, as the editor has them. */
  getConfigurationSources(document: TextDocumentLike): { uri: string; text: string }[];
  /** Edits that rename a configured model's id everywhere the configuration names it. */
  getModelIdRewrite(document: TextDocumentLike, reference: string, newId: string): WorkspaceEdit | undefined;
  /** A minimal configuration for Bedrock in the settings' region, for the version in use, as OpenClaw writes its file. */
  getNewConfiguration(): { text: string; region: string; version: string };
  configure(settings: ServiceSettings): void;
  /** The installed OpenClaw's schema; none: the extension's own schema for the sections it knows. */
  setSchema(schema: SchemaValidator | undefined): void;
  /**
   * Reads ahead of need the bundled schema a document is checked with (without a document: the version
   * the settings point to), the bundle decompressed off the main thread. Undefined when there is
   * nothing to wait for; else resolves once it is ready, or could not be read (it is then read on
   * first need, as without this).
   */
  prepareSchema(document?: TextDocumentLike): Promise<void> | undefined;
  /** Drops what is cached for a closed document. */
  forget(uri: string): void;
  /** Edits that format the document (only the lines of `range`, if given), or why it is not formatted (a syntax error). */
  getFormatting(document: TextDocumentLike, options: FormattingOptions, range?: Range): TextEdit[] | string;
  /** The file's tree for the Outline and breadcrumbs: models by name, aliases by alias, the rest by key. */
  getDocumentSymbols(document: TextDocumentLike): DocumentSymbol[];
  /** Models and aliases of the configurations behind `documents` whose name holds the query's characters in order. */
  getWorkspaceSymbols(documents: TextDocumentLike[], query: string): WorkspaceSymbol[];
  getFoldingRanges(document: TextDocumentLike): FoldingRange[];
  /** Smart select at each position: the string's content, the string, its property, the object, ... */
  getSelectionRanges(document: TextDocumentLike, positions: Position[]): SelectionRange[];
  /** Where this file names the model or alias under the cursor: its definition Write, its uses Read. */
  getDocumentHighlights(document: TextDocumentLike, position: Position): DocumentHighlight[];
  /** `$include` paths whose file was read, as links to it. */
  getDocumentLinks(document: TextDocumentLike): DocumentLink[];
  /** Prices and context windows after model references, the example request's span after `fallbacks`, within `range`. */
  getInlayHints(document: TextDocumentLike, range: Range): InlayHint[];
}

export interface LanguageServiceOptions {
  settings?: ServiceSettings;
  /** Where files a configuration `$include`s are read from; without it, includes cannot be read. */
  files?: FileSource;
  /** Where the Bedrock catalog comes from; the built-in table when not given. */
  catalog?: CatalogSource;
  /** Results of test prompts, shown on hover. */
  testResults?: TestResultSource;
  /** OpenClaw's schema of each release, bundled with the extension: for files checked without an installed `openclaw`. */
  schemas?: SchemaSource;
}

/** OpenClaw's schemas by release (the server's SchemaBundle reads them from disk), and what changed between them. */
export interface SchemaSource extends KeyHistorySource {
  /** The release whose schema applies to a version: the same, else the newest before it; none before the first. */
  releaseFor(version: string): string | undefined;
  /** A release's schema, as `openclaw config schema` printed it; a new object each time. */
  load(release: string): JsonSchema;
  /** The same, read without blocking (the server's bundle decompresses on libuv's threads). */
  loadAsync?(release: string): Promise<JsonSchema>;
  /** The first release that has the key at a path of a file, when it came after the oldest bundled one. */
  sinceOfPath?(path: readonly (string | number)[]): string | undefined;
}

/** The built-in table as a catalog source: no network, same answer every time. */
export const builtInCatalogSource: CatalogSource = {
  snapshot: (region) => builtInSnapshot(region),
  facts: (id) => builtInFacts(baseModelId(id)),
};

const EMPTY_CONFIG = buildConfigModel(undefined);

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  let settings = options.settings ?? {};
  const catalog = options.catalog ?? builtInCatalogSource;
  const indexes = new WeakMap<CatalogSnapshot, CatalogIndex>();
  const workspace = new ConfigWorkspace(options.files, () => includeRoots(settings.env ?? {}));
  const analyze = (document: TextDocumentLike): Analysis => workspace.analyze(document);

  let installedSchema: SchemaValidator | undefined;
  /** Our schemas, one per stretch of OpenClaw versions that share one (keyed by the schema itself). */
  const ownedSchemas = new Map<string, SchemaValidator>();
  const ownedByVersion = new Map<string, SchemaValidator>();
  /** Bundled schemas, by release, loaded on first use (undefined: it could not be read). */
  const bundledSchemas = new Map<string, SchemaValidator | undefined>();
  const bundledLabel = (release: string) => `the bundled schema of OpenClaw ${release}`;
  const bundledSchema = (version: string): SchemaValidator | undefined => {
    const release = options.schemas?.releaseFor(version);
    if (!release) return undefined;
    if (!bundledSchemas.has(release)) {
      let validator: SchemaValidator | undefined;
      try {
        validator = new SchemaValidator(options.schemas!.load(release), bundledLabel(release));
      } catch {
        // A damaged bundle: the extension's own schema serves, as before bundles existed.
      }
      bundledSchemas.set(release, validator);
    }
    return bundledSchemas.get(release);
  };
  const keys = new KeyHistory(options.schemas, bundledSchema);
  /** Bundled schemas being read ahead (prepareSchema), by release. */
  const preparing = new Map<string, Promise<void>>();
  const prepareBundledSchema = (version: string): Promise<void> | undefined => {
    const source = options.schemas;
    const release = source?.releaseFor(version);
    if (!source || !release || bundledSchemas.has(release)) return undefined;
    let prepared = preparing.get(release);
    if (!prepared) {
      const loaded = source.loadAsync ? source.loadAsync(release) : Promise.resolve().then(() => source.load(release));
      prepared = loaded
        .then((schema) => {
          // Unless a document needed it meanwhile, and read it then.
          if (!bundledSchemas.has(release)) bundledSchemas.set(release, new SchemaValidator(schema, bundledLabel(release)));
        })
        .catch(() => undefined)
        .finally(() => preparing.delete(release));
      preparing.set(release, prepared);
    }
    return prepared;
  };
  const targetOf = (analysis: Analysis) =>
    resolveTargetVersion(
      settings.installedVersion,
      analysis.config.lastTouchedVersion?.value,
      settings.openclawVersion,
      settings.openclawVersionFrom,
    );
  /** The installed OpenClaw's schema when its version is the one checked; else the bundled one of that version; else ours. */
  const schemaFor = (analysis: Analysis): SchemaValidator => {
    const { version } = targetOf(analysis);
    // The installed schema knows its installed plugins, but only of its own version.
    if (installedSchema && (settings.installedVersion === undefined || compareVersions(version, settings.installedVersion) === 0))
      return installedSchema;
    return schemaOfVersion(version);
  };
  /** Without the installed OpenClaw's: the bundled schema of a version, else ours. */
  const schemaOfVersion = (version: string): SchemaValidator => {
    const bundled = bundledSchema(version);
    if (bundled) return bundled;
    // Built and compared once per version: printing the schema to find its validator cost a small file's pass a tenth of its time.
    let validator = ownedByVersion.get(version);
    if (!validator) {
      const schema = ownedSchema(version);
      const key = JSON.stringify(schema);
      validator =
        ownedSchemas.get(key) ?? new SchemaValidator(schema, "the extension's own schema (models, agents and the Bedrock plugin)");
      ownedSchemas.set(key, validator);
      ownedByVersion.set(version, validator);
    }
    return validator;
  };

  const regionOf = (analysis: Analysis | undefined) =>
    resolveRegion(analysis?.config ?? EMPTY_CONFIG, settings.awsRegion, settings.env ?? {}).region;

  const diagnosticsOf = (analysis: Analysis): Diagnostic[] => {
    const target = targetOf(analysis);
    return computeDiagnostics(analysis, {
      target,
      catalog: catalogFor(analysis),
      facts: catalog.facts,
      schema: schemaFor(analysis),
      keys,
      changes: {
        writerSchema: () => (target.writtenBy ? schemaOfVersion(target.writtenBy) : undefined),
        since: (path) => options.schemas?.sinceOfPath?.(path),
      },
      env: () => environmentOf(analysis),
      maxDiagnostics: settings.maxDiagnosticsPerFile,
    });
  };

  /** The server's environment and the env files OpenClaw reads for this configuration (see envVars.ts), through the file source. */
  const environmentOf = (analysis: Analysis): Environment => {
    const env = settings.env ?? {};
    const root = URI.parse(analysis.graph.root.uri);
    const home = env.HOME || homedir();
    const paths = dotenvPaths(env, home, root.scheme === 'file' ? fsPathOf(analysis.graph.root.uri) : undefined);
    return new Environment(
      env,
      paths.map((path) => ({ path, text: options.files?.get(URI.file(path).toString())?.getText() })),
      home,
    );
  };

  const codeActionContext = (document: TextDocumentLike, analysis: Analysis): CodeActionContext => ({
    target: targetOf(analysis),
    catalog: catalogFor(analysis),
    facts: catalog.facts,
    schema: schemaFor(analysis),
    keys,
    maxDiagnostics: settings.maxDiagnosticsPerFile,
    reanalyze: (texts) => workspace.reanalyze(document, texts),
  });

  const catalogFor = (analysis: Analysis): CatalogIndex => catalogIndexOf(catalog.snapshot(regionOf(analysis)));
  const catalogIndexOf = (snapshot: CatalogSnapshot): CatalogIndex => {
    let index = indexes.get(snapshot);
    if (!index) {
      index = new CatalogIndex(snapshot);
      indexes.set(snapshot, index);
    }
    return index;
  };

  return {
    getDiagnostics: (document) => diagnosticsOf(analyze(document)),
    getConfigurationFiles: (document) => analyze(document).graph.files.map((file) => file.uri),
    getConfigurationDiagnostics: (document) => {
      const analysis = analyze(document);
      return analysis.graph.files.map((file) => ({ uri: file.uri, diagnostics: diagnosticsOf(analysis.viewFrom(file)) }));
    },
    getModelChoices: (document) => {
      const analysis = analyze(document);
      return modelChoices(analysis, { catalog: catalogFor(analysis), facts: catalog.facts });
    },
    getAddModel: (document, id) => {
      const analysis = analyze(document);
      const reanalyze = (texts: ReadonlyMap<string, string>) => workspace.reanalyze(document, texts);
      return addModel(
        analysis,
        { catalog: catalogFor(analysis), facts: catalog.facts, reanalyze, version: targetOf(analysis).version },
        id,
      );
    },
    getDefinition: (document, position) => computeDefinition(analyze(document), position),
    getReferences: (document, position, includeDeclaration) => computeReferences(analyze(document), position, includeDeclaration),
    prepareRename: (document, position) => prepareRename(analyze(document), position),
    getRename: (document, position, newName) => computeRename(analyze(document), position, newName),
    getHover: (document, position) => {
      const analysis = analyze(document);
      return computeHover(analysis, position, {
        catalog: catalogFor(analysis),
        facts: catalog.facts,
        testResults: options.testResults,
        schema: schemaFor(analysis),
        keys,
        target: targetOf(analysis),
        env: () => environmentOf(analysis),
      });
    },
    getCodeActions: (document, request) => {
      const analysis = analyze(document);
      return computeCodeActions(analysis, request, codeActionContext(document, analysis));
    },
    getFixAll: (document) => {
      const analysis = analyze(document);
      return planFixAll(analysis, codeActionContext(document, analysis));
    },
    getCompletion: (document, position) => {
      const analysis = analyze(document);
      return computeCompletion(analysis, position, {
        catalog: catalogFor(analysis),
        facts: catalog.facts,
        schema: schemaFor(analysis),
        keys,
      });
    },
    getRegion: (document) => regionOf(document && analyze(document)),
    getSchemaLabel: (document) => schemaFor(analyze(document)).label,
    getModelLenses: (document) => computeModelLenses(analyze(document)),
    getTestTargets: (document) => {
      const analysis = analyze(document);
      return listTestTargets(analysis, { catalog: catalogFor(analysis), facts: catalog.facts });
    },
    getTestTarget: (document, reference) => {
      const analysis = analyze(document);
      return findTestTarget(analysis, reference, { catalog: catalogFor(analysis), facts: catalog.facts });
    },
    locatePath: (document, dottedPath) => {
      const analysis = analyze(document);
      const node = findNodeAtDottedPath(analysis.root, dottedPath);
      if (!node || dottedPath === '<root>') return { uri: analysis.graph.root.uri, range: analysis.graph.root.range(0, 0) };
      const property = node.parent?.type === 'property' ? node.parent : undefined;
      const file = analysis.fileOf(node);
      return { uri: file.uri, range: property ? file.nodeRange(keyOf(property)) : file.range(node.offset, 1) };
    },
    getConfigurationSources: (document) => analyze(document).graph.files.map((file) => ({ uri: file.uri, text: file.text })),
    getDefaultChain: (document) => defaultAgentChain(analyze(document)),
    getSuggestedProfiles: (document, modelId) => catalogFor(analyze(document)).suggestedProfileIds(modelId),
    getModelIdRewrite: (document, reference, newId) => {
      const analysis = analyze(document);
      const resolution = analysis.resolver.resolve(reference);
      return resolution.kind === 'model' ? rewriteModelId(analysis, resolution.model, newId).toWorkspaceEdit() : undefined;
    },
    getNewConfiguration: () => {
      const region = regionOf(undefined);
      const { version } = resolveTargetVersion(
        settings.installedVersion,
        undefined,
        settings.openclawVersion,
        settings.openclawVersionFrom,
      );
      const index = catalogIndexOf(catalog.snapshot(region));
      return { text: newConfigurationText(region, version, { catalog: index, facts: catalog.facts }), region, version };
    },
    configure(next) {
      settings = next;
    },
    setSchema(schema) {
      installedSchema = schema;
    },
    prepareSchema: (document) => {
      const { version } = document
        ? targetOf(analyze(document))
        : resolveTargetVersion(settings.installedVersion, undefined, settings.openclawVersion);
      // The installed OpenClaw's own schema serves its version.
      if (installedSchema && settings.installedVersion !== undefined && compareVersions(version, settings.installedVersion) === 0)
        return undefined;
      return prepareBundledSchema(version);
    },
    forget(uri) {
      workspace.forget(uri);
    },
    getFormatting: (document, options, range) => computeFormatting(analyze(document).file, options, range),
    getDocumentSymbols: (document) => computeDocumentSymbols(analyze(document)),
    getWorkspaceSymbols: (documents, query) => computeWorkspaceSymbols(documents.map(analyze), query),
    getFoldingRanges: (document) => computeFoldingRanges(analyze(document).file),
    getSelectionRanges: (document, positions) => computeSelectionRanges(analyze(document).file, positions),
    getDocumentHighlights: (document, position) => computeDocumentHighlights(analyze(document), position),
    getDocumentLinks: (document) => computeIncludeLinks(analyze(document)),
    getInlayHints: (document, range) => {
      const analysis = analyze(document);
      return computeInlayHints(analysis, range, { catalog: catalogFor(analysis), facts: catalog.facts });
    },
  };
}

/** OPENCLAW_INCLUDE_ROOTS: more folders includes may come from, separated as PATH is. */
function includeRoots(env: Readonly<Record<string, string | undefined>>): string[] {
  return (env.OPENCLAW_INCLUDE_ROOTS ?? '')
    .split(delimiter)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => resolve(entry.startsWith('~') ? entry.replace(/^~/, env.HOME ?? homedir()) : entry));
}

export type { CodeActionRequest, FixAllPlan } from './features/codeActions';
export type { FileSource } from './config/workspace';
export type { RealPath } from './config/includes';
export type { RenameTarget } from './features/navigation';
export type { AddedModel, ModelChoice } from './features/addModel';
export { describeChoice } from './features/addModel';
export { DEFAULT_MAX_DIAGNOSTICS, validatorPathOf } from './features/diagnostics';
export { quoteForMessage } from './utils/quoteForMessage';
export { SchemaValidator } from './schema/schemaValidator';
export { isPathInside } from './config/includes';
export type { JsonSchema } from './schema/jsonSchema';
export type { ModelLens } from './features/codeLens';
export type { ModelTestTarget, StoredTestResult, TestMeasurements, TestPrices } from './features/modelTests';
export { comparisonMarkdown, comparisonRows, runFigures } from './features/modelComparison';
export type { ComparedColumn, ComparisonRow, RunFigures } from './features/modelComparison';
export {
  describeTestTarget,
  formatDuration,
  formatMeasurements,
  measurementFacts,
  summarizeMeasurements,
  testFigures,
} from './features/modelTests';
export type { CatalogEntry, CatalogSnapshot, CatalogSource, ModelFacts } from './catalog/catalog';
export * from './types';
export { createTextDocument } from './parser/document';
