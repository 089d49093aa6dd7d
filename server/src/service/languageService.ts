import { Analysis } from './analysis';
import { builtInFacts, builtInSnapshot } from './builtInCatalog';
import { baseModelId, CatalogIndex, CatalogSnapshot, CatalogSource } from './catalog';
import { CodeActionRequest, computeCodeActions } from './codeActions';
import { computeModelLenses, ModelLens } from './codeLens';
import { computeCompletion } from './completion';
import { computeDiagnostics } from './diagnostics';
import { computeHover } from './hover';
import { findTestTarget, listTestTargets, ModelTestTarget, TestResultSource } from './modelTests';
import { rewriteModelId } from './renameModel';
import { buildConfigModel } from './configModel';
import { resolveTargetVersion } from './openclawVersions';
import { resolveRegion } from './region';
import { ownedSchema } from './schema/ownedSchema';
import { SchemaValidator } from './schema/schemaValidator';
import { findNodeAtDottedPath, keyOf } from './parser/ast';
import { CodeAction, CompletionItem, Diagnostic, Hover, Position, Range, ServiceSettings, TextDocumentLike, TextEdit } from './types';

/** The facade: every feature over one parse per document version. No LSP, no VS Code, no I/O. */
export interface LanguageService {
  getDiagnostics(document: TextDocumentLike): Diagnostic[];
  getHover(document: TextDocumentLike, position: Position): Hover | undefined;
  getCodeActions(document: TextDocumentLike, request: CodeActionRequest): CodeAction[];
  getCompletion(document: TextDocumentLike, position: Position): CompletionItem[];
  /** The AWS region a document's Bedrock catalog is for; without a document, from settings alone. */
  getRegion(document: TextDocumentLike | undefined): string;
  /** A "Test" lens per configured Bedrock model. */
  getModelLenses(document: TextDocumentLike): ModelLens[];
  /** The configured Bedrock models a test prompt can go to. */
  getTestTargets(document: TextDocumentLike): ModelTestTarget[];
  /** The test target a reference (provider/id or alias) names. */
  getTestTarget(document: TextDocumentLike, reference: string): ModelTestTarget | undefined;
  /** Inference profile ids to use for a foundation model id, best first. */
  getSuggestedProfiles(document: TextDocumentLike, modelId: string): string[];
  /** Where a path printed by OpenClaw's validator points: the key of the value it names, or its first character. */
  getPathRange(document: TextDocumentLike, dottedPath: string): Range;
  /** Edits that rename a configured model's id everywhere the file names it. */
  getModelIdRewrite(document: TextDocumentLike, reference: string, newId: string): TextEdit[] | undefined;
  configure(settings: ServiceSettings): void;
  /** The installed OpenClaw's schema; none: the extension's own schema for the sections it knows. */
  setSchema(schema: SchemaValidator | undefined): void;
  /** Drops what is cached for a closed document. */
  forget(uri: string): void;
}

export interface LanguageServiceOptions {
  settings?: ServiceSettings;
  /** Where the Bedrock catalog comes from; the built-in table when not given. */
  catalog?: CatalogSource;
  /** Results of test prompts, shown on hover. */
  testResults?: TestResultSource;
}

/** The built-in table as a catalog source: no network, same answer every time. */
export const builtInCatalogSource: CatalogSource = {
  snapshot: (region) => builtInSnapshot(region),
  facts: (id) => builtInFacts(baseModelId(id)),
};

