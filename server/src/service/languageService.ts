import { Analysis } from './analysis';
import { CodeActionRequest, computeCodeActions } from './codeActions';
import { computeDiagnostics } from './diagnostics';
import { computeHover } from './hover';
import { CodeAction, Diagnostic, Hover, Position, ServiceSettings, TextDocumentLike } from './types';

/** The facade: every feature over one parse per document version. No LSP, no VS Code. */
export interface LanguageService {
  getDiagnostics(document: TextDocumentLike): Diagnostic[];
  getHover(document: TextDocumentLike, position: Position): Hover | undefined;
  getCodeActions(document: TextDocumentLike, request: CodeActionRequest): CodeAction[];
  configure(settings: ServiceSettings): void;
  /** Drops what is cached for a closed document. */
  forget(uri: string): void;
}

export function createLanguageService(initialSettings: ServiceSettings = {}): LanguageService {
  let settings = initialSettings;
  const analyses = new Map<string, Analysis>();

  const analyze = (document: TextDocumentLike): Analysis => {
    const cached = analyses.get(document.uri);
    if (cached && cached.document === document && cached.version === document.version) return cached;
    const analysis = new Analysis(document);
    analyses.set(document.uri, analysis);
    return analysis;
  };

  return {
    getDiagnostics: (document) => computeDiagnostics(analyze(document), settings),
    getHover: (document, position) => computeHover(analyze(document), position),
    getCodeActions: (document, request) => computeCodeActions(analyze(document), request),
    configure(next) {
      settings = next;
    },
    forget(uri) {
      analyses.delete(uri);
    },
  };
}

export type { CodeActionRequest } from './codeActions';
export * from './types';
export { createTextDocument } from './document';
