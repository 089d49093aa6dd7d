import { getLanguageService, JSONSchema } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, createTextDocument, Range, TextDocumentLike } from '../server/src/service/languageService';
import { NEWEST_KNOWN_VERSION } from '../server/src/service/config/openclawVersions';
import { parseJson5 } from '../server/src/service/parser/json5Parser';
import { ownedSchema } from '../server/src/service/schema/ownedSchema';
import { BenchDocument } from './documents';
import { runsFor, Timing, timeAsync, timeSync, warmRunsFor } from './stats';

/** Our language service called directly, without the LSP layer. */
export interface ServiceFigures {
  parse: Timing;
  /** A fresh pass over a new version of the document: parse, analysis, schema, Bedrock checks. */
  diagnostics: Timing;
  diagnosticCount: number;
  completionAtReference: Timing;
  /** How many items came back ("+" when the list says it is incomplete). */
  completionAtReferenceItems: string;
  completionAtModelId: Timing;
  completionAtModelIdItems: string;
  hover: Timing;
  hoverFound: boolean;
  fixAll: Timing;
  /** The title of the fix-all action, which says what it did; undefined when there was none. */
  fixAllTitle: string | undefined;
  /** Whole-document formatting at tab size 2 (as the documents are written) and 4 (every indented line changes). */
  formatting: FormattingFigures;
  /** textDocument/documentSymbol (the Outline, breadcrumbs), and how many symbols came back. */
  documentSymbols: Timing;
  symbolCount: number;
  /** textDocument/inlayHint for a screenful (SCREENFUL_LINES) from the primary model reference, and how many hints. */
  inlayHints: Timing;
  hintCount: number;
}

/** Fresh processes per document (bench/inProcessWorker.ts), their figures combined by stats.ts combineProcesses. */
export const IN_PROCESS_PROCESSES = 3;

/** The lines an editor shows at once, which it asks inlay hints for. */
export const SCREENFUL_LINES = 60;

/** A screenful of lines from the line of `offset` (the model references of agents.defaults: where hints are densest). */
export function screenfulAt(document: TextDocumentLike, offset: number): Range {
  const line = document.positionAt(offset).line;
  return { start: { line, character: 0 }, end: { line: line + SCREENFUL_LINES, character: 0 } };
}

/** Every symbol of a hierarchy. */
export function symbolCount(symbols: { children?: unknown[] }[]): number {
  return symbols.reduce((count, symbol) => count + 1 + symbolCount((symbol.children ?? []) as { children?: unknown[] }[]), 0);
}

export interface FormattingFigures {
  asWritten: Timing;
  asWrittenEdits: number;
  reindented: Timing;
  reindentedEdits: number;
}

export const AS_WRITTEN = { tabSize: 2, insertSpaces: true };
export const REINDENTED = { tabSize: 4, insertSpaces: true };

/** What the same configuration costs other readers, in its strict-JSON form. */
export interface BaselineFigures {
  jsonParse: Timing;
  /** vscode-json-languageservice: parse and validate against our own schema. */
  jsonLanguageService: Timing;
}

/** One service for every document, as in the server: its schema validators and catalog index stay warm. */
const service = createLanguageService();
let nextVersion = 1;

