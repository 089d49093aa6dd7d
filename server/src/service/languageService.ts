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
import { resolveRegion } from './region';
import { CodeAction, CompletionItem, Diagnostic, Hover, Position, ServiceSettings, TextDocumentLike, TextEdit } from './types';

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
  /** Edits that rename a configured model's id everywhere the file names it. */
  getModelIdRewrite(document: TextDocumentLike, reference: string, newId: string): TextEdit[] | undefined;
  configure(settings: ServiceSettings): void;
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
    getDiagnostics: (document) => computeDiagnostics(analyze(document), settings),
    getHover: (document, position) => {
      const analysis = analyze(document);
      return computeHover(analysis, position, { catalog: catalogFor(analysis), facts: catalog.facts, testResults: options.testResults });
    },
    getCodeActions: (document, request) => computeCodeActions(analyze(document), request),
    getCompletion: (document, position) => {
      const analysis = analyze(document);
      return computeCompletion(analysis, position, { catalog: catalogFor(analysis), facts: catalog.facts });
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
    getSuggestedProfiles: (document, modelId) => catalogFor(analyze(document)).suggestedProfileIds(modelId),
    getModelIdRewrite: (document, reference, newId) => {
      const analysis = analyze(document);
      const resolution = analysis.resolver.resolve(reference);
      return resolution.kind === 'model' ? rewriteModelId(analysis, resolution.model, newId) : undefined;
    },
    configure(next) {
      settings = next;
    },
    forget(uri) {
      analyses.delete(uri);
    },
  };
}

export type { CodeActionRequest } from './codeActions';
export type { ModelLens } from './codeLens';
export type { ModelTestTarget, StoredTestResult, TestMeasurements, TestPrices } from './modelTests';
export { describeTestTarget, formatDuration, formatMeasurements, summarizeMeasurements, testFigures } from './modelTests';
export type { CatalogEntry, CatalogSnapshot, CatalogSource, ModelFacts } from './catalog';
export * from './types';
export { createTextDocument } from './document';
