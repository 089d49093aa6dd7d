import { Analysis } from './analysis';
import { builtInFacts, builtInSnapshot } from './builtInCatalog';
import { baseModelId, CatalogIndex, CatalogSnapshot, CatalogSource } from './catalog';
import { CodeActionRequest, computeCodeActions } from './codeActions';
import { computeCompletion } from './completion';
import { computeDiagnostics } from './diagnostics';
import { computeHover } from './hover';
import { buildConfigModel } from './configModel';
import { resolveRegion } from './region';
import { CodeAction, CompletionItem, Diagnostic, Hover, Position, ServiceSettings, TextDocumentLike } from './types';

/** The facade: every feature over one parse per document version. No LSP, no VS Code, no I/O. */
export interface LanguageService {
  getDiagnostics(document: TextDocumentLike): Diagnostic[];
  getHover(document: TextDocumentLike, position: Position): Hover | undefined;
  getCodeActions(document: TextDocumentLike, request: CodeActionRequest): CodeAction[];
  getCompletion(document: TextDocumentLike, position: Position): CompletionItem[];
  /** The AWS region a document's Bedrock catalog is for; without a document, from settings alone. */
  getRegion(document: TextDocumentLike | undefined): string;
  configure(settings: ServiceSettings): void;
  /** Drops what is cached for a closed document. */
  forget(uri: string): void;
}

export interface LanguageServiceOptions {
  settings?: ServiceSettings;
  /** Where the Bedrock catalog comes from; the built-in table when not given. */
  catalog?: CatalogSource;
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
      return computeHover(analysis, position, { catalog: catalogFor(analysis), facts: catalog.facts });
    },
    getCodeActions: (document, request) => computeCodeActions(analyze(document), request),
    getCompletion: (document, position) => {
      const analysis = analyze(document);
      return computeCompletion(analysis, position, { catalog: catalogFor(analysis), facts: catalog.facts });
    },
    getRegion: (document) => regionOf(document && analyze(document)),
    configure(next) {
      settings = next;
    },
    forget(uri) {
      analyses.delete(uri);
    },
  };
}

export type { CodeActionRequest } from './codeActions';
export type { CatalogEntry, CatalogSnapshot, CatalogSource, ModelFacts } from './catalog';
export * from './types';
export { createTextDocument } from './document';