const EMPTY_CONFIG = buildConfigModel({ root: undefined, errors: [], comments: [] });

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  let settings = options.settings ?? {};
  const catalog = options.catalog ?? builtInCatalogSource;
  const analyses = new Map<string, Analysis>();
  const indexes = new WeakMap<CatalogSnapshot, CatalogIndex>();

  const analyze = (document: TextDocumentLike): Analysis => {
    const cached = analyses.get(document.uri);
    if (cached && cached.document === document && cached.version === document.version) return cached;
    const analysis = new Analysis(document);
    analyses.set(document.uri, analysis);
    return analysis;
  };

  let installedSchema: SchemaValidator | undefined;
  /** Our schemas, one per stretch of OpenClaw versions that share one (keyed by the schema itself). */
  const ownedSchemas = new Map<string, SchemaValidator>();
  const targetOf = (analysis: Analysis) =>
    resolveTargetVersion(settings.installedVersion, analysis.config.lastTouchedVersion?.value, settings.openclawVersion);
  const schemaFor = (analysis: Analysis): SchemaValidator => {
    if (installedSchema) return installedSchema;
    const { version } = targetOf(analysis);
    const schema = ownedSchema(version);
    const key = JSON.stringify(schema);
    let validator = ownedSchemas.get(key);
    if (!validator) {
      validator = new SchemaValidator(schema, `the extension's schema of OpenClaw ${version} for models, agents and the Bedrock plugin`);
      ownedSchemas.set(key, validator);
    }
    return validator;
  };

  const regionOf = (analysis: Analysis | undefined) =>
    resolveRegion(analysis?.config ?? EMPTY_CONFIG, settings.awsRegion, settings.env ?? {}).region;

  const catalogFor = (analysis: Analysis): CatalogIndex => {
    const snapshot = catalog.snapshot(regionOf(analysis));
    let index = indexes.get(snapshot);
    if (!index) {
      index = new CatalogIndex(snapshot);
      indexes.set(snapshot, index);
    }
    return index;
  };

  return {
    getDiagnostics: (document) => {
      const analysis = analyze(document);
      return computeDiagnostics(analysis, { target: targetOf(analysis), catalog: catalogFor(analysis), schema: schemaFor(analysis) });
    },
    getHover: (document, position) => {
      const analysis = analyze(document);
      return computeHover(analysis, position, { catalog: catalogFor(analysis), facts: catalog.facts, testResults: options.testResults, schema: schemaFor(analysis) });
    },
    getCodeActions: (document, request) => {
      const analysis = analyze(document);
      return computeCodeActions(analysis, request, { target: targetOf(analysis), catalog: catalogFor(analysis) });
    },
    getCompletion: (document, position) => {
      const analysis = analyze(document);
      return computeCompletion(analysis, position, { catalog: catalogFor(analysis), facts: catalog.facts, schema: schemaFor(analysis) });
    },
    getRegion: (document) => regionOf(document && analyze(document)),
    getModelLenses: (document) => computeModelLenses(analyze(document)),
    getTestTargets: (document) => {
      const analysis = analyze(document);
      return listTestTargets(analysis, { catalog: catalogFor(analysis), facts: catalog.facts });
    },
    getTestTarget: (document, reference) => {
      const analysis = analyze(document);
      return findTestTarget(analysis, reference, { catalog: catalogFor(analysis), facts: catalog.facts });
    },
    getPathRange: (document, dottedPath) => {
      const analysis = analyze(document);
      const node = findNodeAtDottedPath(analysis.parse.root, dottedPath);
      if (!node) return analysis.range(0, 0);
      const property = node.parent?.type === 'property' ? node.parent : undefined;
      return property ? analysis.nodeRange(keyOf(property)) : analysis.range(node.offset, 1);
    },
    getSuggestedProfiles: (document, modelId) => catalogFor(analyze(document)).suggestedProfileIds(modelId),
    getModelIdRewrite: (document, reference, newId) => {
      const analysis = analyze(document);
      const resolution = analysis.resolver.resolve(reference);
      return resolution.kind === 'model' ? rewriteModelId(analysis, resolution.model, newId) : undefined;
    },
    configure(next) {
      settings = next;
    },
    setSchema(schema) {
      installedSchema = schema;
    },
    forget(uri) {
      analyses.delete(uri);
    },
  };
}

export type { CodeActionRequest } from './codeActions';
export { validatorPathOf } from './diagnostics';
export { SchemaValidator } from './schema/schemaValidator';
export type { JsonSchema } from './schema/jsonSchema';
export type { ModelLens } from './codeLens';
export type { ModelTestTarget, StoredTestResult, TestMeasurements, TestPrices } from './modelTests';
export { describeTestTarget, formatDuration, formatMeasurements, summarizeMeasurements, testFigures } from './modelTests';
export type { CatalogEntry, CatalogSnapshot, CatalogSource, ModelFacts } from './catalog';
export * from './types';
export { createTextDocument } from './document';