export function measureService(document: BenchDocument): ServiceFigures {
  const runs = runsFor(document.text.length);
  const parse = timeSync(
    runs,
    () => document.text,
    (text) => parseJson5(text),
  );

  // The service caches its analysis per document and version: every run gets a new version with a
  // new text (trailing spaces, a different number each time), so every run is a full pass.
  let diagnosticCount = 0;
  const diagnostics = timeSync(
    runs,
    (run) => createTextDocument(document.uri, document.text + ' '.repeat(run + 1), nextVersion++),
    (fresh) => (diagnosticCount = service.getDiagnostics(fresh).length),
  );

  // The features below run on an analysed document, as they do after the diagnostics of an edit.
  // Fix all re-analyses the text after each step, so it gets as few runs as a full pass.
  const warm = createTextDocument(document.uri, document.text, nextVersion++);
  service.getDiagnostics(warm);
  const atReference = warm.positionAt(document.referenceOffset);
  const atModelId = warm.positionAt(document.modelIdOffset);
  const wholeDocument = { start: warm.positionAt(0), end: warm.positionAt(document.text.length) };
  const timeWarm = (request: (document: TextDocumentLike) => unknown) => timeSync(warmRunsFor(document.text.length), () => warm, request);
  const screen = screenfulAt(warm, document.referenceOffset);
  const fixAll = (d: TextDocumentLike) => service.getCodeActions(d, { range: wholeDocument, only: ['source.fixAll'] });

  return {
    parse,
    diagnostics,
    diagnosticCount,
    completionAtReference: timeWarm((d) => service.getCompletion(d, atReference)),
    completionAtReferenceItems: describeCompletion(service.getCompletion(warm, atReference)),
    completionAtModelId: timeWarm((d) => service.getCompletion(d, atModelId)),
    completionAtModelIdItems: describeCompletion(service.getCompletion(warm, atModelId)),
    hover: timeWarm((d) => service.getHover(d, atModelId)),
    hoverFound: service.getHover(warm, atModelId) !== undefined,
    fixAll: timeSync(runs, () => warm, fixAll),
    fixAllTitle: fixAll(warm)[0]?.title,
    formatting: {
      asWritten: timeWarm((d) => service.getFormatting(d, AS_WRITTEN)),
      asWrittenEdits: editCount(service.getFormatting(warm, AS_WRITTEN)),
      reindented: timeSync(
        runs,
        () => warm,
        (d) => service.getFormatting(d, REINDENTED),
      ),
      reindentedEdits: editCount(service.getFormatting(warm, REINDENTED)),
    },
    documentSymbols: timeWarm((d) => service.getDocumentSymbols(d)),
    symbolCount: symbolCount(service.getDocumentSymbols(warm)),
    inlayHints: timeWarm((d) => service.getInlayHints(d, screen)),
    hintCount: service.getInlayHints(warm, screen).length,
  };
}

/** How many edits formatting gave; a refusal (a string) is a bug in the benchmark documents. */
export function editCount(result: unknown[] | string): number {
  if (typeof result === 'string') throw new Error(`The benchmark document is not formatted: ${result}`);
  return result.length;
}

const jsonService = getLanguageService({});
/** Our own schema of the sections we know; it may hold `false` subschemas, which JSON Schema allows. */
const schema = ownedSchema(NEWEST_KNOWN_VERSION) as JSONSchema;
/** JSON with comments and trailing commas, as VS Code's jsonc mode: only unquoted keys and single quotes are out. */
const jsoncSettings = { comments: 'ignore', trailingCommas: 'ignore' } as const;

export async function measureBaselines(jsonText: string): Promise<BaselineFigures> {
  const runs = runsFor(jsonText.length);
  const jsonParse = timeSync(
    runs,
    () => jsonText,
    (text) => JSON.parse(text),
  );
  // Given a schema, doValidation registers and resolves it on every call; that is part of its cost.
  const jsonLanguageService = await timeAsync(
    runs,
    (run) => TextDocument.create('file:///bench/baseline.json', 'json', run + 1, jsonText),
    (document) => jsonLanguageServiceValidate(document),
  );
  return { jsonParse, jsonLanguageService };
}

async function jsonLanguageServiceValidate(document: TextDocument): Promise<void> {
  const parsed = jsonService.parseJSONDocument(document);
  await jsonService.doValidation(document, parsed, jsoncSettings, schema);
}

/** Completion answers with a list or, in LSP's other shape, an object with `items` and `isIncomplete`. */
function describeCompletion(result: unknown[] | { items: unknown[]; isIncomplete?: boolean }): string {
  if (Array.isArray(result)) return String(result.length);
  return `${result.items.length}${result.isIncomplete ? '+' : ''}`;
}
