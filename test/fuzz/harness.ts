import * as fc from 'fast-check';
import { createHash } from 'crypto';
import { execFileSync } from 'child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, posix } from 'path';
import { parentPort, workerData } from 'worker_threads';
import { URI } from 'vscode-uri';
import { decodeConfigBytes, readConfigFile } from '../../server/src/configFileReader';
import { DiskFileSource, realFolderPath, realPathOf } from '../../server/src/fileSource';
import { builtInSnapshot } from '../../server/src/service/catalog/builtInCatalog';
import {
  CodeAction,
  CompletionItem,
  createLanguageService,
  createTextDocument,
  DEFAULT_MAX_DIAGNOSTICS,
  Diagnostic,
  DocumentSymbol,
  FileEncoding,
  FileSource,
  FormattingOptions,
  isPathInside,
  LanguageService,
  Location,
  Position,
  SelectionRange,
  ServiceSettings,
  TextDocumentLike,
  TextEdit,
  WorkspaceEdit,
} from '../../server/src/service/languageService';
import { isKeyNode, JsonNode, keyOf, keyText, valueOf } from '../../server/src/service/parser/ast';
import { parseJson5 } from '../../server/src/service/parser/json5Parser';
import { formatEdits } from '../../server/src/service/features/formatting';
import { applyEdits, memoryFiles, REPO_ROOT, toValue } from '../helpers';

/*
 * The fuzzing harness behind test/unit/fuzz.test.ts: document generators (fast-check arbitraries and
 * mutators), one "round" of every language-service feature over a document with the checks on every
 * result, and a runner that collects every distinct failure of a property, shrinks it with fast-check
 * (replaying the failing run by seed and path) and then reduces the text around the one failing call.
 *
 * Nothing here edits server code: a failure is reported with its minimal input.
 */

// ---------------------------------------------------------------------------------------------
// Bounds

/** A document's whole round of features must take the language service no longer than this (the harness's own checks aside). */
export const DOCUMENT_BOUND_MS = 2000;
/** A case still running after this is a hang: the test's watchdog stops the worker. */
export const HANG_MS = 20_000;
/** Time to shrink and reduce one failure. */
const SHRINK_BUDGET_MS = 6000;
const REDUCE_BUDGET_MS = 6000;
/** Distinct failures per property that are shrunk and reduced (all are counted). */
const MAX_REDUCED = 6;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness for the choices made inside a round (positions, names, paths)

export interface Rng {
  float(): number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function rngOf(seed: number): Rng {
  let a = seed >>> 0;
  const float = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(float() * n);
  return { float, int, pick: (items) => items[int(items.length)]!, chance: (p) => float() < p };
}

// ---------------------------------------------------------------------------------------------
// Text geometry, computed from the text itself (a document's positionAt clamps, so it cannot judge)

export class Geometry {
  readonly lineStarts: number[] = [0];
  /** Where each line's text ends (before its line break). */
  readonly lineEnds: number[] = [];

  constructor(readonly text: string) {
    const breaks = /\r\n|\r|\n/g;
    for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
      this.lineEnds.push(match.index);
      this.lineStarts.push(match.index + match[0].length);
    }
    this.lineEnds.push(text.length);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineLength(line: number): number {
    return this.lineEnds[line]! - this.lineStarts[line]!;
  }

  /** A valid position for an offset; inside a line break it is the end of that line. */
  positionOf(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(clamped - this.lineStarts[low]!, this.lineLength(low)) };
  }

  /** The offset of a position already known to be valid. */
  offsetOf(position: Position): number {
    return this.lineStarts[position.line]! + position.character;
  }

  /** Why a value is not a position inside this text; undefined when it is one. */
  positionProblem(position: unknown, name: string): string | undefined {
    if (!position || typeof position !== 'object') return `${name} is not a position: ${safeJson(position)}`;
    const { line, character } = position as Position;
    if (!Number.isInteger(line) || !Number.isInteger(character)) return `${name} has non-integer fields: ${safeJson(position)}`;
    if (line < 0 || character < 0) return `${name} is negative: ${safeJson(position)}`;
    if (line >= this.lineCount) return `${name} ${fmt(position as Position)} is beyond the last line (${this.lineCount} lines)`;
    if (character > this.lineLength(line))
      return `${name} ${fmt(position as Position)} is beyond the end of line ${line} (length ${this.lineLength(line)})`;
    return undefined;
  }

  /** Why a value is not a range inside this text; undefined when it is one. */
  rangeProblem(range: unknown): string | undefined {
    if (!range || typeof range !== 'object') return `not a range: ${safeJson(range)}`;
    const { start, end } = range as { start: unknown; end: unknown };
    const problem = this.positionProblem(start, 'start') ?? this.positionProblem(end, 'end');
    if (problem) return problem;
    const s = start as Position;
    const e = end as Position;
    if (s.line > e.line || (s.line === e.line && s.character > e.character)) return `start ${fmt(s)} is after end ${fmt(e)}`;
    return undefined;
  }
}

function fmt(position: Position): string {
  return `${position.line}:${position.character}`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

// ---------------------------------------------------------------------------------------------
// Worlds (the files of a case), calls (one feature request) and failures

export interface World {
  /** Absolute paths → texts. */
  files: Record<string, string>;
  /** The files every feature runs on. */
  docs: string[];
  /** Whether the service gets the files as its FileSource (`$include` can be read). */
  multi: boolean;
  /** Index into SETTINGS. */
  settings: number;
  /** What decoding a file's bytes found (files read from bytes, as the CLI and DiskFileSource read them). */
  encodings?: Record<string, FileEncoding>;
  /** Symlinks among the files (path → target, relative to the link's folder or absolute), on disk or in memory. */
  links?: Record<string, string>;
  /** Things on disk that are not regular files (a named pipe, a folder) or are one with two names (a hard link to a file of the world). */
  specials?: Record<string, 'fifo' | 'folder' | { hardLinkTo: string }>;
  /**
   * No file outside this folder (nor OPENCLAW_INCLUDE_ROOTS) may ever be read: in memory, OpenClaw's
   * rule for includes; on disk (`disk`), an untrusted workspace's.
   */
  confined?: string;
  /** The files are written to a scratch folder and read through DiskFileSource, the workspace (`confined`) untrusted. */
  disk?: { folderLink?: string };
}

export interface FuzzCase {
  world: World;
  /** Seeds the positions, names and paths a round picks. */
  seed: number;
}

export type Feature =
  | 'parse'
  | 'getDiagnostics'
  | 'getConfigurationDiagnostics'
  | 'getHover'
  | 'getCompletion'
  | 'getDefinition'
  | 'getReferences'
  | 'prepareRename'
  | 'getRename'
  | 'getCodeActions'
  | 'getModelLenses'
  | 'getTestTargets'
  | 'getTestTarget'
  | 'getSuggestedProfiles'
  | 'getModelIdRewrite'
  | 'getModelChoices'
  | 'getAddModel'
  | 'locatePath'
  | 'getRegion'
  | 'getConfigurationFiles'
  | 'getConfigurationSources'
  | 'getFormatting'
  | 'getDocumentSymbols'
  | 'getWorkspaceSymbols'
  | 'getFoldingRanges'
  | 'getSelectionRanges'
  | 'getDocumentHighlights'
  | 'getDocumentLinks'
  | 'getInlayHints';

/** One request: offsets are into the document's text (`at`, `end`); `text` is a name, id or path argument. */
export interface Call {
  feature: Feature;
  doc: string;
  at?: number;
  end?: number;
  text?: string;
  /** getReferences' includeDeclaration; getRegion without a document. */
  flag?: boolean;
  only?: string[];
  /** getAddModel: the choice's entry id, which the selection must select. */
  expect?: string;
  /** getFormatting: the editor's options (a range when `end` is set). */
  options?: FormattingOptions;
}

export interface Failure {
  signature: string;
  call: Call;
  detail: string;
  stack?: string;
}

export type Sink = (failure: Failure) => void;

export const SETTINGS: readonly ServiceSettings[] = [
  {},
  { openclawVersion: '2026.9.6', awsRegion: 'eu-west-1' },
  {
    openclawVersion: '2026.3.2',
    env: { AWS_REGION: 'ap-northeast-1', OPENCLAW_INCLUDE_ROOTS: '/etc:/outside', X: 'x', AWS_BEARER_TOKEN_BEDROCK: 'k' },
  },
  {
    installedVersion: 'not a version',
    openclawVersion: '9999.1.1',
    awsRegion: 'xx-nowhere-9',
    env: { AWS_DEFAULT_REGION: 'cn-north-1' },
    maxDiagnosticsPerFile: 5,
  },
];

const uriOf = (path: string) => URI.file(path).toString();

function normalize(text: string): string {
  return text
    .replace(/\d+/g, '#')
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .slice(0, 120);
}

function topFrame(stack: string | undefined): string {
  const lines = (stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '));
  const ours = lines.find((line) => line.includes('server/src/')) ?? lines[0] ?? '';
  const match = /(server\/src\/[^:)]+:\d+)|([^/\\( ]+\.[jt]s:\d+)/.exec(ours);
  return match ? match[0] : ours.trim();
}

export function topFrames(stack: string | undefined, count = 6): string {
  return (stack ?? '')
    .split('\n')
    .filter((line) => line.trim().startsWith('at '))
    .slice(0, count)
    .map((line) => line.trim().replace(REPO_ROOT + '/', ''))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// A session: the service and the documents of one world

class Session {
  readonly texts = new Map<string, string>();
  readonly paths = new Map<string, string>();
  private readonly documents = new Map<string, TextDocumentLike>();
  private readonly geometries = new Map<string, Geometry>();
  private readonly diagnosticsMemo = new Map<string, Diagnostic[]>();
  private readonly cleanMemo = new Map<string, boolean>();
  readonly service: LanguageService;
  /** Time spent inside the language service: what the time bound is about (the harness's own checks are not). */
  serviceMs = 0;
  static version = 1;

  /** Files read outside the world's `confined` folder since the last call (real paths). */
  readonly strayReads: string[] = [];
  /** Where the world's paths are on disk (a disk world: its scratch folder; otherwise as written). */
  private readonly located: (path: string) => string = (path) => path;
  /** The text of a file the world has under another name (through a link to it or to its folder). */
  private readonly aliased: (uri: string) => string | undefined = () => undefined;

  constructor(
    readonly world: World,
    shared: LanguageService | undefined,
  ) {
    // A file on disk holds UTF-8: a lone surrogate (a reduction may cut a pair) is written as U+FFFD.
    if (world.disk) {
      const files = Object.fromEntries(Object.entries(world.files).map(([path, text]) => [path, text.replace(/\p{Cs}/gu, '\uFFFD')]));
      this.world = world = { ...world, files };
    }
    if (world.disk) {
      const root = materialize(world);
      // The workspace may be opened through a link to its folder: its files are then seen under the link.
      const folder = join(root, world.disk.folderLink ?? world.confined!);
      this.located = (path) => (isPathInside(world.confined!, path) ? join(folder, path.slice(world.confined!.length)) : join(root, path));
      // Read as the server reads: a named pipe must not block the worker.
      this.aliased = (uri) =>
        this.safe(() => {
          const read = readConfigFile(URI.parse(uri).fsPath);
          return read.ok ? read.text : undefined;
        });
    }
    for (const [path, text] of Object.entries(world.files)) {
      this.texts.set(uriOf(this.located(path)), text);
      this.paths.set(uriOf(this.located(path)), path);
    }
    if (world.disk) {
      this.service = createLanguageService({ files: this.diskSource(), settings: SETTINGS[world.settings] });
      for (const path of world.docs)
        this.documents.set(path, createTextDocument(uriOf(this.located(path)), world.files[path]!, Session.version++));
    } else if (world.multi) {
      const memory = memoryFiles(world.files, world.links);
      this.aliased = (uri) => memory.source.get(uri)?.getText();
      const roots = [world.confined, ...includeRootsOf(world)].filter((root): root is string => root !== undefined);
      const source: FileSource = {
        ...memory.source,
        get: (uri) => {
          const document = memory.source.get(uri);
          const real = memory.source.realPath!(uri);
          if (document && world.confined && real && 'path' in real && !roots.some((root) => isPathInside(root, real.path)))
            this.strayReads.push(real.path);
          return document;
        },
      };
      this.service = createLanguageService({ files: source, settings: SETTINGS[world.settings] });
      for (const path of Object.keys(world.files)) this.documents.set(path, memory.document(path));
    } else {
      this.service = shared ?? createLanguageService({ settings: SETTINGS[world.settings] });
      for (const [path, text] of Object.entries(world.files))
        this.documents.set(path, createTextDocument(uriOf(path), text, Session.version++, world.encodings?.[path]));
    }
    this.service = timedService(this.service, (ms) => (this.serviceMs += ms));
  }

  /**
   * Files on disk for an untrusted workspace, as the server reads them: the open documents (the
   * world's docs), else the disk unless the real path is outside the workspace. Whatever it hands
   * the service is checked again here: its real path, and that it is not one of the outside files.
   */
  private diskSource(): FileSource {
    const workspace = realFolderPath(this.located(this.world.confined!));
    const open = new Map(this.world.docs.map((path) => [uriOf(this.located(path)), path]));
    const disk = new DiskFileSource(
      (uri) => (open.has(uri) ? this.documents.get(open.get(uri)!) : undefined),
      (real) => (isPathInside(workspace, real) ? undefined : 'not read: the workspace is not trusted, and the file is outside it'),
    );
    return {
      get: (uri) => {
        const document = disk.get(uri);
        if (document && !open.has(uri)) {
          const real = realPathOf(URI.parse(uri).fsPath);
          const outside = !('path' in real) || !isPathInside(workspace, real.path) || document.getText().includes(OUTSIDE_CANARY);
          if (outside) this.strayReads.push('path' in real ? real.path : uri);
        }
        return document;
      },
      whyUnread: (uri) => disk.whyUnread(uri),
      realPath: (uri) => disk.realPath(uri),
    };
  }

  document(path: string): TextDocumentLike {
    return this.documents.get(path)!;
  }

  text(path: string): string {
    return this.world.files[path]!;
  }

  /** A file's text, also under the name of a link to it (or to its folder). */
  textOf(uri: string): string | undefined {
    if (this.world.links && !this.texts.has(uri)) {
      const text = this.aliased(uri);
      if (text !== undefined) this.texts.set(uri, text);
    }
    return this.texts.get(uri);
  }

  geometryOf(uri: string): Geometry | undefined {
    let geometry = this.geometries.get(uri);
    if (!geometry) {
      const text = this.textOf(uri);
      if (text === undefined) return undefined;
      geometry = new Geometry(text);
      this.geometries.set(uri, geometry);
    }
    return geometry;
  }

  geometry(path: string): Geometry {
    return this.geometryOf(uriOf(this.located(path)))!;
  }

  /** The document's diagnostics for planning calls; a throw is reported by the getDiagnostics call. */
  diagnostics(path: string): Diagnostic[] {
    let diagnostics = this.diagnosticsMemo.get(path);
    if (!diagnostics) {
      try {
        diagnostics = this.service.getDiagnostics(this.document(path));
      } catch {
        diagnostics = [];
      }
      if (!Array.isArray(diagnostics)) diagnostics = [];
      this.diagnosticsMemo.set(path, diagnostics);
    }
    return diagnostics;
  }

  /** Whether a file of the world parses without errors (edits to it must keep it so). */
  clean(uri: string): boolean {
    let clean = this.cleanMemo.get(uri);
    if (clean === undefined) {
      clean = parseJson5(this.texts.get(uri)!).errors.length === 0;
      this.cleanMemo.set(uri, clean);
    }
    return clean;
  }

  safe<T>(compute: () => T): T | undefined {
    try {
      return compute();
    } catch {
      return undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Executing one call, with every check on its result

const RENAME_NAMES = [
  '',
  ' ',
  'a b',
  'GLM',
  'Sonnet',
  'fast',
  'amazon-bedrock/zai.glm-4.7',
  'zai.glm-4.7',
  'new"quote',
  "it's",
  'back\\slash',
  'line\nbreak',
  '${X}',
  'ü😀',
  '\uD800',
  '  padded  ',
  'x'.repeat(300),
  'us.anthropic.claude-sonnet-4-6',
  '*',
  '@profile',
];

const GARBAGE_PATHS = [
  '',
  '.',
  '..',
  '<root>',
  'models..providers',
  '0',
  '__proto__',
  'constructor.prototype',
  'models.providers.amazon-bedrock.models.99.id',
  'agents.defaults.models.amazon-bedrock/zai.glm-4.7.alias',
  'a'.repeat(500),
  'models.providers.amazon-bedrock.models.-1',
  'models.providers.amazon-bedrock.models.1e3',
  '\u0000',
  'agents.list.0.model.primary',
];

const REAL_PATHS = [
  'models',
  'models.providers',
  'models.providers.amazon-bedrock',
  'models.providers.amazon-bedrock.baseUrl',
  'models.providers.amazon-bedrock.models',
  'models.providers.amazon-bedrock.models.0',
  'models.providers.amazon-bedrock.models.0.id',
  'models.providers.amazon-bedrock.models.1.cost.input',
  'models.bedrockDiscovery',
  'agents.defaults.model.primary',
  'agents.defaults.model.fallbacks.0',
  'agents.defaults.models',
  'agents.defaults.modelPolicy.allow.0',
  'meta.lastTouchedVersion',
  'plugins.entries.amazon-bedrock.config.discovery',
];

const BOGUS_IDS = ['', 'bogus.model-v9', 'amazon-bedrock/zai.glm-4.7', ' zai.glm-4.7 ', '\uD800'];

function execute(session: Session, call: Call, sink: Sink): void {
  const fail = (kind: string, detail: string, stack?: string) => sink({ signature: `${call.feature}: ${kind}`, call, detail, stack });
  try {
    executeChecked(session, call, fail);
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    fail(`threw ${err.name}: ${normalize(err.message)} @ ${topFrame(err.stack)}`, `${err.name}: ${err.message}`, err.stack);
  }
  if (session.strayReads.length > 0) {
    const boundary = session.world.disk ? 'the untrusted workspace' : "the configuration's folder and include roots";
    fail(`read a file outside ${boundary}`, session.strayReads.join(', '));
    session.strayReads.length = 0;
  }
}

type Fail = (kind: string, detail: string, stack?: string) => void;

function executeChecked(session: Session, call: Call, fail: Fail): void {
  const { service } = session;
  const doc = session.document(call.doc);
  const uri = doc.uri;
  const text = session.text(call.doc);
  const geometry = session.geometry(call.doc);
  const position = () => geometry.positionOf(call.at ?? 0);
  const where = () => `at offset ${call.at} (${fmt(position())})`;

  const checkRange = (range: unknown, rangeUri: string, what: string, context = ''): boolean => {
    const target = session.geometryOf(rangeUri);
    if (!target) {
      fail(`${what} in a document that is not part of the world`, `${what} refers to ${rangeUri}${context}`);
      return false;
    }
    const problem = target.rangeProblem(range);
    if (problem) {
      const reason = problem
        .replace(/[\d:]+/g, '#')
        .replace(/\(.*\)/, '')
        .trim();
      fail(`${what} out of range (${reason})`, `${what} ${safeJson(range)} in ${session.paths.get(rangeUri)}: ${problem}${context}`);
      return false;
    }
    return true;
  };

  const checkLocations = (locations: unknown, what: string) => {
    if (!Array.isArray(locations)) return fail(`${what} is not an array`, safeJson(locations));
    for (const location of locations as Location[]) checkRange(location?.range, location?.uri, what, ` ${where()}`);
  };

  /** Validates and applies a workspace edit; returns the texts after it (by uri), or undefined. */
  const applyWorkspaceEdit = (edit: WorkspaceEdit, what: string, context: string): Map<string, string> | undefined => {
    if (!edit || typeof edit !== 'object' || !edit.changes || typeof edit.changes !== 'object') {
      fail(`${what} has no changes`, `${safeJson(edit)}${context}`);
      return undefined;
    }
    const after = new Map<string, string>();
    let ok = true;
    for (const [editUri, edits] of Object.entries(edit.changes)) {
      if (!Array.isArray(edits)) {
        fail(`${what} edits are not an array`, `${safeJson(edits)}${context}`);
        ok = false;
        continue;
      }
      let rangesOk = true;
      for (const textEdit of edits) {
        if (typeof textEdit?.newText !== 'string') {
          fail(`${what} edit without newText`, `${safeJson(textEdit)}${context}`);
          rangesOk = false;
        }
        rangesOk = checkRange(textEdit?.range, editUri, `${what} edit`, context) && rangesOk;
      }
      if (!rangesOk) {
        ok = false;
        continue;
      }
      try {
        after.set(editUri, applyEdits(session.texts.get(editUri)!, edits));
      } catch (error) {
        fail(`${what} has overlapping edits`, `${(error as Error).message} in ${session.paths.get(editUri)}: ${safeJson(edits)}${context}`);
        ok = false;
      }
    }
    return ok ? after : undefined;
  };

  /** A file that parsed cleanly must still parse cleanly after an edit. */
  const checkSyntaxKept = (after: Map<string, string>, what: string, context: string) => {
    for (const [editUri, newText] of after) {
      if (!session.clean(editUri)) continue;
      const errors = parseJson5(newText).errors;
      if (errors.length > 0) {
        const first = errors[0]!;
        fail(
          `${what} introduces a syntax error (${normalize(first.message)})`,
          `after the edit ${session.paths.get(editUri)} has: ${first.message} at offset ${first.offset}${context}\n--- text after the edit ---\n${newText.slice(Math.max(0, first.offset - 200), first.offset + 200)}`,
        );
      }
    }
  };

  switch (call.feature) {
    case 'parse': {
      // A decoder's invalid UTF-8 must point at the U+FFFD it put in the text.
      for (const { offset } of session.world.encodings?.[call.doc]?.invalidUtf8 ?? []) {
        if (text[offset] !== '\uFFFD')
          fail('decoded invalid UTF-8 not at a U+FFFD', `offset ${offset}: ${safeJson(text.slice(offset - 5, offset + 5))}`);
      }
      return checkParse(text, fail);
    }

    case 'getDiagnostics': {
      const diagnostics = service.getDiagnostics(doc);
      checkDiagnostics(diagnostics, uri, 'diagnostic');
      return;
    }

    case 'getConfigurationDiagnostics': {
      const perFile = service.getConfigurationDiagnostics(doc);
      if (!Array.isArray(perFile)) return fail('result is not an array', safeJson(perFile));
      for (const entry of perFile) checkDiagnostics(entry.diagnostics, entry.uri, 'configuration diagnostic');
      return;
    }

    case 'getHover': {
      const hover = service.getHover(doc, position());
      if (!hover) return;
      if (typeof hover.contents !== 'string') fail('hover contents is not a string', `${safeJson(hover)} ${where()}`);
      checkRange(hover.range, uri, 'hover range', ` ${where()}`);
      return;
    }

    case 'getCompletion': {
      // A CompletionList ({ items, isIncomplete }); a bare array of items is accepted too.
      const list: unknown = service.getCompletion(doc, position());
      const items = (Array.isArray(list) ? list : (list as { items?: unknown } | undefined)?.items) as CompletionItem[] | undefined;
      if (!Array.isArray(items)) return fail('result has no items array', safeJson(list));
      if (!Array.isArray(list) && typeof (list as { isIncomplete?: unknown }).isIncomplete !== 'boolean')
        fail('isIncomplete is not a boolean', safeJson(list).slice(0, 200));
      const cursor = position();
      for (const item of items) {
        const context = ` (item ${safeJson(item.label)}) ${where()}`;
        if (typeof item.label !== 'string') fail('item without a label', safeJson(item));
        const mainOk = checkRange(item.textEdit?.range, uri, 'completion textEdit', context);
        let extraOk = true;
        for (const extra of item.additionalTextEdits ?? [])
          extraOk = checkRange(extra?.range, uri, 'completion additionalTextEdit', context) && extraOk;
        if (!mainOk) continue;
        const { start, end } = item.textEdit.range;
        // LSP: the edit's range must be a single line and contain the position completion was asked at.
        if (start.line !== end.line) fail('completion textEdit spans lines (LSP wants one line)', `${safeJson(item.textEdit)}${context}`);
        else if (start.line !== cursor.line || start.character > cursor.character || end.character < cursor.character) {
          fail('completion textEdit does not contain the cursor', `${safeJson(item.textEdit.range)}${context}`);
        }
        if (extraOk) {
          const edits: TextEdit[] = [...(item.additionalTextEdits ?? []), item.textEdit];
          try {
            applyEdits(text, edits);
          } catch (error) {
            fail('completion textEdit overlaps its additionalTextEdits', `${(error as Error).message}: ${safeJson(edits)}${context}`);
          }
        }
      }
      return;
    }

    case 'getDefinition':
      return checkLocations(service.getDefinition(doc, position()), 'definition location');

    case 'getReferences':
      return checkLocations(service.getReferences(doc, position(), call.flag ?? false), 'reference location');

    case 'prepareRename': {
      const target = service.prepareRename(doc, position());
      if (!target) return;
      checkRange(target.range, uri, 'prepareRename range', ` ${where()}`);
      if (typeof target.placeholder !== 'string') fail('placeholder is not a string', safeJson(target));
      return;
    }

    case 'getRename': {
      const result = service.getRename(doc, position(), call.text ?? '');
      if (typeof result === 'string') return;
      const context = ` (new name ${safeJson(call.text)}) ${where()}`;
      const after = applyWorkspaceEdit(result, 'rename', context);
      if (after) checkSyntaxKept(after, 'rename', context);
      return;
    }

    case 'getCodeActions': {
      const g = geometry;
      const range = { start: g.positionOf(call.at ?? 0), end: g.positionOf(call.end ?? call.at ?? 0) };
      const s = g.offsetOf(range.start);
      const e = g.offsetOf(range.end);
      const diagnostics = session.diagnostics(call.doc).filter((d) => {
        if (g.rangeProblem(d.range)) return false;
        return g.offsetOf(d.range.start) <= e && g.offsetOf(d.range.end) >= s;
      });
      const actions: CodeAction[] = service.getCodeActions(doc, { range, diagnostics, only: call.only });
      if (!Array.isArray(actions)) return fail('result is not an array', safeJson(actions));
      for (const action of actions) {
        const label = normalize(String(action.title)).split(' ').slice(0, 2).join(' ');
        const context = ` (action ${safeJson(action.title)}, request ${fmt(range.start)}-${fmt(range.end)} only ${safeJson(call.only)})`;
        if (typeof action.kind !== 'string') fail('action without a kind', safeJson(action));
        else if (call.only && !call.only.some((only) => action.kind === only || action.kind.startsWith(`${only}.`))) {
          fail(`action of kind ${action.kind} not in only`, `${action.kind}${context}`);
        }
        for (const diagnostic of action.diagnostics ?? []) checkRange(diagnostic?.range, uri, 'code action diagnostic', context);
        const after = applyWorkspaceEdit(action.edit, `code action "${label}"`, context);
        if (after) checkSyntaxKept(after, `code action "${label}"`, context);
      }
      return;
    }

    case 'getModelLenses': {
      const lenses = service.getModelLenses(doc);
      if (!Array.isArray(lenses)) return fail('result is not an array', safeJson(lenses));
      for (const lens of lenses) checkRange(lens.range, uri, 'model lens range', ` (${lens.ref})`);
      return;
    }

    case 'getTestTargets': {
      const targets = service.getTestTargets(doc);
      if (!Array.isArray(targets)) fail('result is not an array', safeJson(targets));
      return;
    }

    case 'getTestTarget':
      service.getTestTarget(doc, call.text ?? '');
      return;

    case 'getSuggestedProfiles': {
      const profiles = service.getSuggestedProfiles(doc, call.text ?? '');
      if (!Array.isArray(profiles)) fail('result is not an array', safeJson(profiles));
      return;
    }

    case 'getModelIdRewrite': {
      const edit = service.getModelIdRewrite(doc, call.text ?? '', call.expect ?? '');
      if (!edit) return;
      const context = ` (reference ${safeJson(call.text)} → ${safeJson(call.expect)})`;
      const after = applyWorkspaceEdit(edit, 'model id rewrite', context);
      if (after) checkSyntaxKept(after, 'model id rewrite', context);
      return;
    }

    case 'getModelChoices': {
      const choices = service.getModelChoices(doc);
      if (!Array.isArray(choices)) fail('result is not an array', safeJson(choices));
      return;
    }

    case 'getAddModel': {
      const result = service.getAddModel(doc, call.text ?? '');
      if (typeof result === 'string') return;
      const context = ` (id ${safeJson(call.text)})`;
      const after = applyWorkspaceEdit(result.edit, 'add model', context);
      if (!after) return;
      checkSyntaxKept(after, 'add model', context);
      const selection = result.selection;
      const afterText = after.get(selection?.uri) ?? session.textOf(selection?.uri);
      if (afterText === undefined) return fail('selection in a document that is not part of the world', `${safeJson(selection)}${context}`);
      const afterGeometry = new Geometry(afterText);
      const problem = afterGeometry.rangeProblem(selection.range);
      if (problem)
        return fail(
          `selection out of range in the text after the edit (${problem
            .replace(/[\d:]+/g, '#')
            .replace(/\(.*\)/, '')
            .trim()})`,
          `${safeJson(selection)}: ${problem}${context}`,
        );
      if (call.expect) {
        const selected = afterText.slice(afterGeometry.offsetOf(selection.range.start), afterGeometry.offsetOf(selection.range.end));
        if (!selected.includes(call.expect))
          fail('selection does not select the new id', `selected ${safeJson(selected)}, expected ${safeJson(call.expect)}${context}`);
      }
      return;
    }

    case 'locatePath': {
      const location = service.locatePath(doc, call.text ?? '');
      checkRange(location?.range, location?.uri, 'located range', ` (path ${safeJson(call.text)})`);
      return;
    }

    case 'getRegion': {
      const region = service.getRegion(call.flag ? undefined : doc);
      if (typeof region !== 'string' || region === '') fail('region is not a non-empty string', safeJson(region));
      return;
    }

    case 'getConfigurationFiles': {
      const files = service.getConfigurationFiles(doc);
      if (!Array.isArray(files)) return fail('result is not an array', safeJson(files));
      if (files[0] === undefined) fail('no files', safeJson(files));
      for (const file of files) if (session.textOf(file) === undefined) fail('a file that is not part of the world', file);
      if (!files.includes(uri)) fail('the document is not among its configuration files', safeJson(files));
      return;
    }

    case 'getFormatting': {
      const options = call.options ?? { tabSize: 2, insertSpaces: true };
      const range = call.end === undefined ? undefined : { start: geometry.positionOf(call.at ?? 0), end: geometry.positionOf(call.end) };
      const context = ` (${safeJson(options)}${range ? `, lines ${range.start.line}-${range.end.line}` : ''})`;
      const result = service.getFormatting(doc, options, range);
      const broken = !session.clean(uri);
      if (typeof result === 'string') {
        if (!broken) fail('a document that parses is not formatted', `${result}${context}`);
        else if (result.trim() === '') fail('no reason given for not formatting', context);
        return;
      }
      if (!Array.isArray(result)) return fail('result is not an array', safeJson(result));
      if (broken) return fail('a document with syntax errors gets formatting edits', `${safeJson(result).slice(0, 500)}${context}`);
      let rangesOk = true;
      for (const edit of result) rangesOk = checkRange(edit?.range, uri, 'formatting edit', context) && rangesOk;
      if (!rangesOk) return;
      if (range) {
        // Edits stay within the lines of the range (one ending at a line's start does not take that line).
        const lastLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
        const outside = result.find((edit) => edit.range.start.line < range.start.line || edit.range.end.line > lastLine);
        if (outside) fail("a range formatting edit outside the range's lines", `${safeJson(outside)}${context}`);
      }
      let after: string;
      try {
        after = applyEdits(text, result);
      } catch (error) {
        return fail('formatting edits overlap', `${(error as Error).message}${context}`);
      }
      checkFormatted(text, after, 'formatting', context, fail);
      if (!range) {
        const again = formatEdits(after, parseJson5(after), options);
        if (typeof again === 'string' || again.length > 0) {
          const detail = `formatting the result again gives ${safeJson(again).slice(0, 600)}${context}`;
          fail('formatting is not idempotent', `${detail}\n--- formatted ---\n${after.slice(0, 2000)}`);
        }
      }
      // Each edit alone keeps the document valid, its value and its comments (on smaller documents: a parse per edit).
      if (text.length < 20_000) {
        for (const edit of result.slice(0, 8)) {
          checkFormatted(text, applyEdits(text, [edit]), 'a formatting edit alone', `${context}: ${safeJson(edit)}`, fail);
        }
      }
      return;
    }

    case 'getDocumentSymbols': {
      const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
      const inside = (inner: { start: Position; end: Position }, outer: { start: Position; end: Position }) =>
        before(outer.start, inner.start) && before(inner.end, outer.end);
      const visit = (symbols: DocumentSymbol[], parent: DocumentSymbol | undefined): void => {
        for (const symbol of symbols) {
          const context = ` (symbol ${safeJson(symbol.name)})`;
          if (typeof symbol.name !== 'string' || symbol.name.trim() === '')
            fail('a symbol without a name (VS Code refuses it)', safeJson(symbol).slice(0, 200));
          if (
            !checkRange(symbol.range, uri, 'symbol range', context) ||
            !checkRange(symbol.selectionRange, uri, 'symbol selectionRange', context)
          )
            continue;
          if (!inside(symbol.selectionRange, symbol.range))
            fail("a symbol's selectionRange is not inside its range", safeJson(symbol).slice(0, 300));
          if (parent && !inside(symbol.range, parent.range))
            fail('a symbol is not inside its parent', `${safeJson(symbol.range)} in ${safeJson(parent.range)}${context}`);
          visit(symbol.children ?? [], symbol);
        }
      };
      const symbols = service.getDocumentSymbols(doc);
      if (!Array.isArray(symbols)) return fail('result is not an array', safeJson(symbols));
      return visit(symbols, undefined);
    }

    case 'getWorkspaceSymbols': {
      const symbols = service.getWorkspaceSymbols([doc], call.text ?? '');
      if (!Array.isArray(symbols)) return fail('result is not an array', safeJson(symbols));
      return checkLocations(
        symbols.map((symbol) => symbol.location),
        'workspace symbol location',
      );
    }

    case 'getFoldingRanges': {
      for (const range of service.getFoldingRanges(doc)) {
        if (!(range.startLine >= 0 && range.startLine < range.endLine && range.endLine < geometry.lineCount))
          fail('a folding range out of the document or empty', safeJson(range));
      }
      return;
    }

    case 'getSelectionRanges': {
      const cursor = position();
      const [selection, ...rest] = service.getSelectionRanges(doc, [cursor]);
      if (!selection || rest.length > 0) return fail('not one selection range per position', safeJson([selection, ...rest]).slice(0, 300));
      const contains = (outer: { start: Position; end: Position }, inner: { start: Position; end: Position }) =>
        geometry.offsetOf(outer.start) <= geometry.offsetOf(inner.start) && geometry.offsetOf(inner.end) <= geometry.offsetOf(outer.end);
      let current: SelectionRange | undefined = selection;
      if (checkRange(current.range, uri, 'selection range', ` ${where()}`) && !contains(current.range, { start: cursor, end: cursor }))
        fail('the innermost selection range does not hold the position', `${safeJson(current.range)} ${where()}`);
      for (; current?.parent; current = current.parent) {
        if (!checkRange(current.parent.range, uri, 'selection range', ` ${where()}`)) break;
        if (!contains(current.parent.range, current.range))
          fail("a selection range's parent does not hold it", `${safeJson(current.range)} in ${safeJson(current.parent.range)} ${where()}`);
      }
      return;
    }

    case 'getDocumentHighlights':
      for (const highlight of service.getDocumentHighlights(doc, position())) checkRange(highlight.range, uri, 'highlight', ` ${where()}`);
      return;

    case 'getDocumentLinks':
      for (const link of service.getDocumentLinks(doc)) {
        checkRange(link.range, uri, 'link', '');
        if (session.textOf(link.target) === undefined) fail('a link to a file that is not part of the world', link.target);
      }
      return;

    case 'getInlayHints': {
      const range = { start: geometry.positionOf(call.at ?? 0), end: geometry.positionOf(call.end ?? text.length) };
      for (const hint of service.getInlayHints(doc, range)) {
        const problem = geometry.positionProblem(hint.position, 'hint position');
        if (problem) fail('an inlay hint out of the document', problem);
        else if (typeof hint.label !== 'string' || hint.label === '') fail('an inlay hint without a label', safeJson(hint));
      }
      return;
    }

    case 'getConfigurationSources': {
      const sources = service.getConfigurationSources(doc);
      if (!Array.isArray(sources)) return fail('result is not an array', safeJson(sources));
      for (const source of sources) {
        const known = session.textOf(source.uri);
        if (known === undefined) fail('a source that is not part of the world', source.uri);
        else if (known !== source.text) fail('a source text differs from the file', source.uri);
      }
      return;
    }
  }

  function checkDiagnostics(diagnostics: Diagnostic[], diagnosticsUri: string, what: string) {
    if (!Array.isArray(diagnostics)) return fail(`${what}s are not an array`, safeJson(diagnostics));
    // At most the limit, and then one that says how many more there are, as the last.
    const limit = SETTINGS[session.world.settings]?.maxDiagnosticsPerFile ?? DEFAULT_MAX_DIAGNOSTICS;
    if (diagnostics.length > limit + 1) fail(`more ${what}s than the limit`, `${diagnostics.length} ${what}s for a limit of ${limit}`);
    const summary = diagnostics.findIndex((diagnostic) => diagnostic.code === 'too-many-problems');
    if (summary >= 0 && summary !== diagnostics.length - 1)
      fail(`${what} [too-many-problems] not the last`, `at ${summary} of ${diagnostics.length}, limit ${limit}`);
    for (const diagnostic of diagnostics) {
      const context = ` (${diagnostic.code}: ${diagnostic.message})`;
      checkRange(diagnostic.range, diagnosticsUri, `${what} [${diagnostic.code}]`, context);
      if (![1, 2, 3, 4].includes(diagnostic.severity)) fail(`${what} with severity ${diagnostic.severity}`, context);
      if (typeof diagnostic.message !== 'string' || diagnostic.message === '')
        fail(`${what} [${diagnostic.code}] without a message`, safeJson(diagnostic));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The parser's own invariants

function checkParse(text: string, fail: Fail): void {
  const length = text.length;
  const { root, errors, comments } = parseJson5(text);
  const inside = (offset: number, end: number) =>
    Number.isInteger(offset) && Number.isInteger(end) && offset >= 0 && end >= offset && end <= length;
  let count = 0;
  const walk = (node: JsonNode, parent: JsonNode | undefined, depth: number) => {
    if (++count > 4 * length + 16) throw new Error('more nodes than the text can hold (a cycle?)');
    if (!inside(node.offset, node.end))
      fail(`${node.type} node out of the text`, `${node.type} at ${node.offset}..${node.end} in a text of ${length}`);
    if (node.parent !== parent) fail(`${node.type} node with a wrong parent link`, `${node.type} at ${node.offset}`);
    if (parent && (node.offset < parent.offset || node.end > parent.end)) {
      fail(
        `${node.type} child outside its ${parent.type} parent`,
        `${node.type} ${node.offset}..${node.end} in ${parent.type} ${parent.offset}..${parent.end}`,
      );
    }
    if (node.type === 'property') {
      if (typeof node.value !== 'string' || node.children !== undefined || !(node.keyEnd > node.offset && node.keyEnd <= node.end))
        fail('property without a key (or with children of its own)', `property at ${node.offset}`);
      const key = keyOf(node);
      if (key.parent !== node || key.offset !== node.offset || key.end !== node.keyEnd || keyOf(node) !== key || !isKeyNode(key))
        fail('key node not the one of its property', `property at ${node.offset}`);
      if (node.valueNode && (node.valueNode.offset < node.keyEnd || node.valueNode.end !== node.end))
        fail('property value not after its key, or not where the property ends', `property at ${node.offset}`);
      if (node.colonOffset >= 0 && (node.colonOffset < node.offset || node.colonOffset >= length))
        fail('colon offset out of range', `${node.colonOffset}`);
      if (node.valueNode) walk(node.valueNode, node, depth + 1);
    }
    if (node.commaOffset >= length || node.commaOffset < -1) fail('comma offset out of range', `${node.commaOffset} of ${length}`);
    if (node.type === 'object' && node.children?.some((child) => child.type !== 'property'))
      fail('object with a child that is not a property', `object at ${node.offset}`);
    const children = node.children ?? [];
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      const next = children[i + 1];
      if (next && child.end > next.offset)
        fail(
          'siblings overlap or are out of order',
          `${child.type} ${child.offset}..${child.end} then ${next.type} ${next.offset}..${next.end}`,
        );
      walk(child, node, depth + 1);
    }
  };
  if (root) walk(root, undefined, 0);
  for (const error of errors) {
    if (!inside(error.offset, error.offset + error.length)) fail('error out of the text', `${safeJson(error)} in a text of ${length}`);
    if (typeof error.message !== 'string' || error.message === '') fail('error without a message', safeJson(error));
  }
  for (const comment of comments) {
    if (!inside(comment.offset, comment.offset + comment.length))
      fail('comment out of the text', `${safeJson(comment)} in a text of ${length}`);
  }
  if (text.trim() !== '' && !root && errors.length === 0) fail('no value and no error', '');
}

export const FORMATTING_OPTIONS: readonly FormattingOptions[] = [
  { tabSize: 2, insertSpaces: true },
  { tabSize: 2, insertSpaces: true },
  { tabSize: 4, insertSpaces: true },
  { tabSize: 4, insertSpaces: false },
  { tabSize: 1, insertSpaces: true },
  { tabSize: 0, insertSpaces: true },
  { tabSize: 1e9, insertSpaces: true },
];

/**
 * What formatting must keep: the document parses, with the same value (NaN-aware, keys in order),
 * the same text for every key and scalar (hex stays hex, quotes stay), the same comments in the
 * same order; a comment that started its line still does, one that ended its line still does.
 */
function checkFormatted(before: string, after: string, what: string, context: string, fail: Fail): void {
  const old = parseJson5(before);
  const now = parseJson5(after);
  if (now.errors.length > 0) {
    const first = now.errors[0]!;
    const around = after.slice(Math.max(0, first.offset - 200), first.offset + 200);
    const detail = `${first.message} at offset ${first.offset}${context}\n--- after ---\n${around}`;
    return fail(`${what} introduces a syntax error (${normalize(first.message)})`, detail);
  }
  if (!sameValue(toValue(old.root), toValue(now.root))) {
    return fail(`${what} changes the value`, `${context}\n--- after ---\n${after.slice(0, 2000)}`);
  }
  const oldTokens = tokenTexts(before, old.root);
  const newTokens = tokenTexts(after, now.root);
  const changed = oldTokens.findIndex((token, i) => token !== newTokens[i]);
  if (changed >= 0 || oldTokens.length !== newTokens.length) {
    return fail(`${what} rewrites a token`, `${safeJson(oldTokens[changed])} became ${safeJson(newTokens[changed])}${context}`);
  }
  const oldComments = old.comments.map((comment) => before.slice(comment.offset, comment.offset + comment.length));
  const newComments = now.comments.map((comment) => after.slice(comment.offset, comment.offset + comment.length));
  if (safeJson(oldComments) !== safeJson(newComments)) {
    const detail = `${safeJson(oldComments).slice(0, 400)} became ${safeJson(newComments).slice(0, 400)}${context}`;
    return fail(`${what} changes the comments`, detail);
  }
  old.comments.forEach((comment, i) => {
    const moved = now.comments[i]!;
    const detail = `${safeJson(oldComments[i])}${context}`;
    if (startsLine(before, comment.offset) && !startsLine(after, moved.offset)) fail(`${what} moves a comment off its own line`, detail);
    const endedLine = endsLine(before, comment.offset + comment.length);
    if (endedLine && !endsLine(after, moved.offset + moved.length)) fail(`${what} puts text after a comment that ended its line`, detail);
  });
}

function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0 && text[i] !== '\n' && text[i] !== '\r'; i--) if (!/\s/.test(text[i]!)) return false;
  return true;
}

function endsLine(text: string, offset: number): boolean {
  for (let i = offset; i < text.length && text[i] !== '\n' && text[i] !== '\r'; i++) if (!/\s/.test(text[i]!)) return false;
  return true;
}

/** The source text of every key and scalar, in document order. */
function tokenTexts(text: string, root: JsonNode | undefined): string[] {
  const texts: string[] = [];
  const walk = (node: JsonNode) => {
    if (node.type === 'object' || node.type === 'array' || node.type === 'property') node.children?.forEach(walk);
    else texts.push(text.slice(node.offset, node.end));
  };
  if (root) walk(root);
  return texts;
}

/** Values compared as formatting must keep them: numbers by Object.is (NaN equals NaN, -0 is not 0), keys in order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (a && typeof a === 'object') {
    if (!b || typeof b !== 'object' || Array.isArray(b)) return false;
    const keys = Object.keys(a);
    const otherKeys = Object.keys(b);
    const at = (value: unknown, key: string) => (value as Record<string, unknown>)[key];
    return safeJson(keys) === safeJson(otherKeys) && keys.every((key) => sameValue(at(a, key), at(b, key)));
  }
  return a === b;
}

/** Valid JSON: no error, and the value JSON.parse gives. */
export function checkJsonDifferential(text: string, sink: Sink): void {
  const call: Call = { feature: 'parse', doc: SINGLE_PATH };
  const { root, errors } = parseJson5(text);
  if (errors.length > 0) {
    sink({
      signature: `parse: valid JSON reported an error (${normalize(errors[0]!.message)})`,
      call,
      detail: safeJson(errors.slice(0, 3)),
    });
    return;
  }
  const expected: unknown = JSON.parse(text);
  const actual = toValue(root);
  if (!sameJson(expected, actual))
    sink({
      signature: 'parse: value differs from JSON.parse',
      call,
      detail: `expected ${safeJson(expected).slice(0, 300)}, got ${safeJson(actual).slice(0, 300)}`,
    });
}

function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || a === b;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (a && typeof a === 'object') {
    if (!b || typeof b !== 'object' || Array.isArray(b)) return false;
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every(
        (key) =>
          Object.prototype.hasOwnProperty.call(b, key) &&
          sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
      )
    );
  }
  return a === b;
}

// ---------------------------------------------------------------------------------------------
// A round: every feature on every document of a world

export const SINGLE_PATH = '/test/openclaw.json';

/** Offsets worth probing: at and around the characters that start or end JSON5 things. */
function interestingOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let i = 0; i < text.length && offsets.length < 4000; i++) {
    const ch = text[i]!;
    if ('"\':,{}[]/\n$@.'.includes(ch)) offsets.push(i, i + 1);
  }
  return offsets;
}

function collectPaths(text: string, limit: number): string[] {
  const paths: string[] = [];
  const walk = (node: JsonNode | undefined, path: string) => {
    if (!node || paths.length >= limit) return;
    if (path) paths.push(path);
    if (node.type === 'object') {
      for (const property of node.children ?? []) walk(valueOf(property), path ? `${path}.${keyText(property)}` : keyText(property));
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((item, index) => walk(item, path ? `${path}.${index}` : String(index)));
    }
  };
  try {
    walk(parseJson5(text).root, '');
  } catch {
    // reported by the parse call
  }
  return paths;
}

export interface DocumentTiming {
  ms: number;
  doc: string;
  length: number;
  slowestFeature: string;
  slowestFeatureMs: number;
}

export interface CaseResult {
  failures: Failure[];
  timings: DocumentTiming[];
  calls: number;
  /** Milliseconds per feature over the case. */
  features?: Map<string, number>;
}

export interface Hooks {
  /** A case (or a reduction step) starts: the watchdog's input and clock. */
  begin(world: World): void;
  /** Nothing runs now. */
  idle(): void;
}

export const NO_HOOKS: Hooks = { begin: () => undefined, idle: () => undefined };

/** The service, with the time each call takes added up by `spent`. */
function timedService(service: LanguageService, spent: (ms: number) => void): LanguageService {
  return new Proxy(service, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const t0 = performance.now();
        try {
          return (value as (...args: unknown[]) => unknown).apply(target, args);
        } finally {
          spent(performance.now() - t0);
        }
      };
    },
  });
}

/** Runs every feature on every document of the case's world. */
export function runCase(fuzzCase: FuzzCase, shared: LanguageService | undefined): CaseResult {
  const { world } = fuzzCase;
  const session = new Session(world, world.multi ? undefined : shared);
  const failures: Failure[] = [];
  const timings: DocumentTiming[] = [];
  let calls = 0;
  const features = new Map<string, number>();
  const rng = rngOf(fuzzCase.seed);
  for (const path of world.docs) {
    const perFeature = new Map<string, number>();
    const sink: Sink = (failure) => failures.push(failure);
    const run = (call: Call) => {
      const before = session.serviceMs;
      execute(session, call, sink);
      const ms = session.serviceMs - before;
      perFeature.set(call.feature, (perFeature.get(call.feature) ?? 0) + ms);
      features.set(call.feature, (features.get(call.feature) ?? 0) + ms);
      calls++;
    };
    const before = session.serviceMs;
    planDocument(session, path, rng, run);
    const ms = session.serviceMs - before;
    let slowestFeature = '';
    let slowestFeatureMs = -1;
    for (const [feature, featureMs] of perFeature) {
      if (featureMs > slowestFeatureMs) {
        slowestFeature = feature;
        slowestFeatureMs = featureMs;
      }
    }
    timings.push({ ms, doc: path, length: session.text(path).length, slowestFeature, slowestFeatureMs });
  }
  return { failures, timings, calls, features };
}

/** Decides the calls of one document's round (some from earlier results) and runs them. */
function planDocument(session: Session, path: string, rng: Rng, run: (call: Call) => void): void {
  const text = session.text(path);
  const doc = session.document(path);
  const geometry = session.geometry(path);
  const { service } = session;
  const interesting = interestingOffsets(text);
  const offset = () => {
    const raw = interesting.length > 0 && rng.chance(0.6) ? rng.pick(interesting) + rng.int(3) - 1 : rng.int(text.length + 1);
    return Math.max(0, Math.min(raw, text.length));
  };

  // Short texts have few places worth probing: fewer positions there, more documents instead.
  const probes = text.length < 40 ? 2 : 4;
  run({ feature: 'parse', doc: path });
  run({ feature: 'getDiagnostics', doc: path });
  run({ feature: 'getConfigurationDiagnostics', doc: path });
  for (let i = 0; i < probes; i++) run({ feature: 'getHover', doc: path, at: offset() });
  for (let i = 0; i < probes; i++) run({ feature: 'getCompletion', doc: path, at: offset() });
  for (let i = 0; i < probes - 1; i++) {
    const at = offset();
    run({ feature: 'getDefinition', doc: path, at });
    run({ feature: 'getReferences', doc: path, at, flag: true });
    run({ feature: 'getReferences', doc: path, at, flag: false });
    run({ feature: 'prepareRename', doc: path, at });
    const placeholder = session.safe(() => service.prepareRename(doc, geometry.positionOf(at)))?.placeholder;
    const name =
      placeholder !== undefined && rng.chance(0.3) ? `${placeholder}${rng.pick(['', '-2', ' x', '"', '/a'])}` : rng.pick(RENAME_NAMES);
    run({ feature: 'getRename', doc: path, at, text: name });
  }

  // Code actions: at diagnostics (as an editor asks), at random ranges, and fix-all over everything.
  const diagnostics = session.diagnostics(path).filter((d) => !geometry.rangeProblem(d.range));
  for (let i = 0; i < Math.min(3, diagnostics.length); i++) {
    const d = rng.pick(diagnostics);
    run({
      feature: 'getCodeActions',
      doc: path,
      at: geometry.offsetOf(d.range.start),
      end: geometry.offsetOf(d.range.end),
      only: ['quickfix'],
    });
  }
  const randomRange = () => {
    const at = offset();
    return { at, end: rng.chance(0.5) ? Math.min(text.length, at + rng.int(80)) : Math.max(at, offset()) };
  };
  run({ feature: 'getCodeActions', doc: path, ...randomRange(), only: ['quickfix'] });
  run({ feature: 'getCodeActions', doc: path, ...randomRange() });
  run({ feature: 'getCodeActions', doc: path, at: 0, end: text.length, only: ['source.fixAll'] });
  run({
    feature: 'getCodeActions',
    doc: path,
    ...randomRange(),
    only: [rng.pick(['source.fixAll', 'source.fixAll.openclaw', 'source', 'refactor'])],
  });

  run({ feature: 'getModelLenses', doc: path });
  run({ feature: 'getTestTargets', doc: path });
  const targets = session.safe(() => service.getTestTargets(doc)) ?? [];
  const target = targets.length > 0 ? rng.pick(targets) : undefined;
  const reference =
    target && rng.chance(0.8)
      ? rng.pick([target.ref, ...target.aliases])
      : rng.pick(['', 'GLM', 'amazon-bedrock/zai.glm-4.7', 'nope/nothing', '/']);
  run({ feature: 'getTestTarget', doc: path, text: reference });
  run({ feature: 'getSuggestedProfiles', doc: path, text: target ? target.modelId : rng.pick(CATALOG_IDS) });
  run({
    feature: 'getModelIdRewrite',
    doc: path,
    text: reference,
    expect: rng.pick(['renamed.model-v1:0', '', 'a"b', target?.modelId ?? 'x']),
  });

  run({ feature: 'getModelChoices', doc: path });
  const choices = session.safe(() => service.getModelChoices(doc)) ?? [];
  if (choices.length > 0) {
    const choice = rng.pick(choices);
    run({ feature: 'getAddModel', doc: path, text: choice.id, expect: choice.id });
  }
  run({ feature: 'getAddModel', doc: path, text: rng.chance(0.5) ? rng.pick(BOGUS_IDS) : rng.pick(CATALOG_IDS) });

  const ownPaths = collectPaths(text, 400);
  for (let i = 0; i < probes - 1; i++) {
    const roll = rng.float();
    const dotted = roll < 0.45 && ownPaths.length > 0 ? rng.pick(ownPaths) : roll < 0.75 ? rng.pick(REAL_PATHS) : rng.pick(GARBAGE_PATHS);
    run({ feature: 'locatePath', doc: path, text: dotted });
  }
  run({ feature: 'getRegion', doc: path });
  run({ feature: 'getRegion', doc: path, flag: true });
  run({ feature: 'getConfigurationFiles', doc: path });
  run({ feature: 'getConfigurationSources', doc: path });
  const options = rng.pick(FORMATTING_OPTIONS);
  run({ feature: 'getFormatting', doc: path, options });
  // A range's edits are the whole document's on its lines: checked again on smaller documents only, for time.
  if (text.length < 50_000) run({ feature: 'getFormatting', doc: path, options: rng.pick(FORMATTING_OPTIONS), ...randomRange() });

  run({ feature: 'getDocumentSymbols', doc: path });
  run({ feature: 'getWorkspaceSymbols', doc: path, text: rng.pick(['', 'glm', 'a', 'zzz', '\uD800', ' ']) });
  run({ feature: 'getFoldingRanges', doc: path });
  run({ feature: 'getDocumentLinks', doc: path });
  run({ feature: 'getInlayHints', doc: path, ...randomRange() });
  for (let i = 0; i < probes - 1; i++) {
    const at = offset();
    run({ feature: 'getSelectionRanges', doc: path, at });
    run({ feature: 'getDocumentHighlights', doc: path, at });
  }
}

// ---------------------------------------------------------------------------------------------
// Reduction: a smaller text (and fewer files) on which the same call fails the same way

function mapOffset(offset: number | undefined, start: number, end: number): number | undefined {
  if (offset === undefined) return undefined;
  if (offset <= start) return offset;
  if (offset >= end) return offset - (end - start);
  return start;
}

export function reduce(
  world: World,
  call: Call,
  signature: string,
  hooks: Hooks,
  budgetMs = REDUCE_BUDGET_MS,
): { world: World; call: Call; steps: number } {
  const deadline = Date.now() + budgetMs;
  const shared = world.multi ? undefined : createLanguageService({ settings: SETTINGS[world.settings] });
  let steps = 0;
  const fails = (candidate: World, candidateCall: Call): boolean => {
    steps++;
    hooks.begin(candidate);
    let hit = false;
    try {
      const session = new Session(candidate, shared);
      execute(session, candidateCall, (failure) => {
        if (failure.signature === signature) hit = true;
      });
    } catch {
      hit = false;
    }
    return hit;
  };
  if (!fails(world, call)) return { world, call, steps };

  let current = world;
  let currentCall = call;
  // Whole files first (never the one the call is on).
  for (const path of Object.keys(current.files)) {
    if (path === currentCall.doc || Date.now() > deadline) continue;
    const files = { ...current.files };
    delete files[path];
    const candidate = { ...current, files, docs: current.docs.filter((doc) => doc !== path) };
    if (fails(candidate, currentCall)) current = candidate;
  }
  // Then chunks of each file, the call's document first.
  const order = [currentCall.doc, ...Object.keys(current.files).filter((path) => path !== currentCall.doc)];
  for (const path of order) {
    let changed = true;
    while (changed && Date.now() < deadline) {
      changed = false;
      for (let size = Math.max(1, current.files[path]!.length >> 1); size >= 1 && Date.now() < deadline; size >>= 1) {
        let i = 0;
        while (i < current.files[path]!.length && Date.now() < deadline) {
          const text = current.files[path]!;
          const candidateText = text.slice(0, i) + text.slice(i + size);
          const candidate = { ...current, files: { ...current.files, [path]: candidateText } };
          let candidateCall = currentCall;
          if (path === currentCall.doc) {
            const at = mapOffset(currentCall.at, i, i + size);
            const end = mapOffset(currentCall.end, i, i + size);
            candidateCall = { ...currentCall, at, end };
          }
          if (fails(candidate, candidateCall)) {
            current = candidate;
            currentCall = candidateCall;
            changed = true;
          } else {
            i += size;
          }
        }
      }
    }
  }
  hooks.idle();
  return { world: current, call: currentCall, steps };
}

// ---------------------------------------------------------------------------------------------
// Generators

function fixture(...parts: string[]): string {
  return readFileSync(join(REPO_ROOT, ...parts), 'utf8');
}

export const FIXTURES: Record<string, string> = {
  'samples/openclaw.json': fixture('samples', 'openclaw.json'),
  'test/fixtures/reference.json': fixture('test', 'fixtures', 'reference.json'),
  'test/vscode/fixtures/openclaw.json5': fixture('test', 'vscode', 'fixtures', 'openclaw.json5'),
  'test/vscode/fixtures/split/openclaw.json': fixture('test', 'vscode', 'fixtures', 'split', 'openclaw.json'),
  'test/vscode/fixtures/split/models.json5': fixture('test', 'vscode', 'fixtures', 'split', 'models.json5'),
};
const LARGE_FIXTURES = [FIXTURES['samples/openclaw.json']!, FIXTURES['test/fixtures/reference.json']!];
const SMALL_FIXTURES = [
  FIXTURES['test/vscode/fixtures/openclaw.json5']!,
  FIXTURES['test/vscode/fixtures/split/openclaw.json']!,
  FIXTURES['test/vscode/fixtures/split/models.json5']!,
];

export const CATALOG_IDS: string[] = builtInSnapshot('us-east-1').entries.map((entry) => entry.id);

export const VOCABULARY = [
  'models',
  'providers',
  'amazon-bedrock',
  'baseUrl',
  'api',
  'id',
  'name',
  'cost',
  'input',
  'output',
  'cacheRead',
  'cacheWrite',
  'contextWindow',
  'maxTokens',
  'reasoning',
  'agents',
  'defaults',
  'model',
  'primary',
  'fallbacks',
  'alias',
  'modelPolicy',
  'allow',
  'entries',
  'list',
  'meta',
  'lastTouchedVersion',
  'plugins',
  '$include',
  'bedrockDiscovery',
  'mode',
  'config',
  'discovery',
  'enabled',
  'region',
  'providerFilter',
  'refreshInterval',
  'imageModel',
  'auth',
  'apiKey',
  'headers',
  'params',
  'openai',
  'anthropic',
  '__proto__',
  'constructor',
  'env',
];

const MODEL_IDS = [
  ...CATALOG_IDS.slice(0, 12),
  'zai.glm-4.7',
  'qwen.qwen3-32b-v1:0',
  'us.anthropic.claude-sonnet-4-6',
  'global.anthropic.claude-opus-4-5-20251101-v1:0',
  'anthropic.claude-3-5-sonnet-20240620-v1:0',
  'deepseek.v3.2',
  'moonshotai.kimi-k2.5',
  'bogus.model',
  '',
  ' ',
  'x:y:z',
  'amazon-bedrock/zai.glm-4.7',
  'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6',
  'mistral.mistral-large-2402-v1:0:provisioned',
  '${MODEL_ID}',
];
const PROVIDERS = ['amazon-bedrock', 'amazon-bedrock', 'amazon-bedrock', 'openai', 'bedrock', 'Amazon-Bedrock', '', 'my bedrock'];
const ALIASES = ['GLM', 'Sonnet', 'Opus', 'fast', 'GLM', '', ' ', 'glm', 'Sonnet 4.6', 'amazon-bedrock/zai.glm-4.7', '${ALIAS}'];
const BASE_URLS = [
  'https://bedrock-runtime.us-east-1.amazonaws.com',
  'https://bedrock-runtime.eu-west-1.amazonaws.com',
  'https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com',
  'https://bedrock-runtime.cn-north-1.amazonaws.com.cn',
  'https://bedrock-runtime.us-west-2.api.aws',
  'https://vpce-123.bedrock-runtime.us-east-1.vpce.amazonaws.com',
  'http://localhost:8080',
  'not a url',
  '',
  '${BEDROCK_URL}',
  'https://bedrock-runtime.xx-nowhere-9.amazonaws.com',
];
const VERSIONS = ['2026.3.2', '2026.4.1', '2026.8.1', '2026.9.6', '2026.3.2-beta.1', 'v2026.9.6', 'garbage', '0.0.0', '99999.1.1', ''];
const APIS = ['bedrock-converse-stream', 'openai-completions', 'anthropic-messages', 'bogus', ''];

/** A JSON5 value to serialize: objects keep their entries in order, duplicates included. */
export type V =
  | { t: 'obj'; entries: [string, V][] }
  | { t: 'arr'; items: V[] }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'null' }
  | { t: 'raw'; v: string };

const obj = (entries: [string, V][]): V => ({ t: 'obj', entries });
const str = (v: string): V => ({ t: 'str', v });

function fromJson(value: unknown): V {
  if (value === null) return { t: 'null' };
  if (Array.isArray(value)) return { t: 'arr', items: value.map(fromJson) };
  switch (typeof value) {
    case 'string':
      return str(value);
    case 'number':
      return { t: 'num', v: value };
    case 'boolean':
      return { t: 'bool', v: value };
    case 'object':
      return obj(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, fromJson(item)]));
    default:
      return { t: 'null' };
  }
}

const RAW_NUMBERS = [
  '0x1F',
  '.5',
  '5.',
  '+1',
  '-Infinity',
  'Infinity',
  'NaN',
  '1e400',
  '-0',
  '0xFFFFFFFFFFFFFFFFFF',
  '1_000',
  '08',
  '0b101',
];

const unicodeChar = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 4 },
  { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), weight: 1 },
  { arbitrary: fc.constantFrom('\uFEFF', '\u2028', '\u2029', '\u00A0', '\u200B', '\u0085', '\u007F', '😀', 'é', 'ß', '\u0301'), weight: 1 },
);

/** Strings of any UTF-16 code units: control characters, lone surrogates, BOMs, line separators. */
export const anyText = fc.string({ unit: unicodeChar, maxLength: 120 });

const stringValue = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      ...MODEL_IDS,
      ...ALIASES,
      ...BASE_URLS,
      ...VERSIONS,
      ...APIS,
      'text',
      'image',
      'merge',
      'replace',
      '$${X}',
      '${X}',
      '${UNSET_VAR}',
      '${lower}',
      './models.json5',
    ),
    weight: 6,
  },
  {
    arbitrary: fc.tuple(fc.constantFrom(...PROVIDERS), fc.constantFrom(...MODEL_IDS)).map(([provider, id]) => `${provider}/${id}`),
    weight: 4,
  },
  {
    arbitrary: fc.constantFrom(
      'amazon-bedrock/*',
      'amazon-bedrock/zai.glm-4.7@work',
      'amazon-bedrock/anthropic.claude-3-5-sonnet@20240620@p',
      'openai/gpt-4o',
    ),
    weight: 1,
  },
  { arbitrary: anyText, weight: 2 },
);

const numberValue: fc.Arbitrary<V> = fc.oneof(
  fc.integer({ min: -5, max: 300000 }).map((v): V => ({ t: 'num', v })),
  fc.double().map((v): V => ({ t: 'num', v })),
  fc.constantFrom(...RAW_NUMBERS).map((v): V => ({ t: 'raw', v })),
);

const keyArb = fc.oneof(
  { arbitrary: fc.constantFrom(...VOCABULARY), weight: 8 },
  {
    arbitrary: fc.tuple(fc.constantFrom(...PROVIDERS), fc.constantFrom(...MODEL_IDS)).map(([provider, id]) => `${provider}/${id}`),
    weight: 2,
  },
  { arbitrary: anyText, weight: 1 },
);

/** Any value, with OpenClaw's words as keys. */
const anyValue: fc.Arbitrary<V> = fc.letrec<{ value: V }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: stringValue.map(str), weight: 4 },
    { arbitrary: numberValue, weight: 2 },
    { arbitrary: fc.constantFrom<V>({ t: 'bool', v: true }, { t: 'bool', v: false }, { t: 'null' }), weight: 1 },
    { arbitrary: fc.array(tie('value'), { maxLength: 4 }).map((items): V => ({ t: 'arr', items })), weight: 2 },
    { arbitrary: fc.array(fc.tuple(keyArb, tie('value')), { maxLength: 5 }).map(obj), weight: 3 },
  ),
})).value;

/** A slot that usually holds the expected kind of value and sometimes anything. */
const slot = (expected: fc.Arbitrary<V>): fc.Arbitrary<V> =>
  fc.oneof({ arbitrary: expected, weight: 9 }, { arbitrary: anyValue, weight: 1 });

/** Optional fields in random order, plus random extra ones and sometimes a duplicate. */
function fields(spec: Record<string, fc.Arbitrary<V>>): fc.Arbitrary<V> {
  const keys = Object.keys(spec);
  return fc
    .tuple(fc.record(spec, { requiredKeys: [] }), fc.array(fc.tuple(keyArb, anyValue), { maxLength: 2 }), fc.nat(), fc.boolean())
    .map(([record, extras, shuffle, duplicate]) => {
      const entries: [string, V][] = keys.filter((key) => key in record).map((key) => [key, (record as Record<string, V>)[key]!]);
      if (entries.length > 1) {
        const i = shuffle % entries.length;
        entries.push(...entries.splice(0, i));
      }
      if (duplicate && entries.length > 0) entries.push(entries[shuffle % entries.length]!);
      if (extras.length > 0 && shuffle % 3 === 0) entries.push(...extras);
      return obj(entries);
    });
}

const idV = slot(fc.constantFrom(...MODEL_IDS).map(str));
const refV = slot(stringValue.map(str));
const modelEntryV = slot(
  fields({
    id: idV,
    name: slot(fc.constantFrom('GLM 4.7', 'Claude Sonnet', '', 'Nova').map(str)),
    reasoning: slot(fc.boolean().map((v): V => ({ t: 'bool', v }))),
    input: slot(fc.subarray(['text', 'image', 'audio']).map((items): V => ({ t: 'arr', items: items.map(str) }))),
    cost: slot(
      fields({ input: slot(numberValue), output: slot(numberValue), cacheRead: slot(numberValue), cacheWrite: slot(numberValue) }),
    ),
    contextWindow: slot(numberValue),
    maxTokens: slot(numberValue),
  }),
);
const providerV = slot(
  fields({
    baseUrl: slot(fc.constantFrom(...BASE_URLS).map(str)),
    api: slot(fc.constantFrom(...APIS).map(str)),
    auth: slot(fc.constantFrom('aws-sdk', 'api-key', 'bogus').map(str)),
    apiKey: slot(fc.constantFrom('${AWS_BEARER_TOKEN_BEDROCK}', 'literal-key', '').map(str)),
    models: slot(fc.array(modelEntryV, { maxLength: 5 }).map((items): V => ({ t: 'arr', items }))),
  }),
);
const modelSelectionV = slot(
  fc.oneof(refV, fields({ primary: refV, fallbacks: slot(fc.array(refV, { maxLength: 3 }).map((items): V => ({ t: 'arr', items }))) })),
);
const discoveryV = slot(
  fields({
    enabled: slot(fc.boolean().map((v): V => ({ t: 'bool', v }))),
    region: slot(fc.constantFrom('us-east-1', 'eu-west-1', 'bogus').map(str)),
    providerFilter: slot(
      fc.array(fc.constantFrom('anthropic', 'amazon', '').map(str), { maxLength: 2 }).map((items): V => ({ t: 'arr', items })),
    ),
    refreshInterval: slot(numberValue),
  }),
);

/** Whole configurations shaped like OpenClaw's, every part optional and any part possibly wrong. */
export const configV: fc.Arbitrary<V> = fields({
  models: slot(
    fields({
      mode: slot(fc.constantFrom('merge', 'replace', 'bogus').map(str)),
      providers: slot(fc.array(fc.tuple(fc.constantFrom(...PROVIDERS), providerV), { maxLength: 3 }).map(obj)),
      bedrockDiscovery: discoveryV,
    }),
  ),
  agents: slot(
    fields({
      defaults: slot(
        fields({
          model: modelSelectionV,
          imageModel: modelSelectionV,
          models: slot(
            fc
              .array(
                fc.tuple(
                  fc.oneof(stringValue, fc.constantFrom(...ALIASES)),
                  slot(fields({ alias: slot(fc.constantFrom(...ALIASES).map(str)), params: anyValue })),
                ),
                { maxLength: 4 },
              )
              .map(obj),
          ),
          modelPolicy: slot(fields({ allow: slot(fc.array(refV, { maxLength: 3 }).map((items): V => ({ t: 'arr', items }))) })),
        }),
      ),
      list: slot(
        fc
          .array(fields({ id: slot(fc.constantFrom('main', 'work', '').map(str)), model: modelSelectionV }), { maxLength: 2 })
          .map((items): V => ({ t: 'arr', items })),
      ),
    }),
  ),
  meta: slot(fields({ lastTouchedVersion: slot(fc.constantFrom(...VERSIONS).map(str)) })),
  plugins: slot(
    fields({
      entries: slot(
        fields({
          'amazon-bedrock': slot(
            fields({ enabled: slot(fc.boolean().map((v): V => ({ t: 'bool', v }))), config: slot(fields({ discovery: discoveryV })) }),
          ),
        }),
      ),
    }),
  ),
});

/** How a value is written: quotes, indentation, trailing commas, comments, line breaks. */
export interface Style {
  indent: string;
  keyQuote: '"' | "'" | 'bare';
  stringQuote: '"' | "'";
  trailingComma: boolean;
  comments: number;
  eol: '\n' | '\r\n' | '\r';
  hex: boolean;
  seed: number;
}

export const styleArb: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom('', '  ', '    ', '\t'),
  keyQuote: fc.constantFrom<Style['keyQuote']>('"', "'", 'bare'),
  stringQuote: fc.constantFrom<Style['stringQuote']>('"', "'"),
  trailingComma: fc.boolean(),
  comments: fc.constantFrom(0, 0, 0.1, 0.4),
  eol: fc.constantFrom<Style['eol']>('\n', '\n', '\r\n', '\r'),
  hex: fc.boolean(),
  seed: fc.nat(),
});

function quoteString(value: string, quote: '"' | "'"): string {
  let out = quote;
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + quote;
}

export function serialize(value: V, style: Style): string {
  const rng = rngOf(style.seed);
  const comment = (indent: string) => {
    if (style.comments === 0 || !rng.chance(style.comments)) return '';
    return rng.chance(0.5)
      ? `// ${rng.pick(['note', 'TODO: "quoted" // nested', "it's", '{ not: json }', '$include'])}${style.eol}${indent}`
      : `/* ${rng.pick(['block', '* stars *', 'multi\nline', '"x"'])} */ `;
  };
  const key = (name: string) => {
    if (style.keyQuote === 'bare' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) return name;
    return quoteString(name, style.keyQuote === 'bare' ? style.stringQuote : style.keyQuote);
  };
  const write = (v: V, indent: string): string => {
    const inner = indent + style.indent;
    const nl = style.indent === '' ? '' : style.eol;
    switch (v.t) {
      case 'str':
        return quoteString(v.v, style.stringQuote);
      case 'num':
        if (Number.isNaN(v.v)) return 'NaN';
        if (v.v === Infinity) return 'Infinity';
        if (v.v === -Infinity) return '-Infinity';
        if (Object.is(v.v, -0)) return '-0';
        if (style.hex && Number.isInteger(v.v) && v.v >= 0 && v.v < 2 ** 31) return `0x${v.v.toString(16)}`;
        return String(v.v);
      case 'bool':
        return String(v.v);
      case 'null':
        return 'null';
      case 'raw':
        return v.v;
      case 'arr': {
        if (v.items.length === 0) return '[]';
        const items = v.items.map((item) => `${inner}${comment(inner)}${write(item, inner)}`);
        return `[${nl}${items.join(`,${nl || ' '}`)}${style.trailingComma ? ',' : ''}${nl}${indent}]`;
      }
      case 'obj': {
        if (v.entries.length === 0) return '{}';
        const entries = v.entries.map(
          ([name, item]) => `${inner}${comment(inner)}${key(name)}:${style.indent ? ' ' : ''}${write(item, inner)}`,
        );
        return `{${nl}${entries.join(`,${nl || ' '}`)}${style.trailingComma ? ',' : ''}${nl}${indent}}`;
      }
    }
  };
  return comment('') + write(value, '') + (rng.chance(0.7) ? style.eol : '');
}

// Mutations

export const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '"',
  "'",
  '//',
  '/*',
  '*/',
  '\n',
  '\r\n',
  '\r',
  '\\',
  '$include',
  '"$include"',
  '${X}',
  '$${Y}',
  '0x1F',
  '.5',
  'Infinity',
  'NaN',
  '-',
  '+',
  'true',
  'null',
  '\uFEFF',
  '\u2028',
  '\uD800',
  '\uDC00',
  '😀',
  '\u0000',
  '\t',
  '\v',
  '\f',
  '\u00A0',
  'é',
  '"amazon-bedrock/zai.glm-4.7"',
  '"models"',
  'models',
  'providers',
  '"amazon-bedrock"',
  'id',
  'alias',
  '"GLM"',
  '1e999',
  '\\u00',
  '\\x4',
  '"\\',
  "'\\",
  '/* unterminated',
  '// line',
  '"unterminated',
  '{"$include": "./models.json5"}',
  '[[[[[[[[',
  ']]]]]]]]',
  '{{{{',
  '}}}}',
  ' ',
  '    ',
];

export type Mutation =
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number; to: number }
  | { op: 'insert'; at: number; token: string }
  | { op: 'swap'; a: number; b: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'replace'; at: number; token: string };

const spanLength = fc.oneof(
  { arbitrary: fc.nat(8), weight: 4 },
  { arbitrary: fc.nat(120), weight: 2 },
  { arbitrary: fc.nat(100_000), weight: 1 },
);
const anywhere = fc.nat(1_000_000);
const token = fc.oneof(
  { arbitrary: fc.constantFrom(...TOKENS), weight: 5 },
  { arbitrary: fc.constantFrom(...VOCABULARY), weight: 1 },
  { arbitrary: anyText, weight: 1 },
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('delete' as const), at: anywhere, length: spanLength }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: anywhere, length: spanLength, to: anywhere }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at: anywhere, token }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('swap' as const), a: anywhere, b: anywhere, length: spanLength }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('truncate' as const), at: anywhere }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('replace' as const), at: anywhere, token }), weight: 2 },
);

export function mutate(text: string, mutations: readonly Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    const n = t.length;
    const pos = (raw: number) => (n === 0 ? 0 : raw % (n + 1));
    switch (m.op) {
      case 'delete': {
        const at = pos(m.at);
        t = t.slice(0, at) + t.slice(at + m.length);
        break;
      }
      case 'duplicate': {
        const at = pos(m.at);
        const span = t.slice(at, at + m.length);
        const to = pos(m.to);
        t = t.slice(0, to) + span + t.slice(to);
        break;
      }
      case 'insert': {
        const at = pos(m.at);
        t = t.slice(0, at) + m.token + t.slice(at);
        break;
      }
      case 'replace': {
        const at = pos(m.at);
        t = t.slice(0, at) + m.token + t.slice(at + 1);
        break;
      }
      case 'swap': {
        let a = pos(m.a);
        let b = pos(m.b);
        if (a > b) [a, b] = [b, a];
        const length = Math.min(m.length % 200, b - a);
        if (length <= 0) break;
        const first = t.slice(a, a + length);
        const second = t.slice(b, b + length);
        t = t.slice(0, a) + second + t.slice(a + length, b) + first + t.slice(b + second.length);
        break;
      }
      case 'truncate':
        t = t.slice(0, pos(m.at));
        break;
    }
  }
  return t;
}

/** Line-break and BOM variants of a text, as editors on other systems save it. */
const variantArb = fc.constantFrom<(text: string) => string>(
  (text) => text,
  (text) => text,
  (text) => text,
  (text) => text.replace(/\n/g, '\r\n'),
  (text) => text.replace(/\n/g, '\r'),
  (text) => `\uFEFF${text}`,
  (text) => text.replace(/\n\s*/g, ''),
);

const single = (text: string, settings: number): World => ({ files: { [SINGLE_PATH]: text }, docs: [SINGLE_PATH], multi: false, settings });

/** Bytes that break UTF-8 (lone continuations, truncated and overlong leads, encoded surrogates) or mark UTF-16. */
const ODD_BYTES = [0x80, 0xbf, 0xc0, 0xc1, 0xc3, 0xe2, 0x82, 0xed, 0xa0, 0xf0, 0x9f, 0xf4, 0xf5, 0xff, 0xfe, 0xef, 0xbb, 0x00];

/** How a text is saved: UTF-8 (with a byte order mark or not), UTF-16 either way, or Latin-1 (invalid UTF-8 for é). */
const encodeArb = fc.constantFrom<(text: string) => Buffer>(
  (text) => Buffer.from(text, 'utf8'),
  (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
  (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
  (text) => Buffer.from(text, 'utf16le'),
  (text) => Buffer.from(text, 'latin1'),
);

/** A file's bytes: a configuration saved in some encoding with odd bytes put in, or any bytes at all. */
const fileBytes = fc.oneof(
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('', '', '\n', '\r\n', '\uFEFF'),
        fc.oneof(
          fc.constantFrom(...SMALL_FIXTURES),
          configV.chain((value) => styleArb.map((style) => serialize(value, style))),
        ),
        encodeArb,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...ODD_BYTES)), { maxLength: 6 }),
      )
      .map(([start, text, encode, insertions]) => {
        const bytes = [...encode(start + text)];
        for (const [at, byte] of insertions) bytes.splice(at % (bytes.length + 1), 0, byte);
        return Uint8Array.from(bytes);
      }),
    weight: 4,
  },
  { arbitrary: fc.uint8Array({ maxLength: 300 }), weight: 1 },
);

/** A document decoded from bytes as the CLI and DiskFileSource decode them, with what the decoding found. */
const decodedWorld = (bytes: Uint8Array, settings: number): World => {
  const { text, encoding } = decodeConfigBytes(bytes);
  return { ...single(text, settings), encodings: { [SINGLE_PATH]: encoding } };
};
const settingsArb = fc.nat(SETTINGS.length - 1);
const caseOf = (world: fc.Arbitrary<World>): fc.Arbitrary<FuzzCase> => fc.record({ world, seed: fc.integer() });

/** JSON5-ish text from tokens, words and whitespace. */
export const tokenSoup = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...TOKENS), weight: 10 },
      { arbitrary: stringValue.map((s) => quoteString(s, '"')), weight: 2 },
      { arbitrary: fc.constantFrom(...VOCABULARY), weight: 3 },
      { arbitrary: fc.constantFrom(' ', '\n', ': ', ', '), weight: 4 },
    ),
    { maxLength: 60 },
  )
  .map((tokens) => tokens.join(''));

/** Values nested deeper than the parser's limit (500), closed or not. */
export const deepText = fc
  .tuple(
    fc.integer({ min: 1, max: 1400 }),
    fc.constantFrom('{a:', '[', '{"$include":', '{models:', '{"agents":{"defaults":'),
    fc.boolean(),
    fc.constantFrom('1', '"x"', '{}', '', '['),
  )
  .map(([depth, opener, closed, middle]) => {
    const open = opener.repeat(depth);
    if (!closed) return open + middle;
    const close = [...open]
      .reverse()
      .map((ch) => (ch === '{' ? '}' : ch === '[' ? ']' : ''))
      .join('');
    return open + middle + close;
  });

/** Big documents: many models and aliases, long strings, many comments, one long line. */
export const largeText = fc
  .tuple(fc.integer({ min: 50, max: 700 }), fc.constantFrom('models', 'string', 'comments', 'line', 'aliases'), styleArb)
  .map(([n, kind, style]) => {
    const ids = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? CATALOG_IDS[i % CATALOG_IDS.length]! : `vendor.model-${i}-v1:0`));
    switch (kind) {
      case 'string':
        return serialize(
          obj([['models', obj([['providers', obj([['amazon-bedrock', obj([['baseUrl', str('x'.repeat(n * 200))]])]])]])]]),
          style,
        );
      case 'comments':
        return `{\n${'// comment\n/* block */\n'.repeat(n * 10)}models: {}}`;
      case 'line':
        return `{"models":{"providers":{"amazon-bedrock":{"models":[${ids.map((id) => `{"id":"${id}"}`).join(',')}]}}}}`;
      default: {
        const models = ids.map((id): V =>
          obj([
            ['id', str(id)],
            ['name', str(`Model ${id}`)],
          ]),
        );
        const aliases = ids.map((id, i): [string, V] => [
          `amazon-bedrock/${id}`,
          kind === 'aliases' || i % 2 === 0 ? obj([['alias', str(`A${i % 40}`)]]) : obj([]),
        ]);
        return serialize(
          obj([
            [
              'models',
              obj([
                [
                  'providers',
                  obj([
                    [
                      'amazon-bedrock',
                      obj([
                        ['baseUrl', str(BASE_URLS[0]!)],
                        ['models', { t: 'arr', items: models }],
                      ]),
                    ],
                  ]),
                ],
              ]),
            ],
            [
              'agents',
              obj([
                [
                  'defaults',
                  obj([
                    [
                      'model',
                      obj([
                        ['primary', str('A1')],
                        ['fallbacks', { t: 'arr', items: ids.slice(0, 30).map((id) => str(`amazon-bedrock/${id}`)) }],
                      ]),
                    ],
                    ['models', obj(aliases)],
                  ]),
                ],
              ]),
            ],
          ]),
          style,
        );
      }
    }
  });

/**
 * Huge flat arrays and objects (tens of thousands of items, on one line or one per line) where
 * OpenClaw reads models, aliases, agents and providers: every feature must stay linear in them (a
 * 600 KB array of numbers once took the server down, and completion in a long one-line array was
 * quadratic), and the diagnostics capped.
 */
export const hugeFlatText = fc
  .tuple(
    fc.integer({ min: 15_000, max: 40_000 }),
    fc.constantFrom('models', 'fallbacks', 'agents', 'aliases', 'providers', 'root'),
    fc.constantFrom('1', '{}', '"x"', 'null', 'model', 'ref'),
    fc.boolean(),
  )
  .map(([count, where, kind, oneLine]) => {
    // Fewer of the larger items, for rounds of comparable time: whole model entries (fix-all plans an
    // alias for each) and object entries (each with a long key).
    const n = Math.floor(count / (kind === 'model' ? 8 : where === 'aliases' || where === 'providers' ? 3 : 1));
    const item = (i: number) =>
      kind === 'model' ? `{"id":"vendor.m${i}-v1:0","name":"M${i}"}` : kind === 'ref' ? `"amazon-bedrock/vendor.m${i}-v1:0"` : kind;
    const separator = oneLine ? ',' : ',\n    ';
    const items = () => Array.from({ length: n }, (_, i) => item(i)).join(separator);
    const entries = (key: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => `${JSON.stringify(key(i))}:${item(i)}`).join(separator);
    switch (where) {
      case 'models':
        return `{"models":{"providers":{"amazon-bedrock":{"baseUrl":"https://bedrock-runtime.us-east-1.amazonaws.com","models":[${items()}]}}}}`;
      case 'fallbacks':
        return `{"agents":{"defaults":{"model":{"primary":"amazon-bedrock/zai.glm-4.7","fallbacks":[${items()}]}}}}`;
      case 'agents':
        return `{"agents":{"list":[${items()}]}}`;
      case 'aliases':
        return `{"agents":{"defaults":{"models":{${entries((i) => `amazon-bedrock/vendor.m${i}-v1:0`)}}}}}`;
      case 'providers':
        return `{"models":{"providers":{${entries((i) => `p${i}`)}}}}`;
      default:
        return `[${items()}]`;
    }
  });

/** `$include` values: paths to files of the world (relative, absolute, escaping), arrays, wrong types. */
const INCLUDE_PATHS = [
  './models.json5',
  'models.json5',
  '../cfg/models.json5',
  '/cfg/models.json5',
  './agents.json5',
  './sub/providers.json',
  'sub/providers.json',
  './a.json5',
  './b.json5',
  '../outside/x.json5',
  '/outside/x.json5',
  '/etc/x.json5',
  './missing.json5',
  '',
  '.',
  '..',
  './sub',
  './openclaw.json',
  'file:///cfg/models.json5',
  '~/x.json5',
  'C:\\cfg\\models.json5',
  '\u0000',
  'a/'.repeat(40),
  './sub/openclaw.json',
  './.env',
  './models.json5 ',
];
const includeValue: fc.Arbitrary<V> = fc.oneof(
  { arbitrary: fc.constantFrom(...INCLUDE_PATHS).map(str), weight: 8 },
  { arbitrary: fc.array(fc.constantFrom(...INCLUDE_PATHS).map(str), { maxLength: 3 }).map((items): V => ({ t: 'arr', items })), weight: 3 },
  { arbitrary: anyValue, weight: 1 },
);

/** Puts `$include`s into a value: beside other keys, alone, or replacing a whole object. */
function withIncludes(value: V, includes: V[], seed: number): V {
  if (includes.length === 0) return value;
  const rng = rngOf(seed);
  const objects: { t: 'obj'; entries: [string, V][] }[] = [];
  const walk = (v: V) => {
    if (v.t === 'obj') {
      objects.push(v);
      v.entries.forEach(([, item]) => walk(item));
    } else if (v.t === 'arr') v.items.forEach(walk);
  };
  const copy: V = JSON.parse(
    JSON.stringify(value, (_key, item: unknown) => (typeof item === 'number' && !Number.isFinite(item) ? String(item) : item)),
  ) as V;
  restoreNumbers(copy, value);
  walk(copy);
  if (objects.length === 0) return obj([['$include', includes[0]!]]);
  for (const include of includes) {
    const target = rng.pick(objects);
    if (rng.chance(0.3)) target.entries.length = 0;
    target.entries.splice(rng.int(target.entries.length + 1), 0, ['$include', include]);
  }
  return copy;
}

/** JSON round trips lose NaN, Infinity and -0: put the originals back. */
function restoreNumbers(copy: V, original: V): void {
  if (copy.t === 'num' && original.t === 'num') copy.v = original.v;
  else if (copy.t === 'arr' && original.t === 'arr') copy.items.forEach((item, i) => restoreNumbers(item, original.items[i]!));
  else if (copy.t === 'obj' && original.t === 'obj') copy.entries.forEach(([, item], i) => restoreNumbers(item, original.entries[i]![1]));
}

const FRAGMENT_PATHS = [
  '/cfg/models.json5',
  '/cfg/agents.json5',
  '/cfg/sub/providers.json',
  '/cfg/a.json5',
  '/cfg/b.json5',
  '/outside/x.json5',
  '/cfg/sub/openclaw.json',
];

const fragmentV = fc.oneof(
  configV,
  providerV.map((provider) => obj([['providers', obj([['amazon-bedrock', provider]])]])),
  fc.array(modelEntryV, { maxLength: 3 }).map((items): V => ({ t: 'arr', items })),
  anyValue,
  fc.constant(
    fromJson({
      providers: {
        'amazon-bedrock': {
          baseUrl: BASE_URLS[0],
          api: 'bedrock-converse-stream',
          models: [
            { id: 'zai.glm-4.7', name: 'GLM 4.7' },
            { id: 'qwen.qwen3-32b-v1:0', name: 'Qwen3 32B' },
          ],
        },
      },
    }),
  ),
);

const fileText = (value: fc.Arbitrary<V>, includes: fc.Arbitrary<V> = includeValue) =>
  fc
    .tuple(
      value,
      fc.array(includes, { maxLength: 2 }),
      fc.nat(),
      styleArb,
      fc.oneof(
        { arbitrary: fc.constant([] as Mutation[]), weight: 3 },
        { arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }), weight: 1 },
      ),
    )
    .map(([v, values, seed, style, mutations]) => mutate(serialize(withIncludes(v, values, seed), style), mutations));

/** A root that `$include`s files of the world, those files (some including others, cycles too), a `.env`. */
export const multiWorld: fc.Arbitrary<World> = fc
  .tuple(
    fc.constantFrom('/cfg/openclaw.json', '/cfg/openclaw.json', '/cfg/openclaw.json5', '/cfg/clawdbot.json'),
    fc.oneof(
      fileText(configV),
      fc
        .constant(FIXTURES['test/vscode/fixtures/split/openclaw.json']!)
        .chain((text) => fc.array(mutationArb, { maxLength: 2 }).map((m) => mutate(text, m))),
    ),
    fc.uniqueArray(fc.constantFrom(...FRAGMENT_PATHS), { minLength: 1, maxLength: 4 }),
    fc.array(
      fc.oneof(
        fileText(fragmentV),
        fc
          .constant(FIXTURES['test/vscode/fixtures/split/models.json5']!)
          .chain((text) => fc.array(mutationArb, { maxLength: 2 }).map((m) => mutate(text, m))),
      ),
      { minLength: 4, maxLength: 4 },
    ),
    fc.option(fc.constantFrom('X=1\nMODEL_ID=zai.glm-4.7\n', 'AWS_REGION=eu-west-1', '=\n\u0000', 'ALIAS="GLM"'), { nil: undefined }),
    settingsArb,
  )
  .map(([root, rootText, paths, texts, dotenv, settings]) => {
    const files: Record<string, string> = { [root]: rootText };
    paths.forEach((path, i) => (files[path] = texts[i]!));
    // The root's folder always has models.json5 when the root names it: most includes then resolve.
    if (!files['/cfg/models.json5'] && rootText.includes('models.json5')) files['/cfg/models.json5'] = texts[3]!;
    const docs = Object.keys(files);
    if (dotenv !== undefined) files['/cfg/.env'] = dotenv;
    return { files, docs, multi: true, settings };
  });

/** In every file a world keeps outside its workspace: a read of one shows wherever its text goes. */
const OUTSIDE_CANARY = 'OUTSIDE-CANARY';
const CANARY_CONFIG = `{ models: { providers: { "amazon-bedrock": { models: [{ id: "${OUTSIDE_CANARY}", name: "${OUTSIDE_CANARY}" }] } } } }\n`;

/** The files of an include graph: the root, then files it can include (two in a subfolder). */
const GRAPH_FILES = [
  '/cfg/openclaw.json',
  '/cfg/g1.json5',
  '/cfg/g2.json5',
  '/cfg/g3.json5',
  '/cfg/sub/g4.json5',
  '/cfg/sub/g5.json5',
  '/cfg/g6.json5',
  '/cfg/g7.json5',
  '/cfg/g8.json5',
  '/cfg/g9.json5',
];
/** Links in memory: inside the folder, out of it (to a file, a folder, out and back in), loops and dangling ones. */
const GRAPH_LINKS: Record<string, string> = {
  '/cfg/link-in.json5': 'g1.json5',
  '/cfg/sub/link-up.json5': '../g2.json5',
  '/cfg/link-out.json5': '/outside/x.json5',
  '/cfg/dir-out': '/outside',
  '/cfg/dir-sub': '/outside/sub',
  '/cfg/out-back.json5': '/outside/back.json5',
  '/outside/back.json5': '/cfg/g3.json5',
  '/cfg/loop-a.json5': 'loop-b.json5',
  '/cfg/loop-b.json5': 'loop-a.json5',
  '/cfg/dangling.json5': 'nothing.json5',
};
const GRAPH_SPECIAL_PATHS = [
  './link-in.json5',
  './sub/link-up.json5',
  './link-out.json5',
  './dir-out/x.json5',
  './dir-sub/../g2.json5',
  './dir-sub/y.json5',
  './out-back.json5',
  './loop-a.json5',
  './dangling.json5',
  '../outside/x.json5',
  '/outside/x.json5',
  './dir-out/openclaw.json',
];
const GRAPH_OUTSIDE_PATHS = ['/outside/x.json5', '/outside/sub/y.json5', '/outside/openclaw.json', '/outside/g2.json5'];

interface IncludeEdge {
  from: number;
  to: number;
  /** How many times `from` includes `to`: one array of that many paths, or that many `$include`s. */
  times: number;
  spelling: number;
}

/** Each file including the next `fan` times: OpenClaw would copy the last one in fan^(depth-1) times. */
const fanOutEdges = fc
  .tuple(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 2, max: 6 }), fc.nat())
  .map(([depth, fan, spelling]): IncludeEdge[] =>
    Array.from({ length: depth - 1 }, (_, from) => ({ from, to: from + 1, times: fan, spelling: spelling + from })),
  );
/** Any graph: diamonds, fan-out, cycles, a file including itself. */
const randomEdges = fc.array(fc.record({ from: fc.nat(9), to: fc.nat(9), times: fc.integer({ min: 1, max: 6 }), spelling: fc.nat() }), {
  maxLength: 16,
});

/** The includes in an object: the first as its own `$include` (merged there) or each under a key of its own. */
function placeIncludes(content: V, includes: V[], seed: number): V {
  const entries: [string, V][] = content.t === 'obj' ? [...content.entries] : [['value', content]];
  includes.forEach((include, i) => {
    if (i === 0 && seed % 2 === 0) entries.splice(seed % (entries.length + 1), 0, ['$include', include]);
    else entries.push([`part${i}`, obj([['$include', include]])]);
  });
  return obj(entries);
}

function spelledPath(from: string, to: string, spelling: number): string {
  if (spelling % 5 === 0) return GRAPH_SPECIAL_PATHS[(spelling / 5) % GRAPH_SPECIAL_PATHS.length]!;
  const relative = posix.relative(posix.dirname(from), to);
  return [`./${relative}`, relative, to][spelling % 3]!;
}

/** A configuration whose files include each other as a graph, with links in and out of its folder. */
export const includeGraphWorld: fc.Arbitrary<World> = fc
  .tuple(
    fc.oneof(fanOutEdges, randomEdges),
    fc.array(fragmentV, { minLength: GRAPH_FILES.length, maxLength: GRAPH_FILES.length }),
    styleArb,
    fc.nat(),
    fc.nat(3),
    settingsArb,
  )
  .map(([edges, contents, style, seed, extraDocs, settings]) => {
    const files: Record<string, string> = Object.fromEntries(GRAPH_OUTSIDE_PATHS.map((path) => [path, CANARY_CONFIG]));
    const used = new Set([0, ...edges.flatMap((edge) => [edge.from, edge.to])]);
    for (const index of used) {
      const path = GRAPH_FILES[index]!;
      const includes = edges
        .filter((edge) => edge.from === index)
        .flatMap((edge): V[] => {
          const spelled = str(spelledPath(path, GRAPH_FILES[edge.to]!, edge.spelling));
          if (edge.times === 1) return [spelled];
          return edge.spelling % 2 === 0 ? [{ t: 'arr', items: Array(edge.times).fill(spelled) }] : Array(edge.times).fill(spelled);
        });
      // A file that only includes is the commonest way to fan out: most keep nothing else.
      const content = includes.length > 0 && (seed + index) % 3 !== 0 ? obj([]) : contents[index]!;
      files[path] = serialize(includes.length > 0 ? placeIncludes(content, includes, seed + index) : content, style);
    }
    const docs = [...used]
      .sort((a, b) => a - b)
      .slice(0, 1 + extraDocs)
      .map((index) => GRAPH_FILES[index]!);
    return { files, docs, multi: true, settings, links: GRAPH_LINKS, confined: '/cfg' };
  });

/** Links on disk in and out of the workspace folder /ws (targets relative to the link, or /etc itself). */
const DISK_LINKS: Record<string, string> = {
  '/ws/link-in.json5': 'g1.json5',
  '/ws/out-file.json5': '../outside/secret.json5',
  '/ws/out-dir': '../outside',
  '/ws/etc': '/etc',
  '/ws/dirlink': '../outside/sub',
  '/ws/loop-a': 'loop-b',
  '/ws/loop-b': 'loop-a',
  '/ws/dangling.json5': 'nothing.json5',
  '/ws/sub/back.json5': '../../outside/back.json5',
  '/outside/back.json5': '../ws/g2.json5',
  '/ws/team/openclaw.json': '../../outside/openclaw.json',
  '/ws-link': 'ws',
  '/ws/zero.json5': '/dev/zero',
};
/** A named pipe (opening it would block), a folder named like a file, and a file with a second name. */
const DISK_SPECIALS: World['specials'] = {
  '/ws/pipe.json5': 'fifo',
  '/ws/folder.json5': 'folder',
  '/ws/hard.json5': { hardLinkTo: '/ws/linked.json5' },
};
const DISK_INCLUDE_PATHS = [
  './g1.json5',
  './g2.json5',
  './sub/g3.json5',
  '../g1.json5',
  './link-in.json5',
  './out-file.json5',
  './out-dir/secret.json5',
  './out-dir/back.json5',
  './etc/hostname',
  './etc/passwd',
  '/etc/hostname',
  './loop-a',
  './dangling.json5',
  './sub/back.json5',
  './dirlink/../g2.json5',
  './out-dir/../g2.json5',
  '../outside/secret.json5',
  '../ws/g1.json5',
  '../ws-link/g1.json5',
  './team/openclaw.json',
  './team/agent.json5',
  './openclaw.json',
  './pipe.json5',
  './folder.json5',
  './hard.json5',
  './zero.json5',
];
const diskIncludeValue: fc.Arbitrary<V> = fc.oneof(
  { arbitrary: fc.constantFrom(...DISK_INCLUDE_PATHS).map(str), weight: 3 },
  {
    arbitrary: fc
      .array(fc.constantFrom(...DISK_INCLUDE_PATHS).map(str), { minLength: 1, maxLength: 6 })
      .map((items): V => ({ t: 'arr', items })),
    weight: 2,
  },
);
const DISK_DOCS = ['/ws/openclaw.json', '/ws/g1.json5', '/ws/g2.json5', '/ws/sub/g3.json5', '/ws/team/agent.json5'];

/** An untrusted workspace on disk whose files include each other and, through links, files outside it. */
export const diskWorld: fc.Arbitrary<World> = fc
  .tuple(
    fc.array(fileText(fragmentV, diskIncludeValue), { minLength: DISK_DOCS.length, maxLength: DISK_DOCS.length }),
    fc.boolean(),
    fc.nat(2),
    settingsArb,
  )
  .map(([texts, throughLink, extraDocs, settings]) => {
    const files: Record<string, string> = {
      '/outside/secret.json5': CANARY_CONFIG,
      '/outside/sub/x.json5': CANARY_CONFIG,
      '/outside/openclaw.json': `{ models: { $include: "./agent.json5" }, agents: { defaults: { model: "${OUTSIDE_CANARY}" } } }\n`,
      // What ./out-dir/../g2.json5 names if `..` is taken after the link rather than as written.
      '/g2.json5': CANARY_CONFIG,
      '/ws/linked.json5': '{ models: {} }\n',
    };
    DISK_DOCS.forEach((path, i) => (files[path] = texts[i]!));
    const disk = { folderLink: throughLink ? '/ws-link' : undefined };
    return {
      files,
      docs: DISK_DOCS.slice(0, 2 + extraDocs),
      multi: true,
      settings,
      links: DISK_LINKS,
      specials: DISK_SPECIALS,
      confined: '/ws',
      disk,
    };
  });

/** The scratch folder disk worlds are written to (test/unit/fuzz.test.ts removes it). */
export function fuzzScratchRoot(): string {
  return join(tmpdir(), `openclaw-fuzz-${process.pid}`);
}

/** Writes a disk world (its files and links) once, to a folder named by its content; returns that folder. */
function materialize(world: World): string {
  const root = join(
    fuzzScratchRoot(),
    createHash('sha1')
      .update(JSON.stringify([world.files, world.links, world.specials]))
      .digest('hex')
      .slice(0, 16),
  );
  if (existsSync(root)) return root;
  for (const [path, text] of Object.entries(world.files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  for (const [path, target] of Object.entries(world.links ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(target, join(root, path));
  }
  for (const [path, kind] of Object.entries(world.specials ?? {})) {
    if (kind === 'fifo') execFileSync('mkfifo', [join(root, path)]);
    else if (kind === 'folder') mkdirSync(join(root, path), { recursive: true });
    else linkSync(join(root, kind.hardLinkTo), join(root, path));
  }
  return root;
}

/** OPENCLAW_INCLUDE_ROOTS of the world's settings. */
function includeRootsOf(world: World): string[] {
  return (SETTINGS[world.settings]?.env?.OPENCLAW_INCLUDE_ROOTS ?? '').split(':').filter((root) => root !== '');
}

// ---------------------------------------------------------------------------------------------
// Properties

export interface PropertySpec {
  name: string;
  /** Cases at scale 1. */
  runs: number;
  arbitrary: fc.Arbitrary<FuzzCase>;
  /** Only the parser (and, for valid JSON, the differential against JSON.parse), not the service. */
  parserOnly?: boolean;
  /** About how many seconds it takes at scale 1: the longest start first. */
  cost: number;
}

const mutatedFixture = fc
  .tuple(
    fc.oneof({ arbitrary: fc.constantFrom(...LARGE_FIXTURES), weight: 1 }, { arbitrary: fc.constantFrom(...SMALL_FIXTURES), weight: 3 }),
    variantArb,
    fc.array(mutationArb, { minLength: 1, maxLength: 5 }),
  )
  .map(([text, variant, mutations]) => mutate(variant(text), mutations));

export const PROPERTIES: PropertySpec[] = [
  {
    name: 'parser: random, token soup, mutated, deep and valid-JSON texts',
    runs: 20000,
    cost: 3,
    parserOnly: true,
    arbitrary: caseOf(
      fc
        .oneof(
          anyText,
          tokenSoup,
          mutatedFixture,
          deepText,
          fc.json({ maxDepth: 4 }).map((json) => `\u0001JSON${json}`),
        )
        .map((text) => single(text, 0)),
    ),
  },
  {
    name: 'service: mutated real configurations',
    runs: 600,
    cost: 8,
    arbitrary: caseOf(fc.tuple(mutatedFixture, settingsArb).map(([text, settings]) => single(text, settings))),
  },
  {
    name: 'service: JSON5 token soup',
    runs: 4000,
    cost: 9,
    arbitrary: caseOf(fc.tuple(tokenSoup, settingsArb).map(([text, settings]) => single(text, settings))),
  },
  {
    name: 'service: fully random strings',
    // The decoded-bytes property below feeds random strings through the service too.
    runs: 2500,
    cost: 8,
    arbitrary: caseOf(
      fc
        .tuple(fc.oneof(anyText, fc.string({ unit: 'binary', maxLength: 300 })), settingsArb)
        .map(([text, settings]) => single(text, settings)),
    ),
  },
  {
    name: 'service: OpenClaw-shaped configurations (some mutated)',
    runs: 1000,
    cost: 9,
    arbitrary: caseOf(
      fc
        .tuple(
          configV,
          styleArb,
          fc.oneof(
            { arbitrary: fc.constant([] as Mutation[]), weight: 2 },
            { arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }), weight: 1 },
          ),
          settingsArb,
        )
        .map(([value, style, mutations, settings]) => single(mutate(serialize(value, style), mutations), settings)),
    ),
  },
  {
    name: 'service: fc.jsonValue wrapped in OpenClaw keys',
    runs: 1500,
    cost: 7,
    arbitrary: caseOf(
      fc
        .tuple(fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 5 }), fc.jsonValue({ maxDepth: 4 }), styleArb, settingsArb)
        .map(([keys, json, style, settings]) =>
          single(
            serialize(
              keys.reduceRight((inner: V, key) => obj([[key, inner]]), fromJson(json)),
              style,
            ),
            settings,
          ),
        ),
    ),
  },
  {
    name: 'service: documents decoded from bytes (UTF-16, byte order marks, invalid UTF-8)',
    runs: 400,
    cost: 5,
    arbitrary: caseOf(fc.tuple(fileBytes, settingsArb).map(([bytes, settings]) => decodedWorld(bytes, settings))),
  },
  {
    name: 'service: deep nesting and large documents',
    runs: 40,
    cost: 2,
    arbitrary: caseOf(fc.tuple(fc.oneof(deepText, largeText), settingsArb).map(([text, settings]) => single(text, settings))),
  },
  {
    name: 'service: huge flat arrays and objects',
    runs: 12,
    cost: 2,
    arbitrary: caseOf(fc.tuple(hugeFlatText, settingsArb).map(([text, settings]) => single(text, settings))),
  },
  {
    name: 'multi-file: $include configurations',
    runs: 300,
    cost: 10,
    arbitrary: caseOf(multiWorld),
  },
  {
    name: 'multi-file: include graphs (diamonds, fan-out, cycles, links in memory)',
    runs: 100,
    cost: 4,
    arbitrary: caseOf(includeGraphWorld),
  },
  {
    name: 'multi-file: an untrusted workspace on disk with links in and out of it',
    runs: 45,
    cost: 4,
    arbitrary: caseOf(diskWorld),
  },
];

// ---------------------------------------------------------------------------------------------
// The runner

export interface FailureReport {
  signature: string;
  /** Cases that failed this way in the collecting pass. */
  count: number;
  call: Call;
  position?: string;
  detail: string;
  stack?: string;
  /** The minimal world found: files (path → text). */
  files: Record<string, string>;
  /** The size of the first failing input before shrinking (characters over all files). */
  originalSize: number;
  shrunk: boolean;
}

export interface PropertyResult {
  name: string;
  cases: number;
  documents: number;
  calls: number;
  ms: number;
  /** The collecting pass alone (without shrinking and reducing failures). */
  collectMs: number;
  slowest: DocumentTiming & { text: string };
  retried: number;
  failures: FailureReport[];
  seed: number;
}

/** A property's seed: the run's seed mixed with the property's name, so each property has its own. */
export function seedFor(base: number, name: string): number {
  let hash = base | 0;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return hash | 0;
}

function parserCase(fuzzCase: FuzzCase): CaseResult {
  const failures: Failure[] = [];
  const sink: Sink = (failure) => failures.push(failure);
  let text = fuzzCase.world.files[SINGLE_PATH]!;
  const t0 = performance.now();
  if (text.startsWith('\u0001JSON')) {
    text = text.slice(5);
    checkJsonDifferential(text, sink);
  }
  const call: Call = { feature: 'parse', doc: SINGLE_PATH };
  try {
    checkParse(text, (kind, detail) => sink({ signature: `parse: ${kind}`, call, detail }));
  } catch (error) {
    const err = error as Error;
    sink({
      signature: `parse: threw ${err.name}: ${normalize(err.message)} @ ${topFrame(err.stack)}`,
      call,
      detail: err.message,
      stack: err.stack,
    });
  }
  const ms = performance.now() - t0;
  return { failures, timings: [{ ms, doc: SINGLE_PATH, length: text.length, slowestFeature: 'parse', slowestFeatureMs: ms }], calls: 1 };
}

export function runProperty(spec: PropertySpec, seed: number, scale: number, hooks: Hooks = NO_HOOKS): PropertyResult {
  const numRuns = Math.max(1, Math.round(spec.runs * scale));
  const services = new Map<number, LanguageService>();
  const sharedFor = (world: World) => {
    if (world.multi) return undefined;
    let service = services.get(world.settings);
    if (!service) {
      service = createLanguageService({ settings: SETTINGS[world.settings] });
      services.set(world.settings, service);
    }
    return service;
  };
  let retried = 0;
  const runOne = (fuzzCase: FuzzCase): CaseResult => {
    hooks.begin(fuzzCase.world);
    const result = spec.parserOnly ? parserCase(fuzzCase) : runCase(fuzzCase, sharedFor(fuzzCase.world));
    // A slow document is timed again with a fresh service before it counts: the machine may have been busy.
    if (!spec.parserOnly && result.timings.some((timing) => timing.ms > DOCUMENT_BOUND_MS)) {
      retried++;
      const again = runCase(fuzzCase, createLanguageService({ settings: SETTINGS[fuzzCase.world.settings] }));
      result.timings = result.timings.map((timing, i) =>
        again.timings[i] && again.timings[i]!.ms < timing.ms ? again.timings[i]! : timing,
      );
      for (const timing of result.timings) {
        if (timing.ms > DOCUMENT_BOUND_MS) {
          result.failures.push({
            signature: `slow: a document's round took more than ${DOCUMENT_BOUND_MS} ms in the language service`,
            call: { feature: timing.slowestFeature as Feature, doc: timing.doc },
            detail: `${timing.ms.toFixed(0)} ms for ${timing.doc} (${timing.length} characters); slowest feature ${timing.slowestFeature} ${timing.slowestFeatureMs.toFixed(0)} ms`,
          });
        }
      }
    }
    hooks.idle();
    return result;
  };

  let cases = 0;
  let documents = 0;
  let calls = 0;
  let slowest: PropertyResult['slowest'] = { ms: -1, doc: '', length: 0, slowestFeature: '', slowestFeatureMs: 0, text: '' };
  const found = new Map<string, { count: number; index: number; fuzzCase: FuzzCase; failure: Failure }>();
  const started = performance.now();

  const details = fc.check(
    fc.property(spec.arbitrary, (fuzzCase) => {
      const index = cases++;
      const result = runOne(fuzzCase);
      documents += result.timings.length;
      calls += result.calls;
      for (const timing of result.timings) {
        if (timing.ms > slowest.ms) slowest = { ...timing, text: fuzzCase.world.files[timing.doc] ?? '' };
      }
      const seen = new Set<string>();
      for (const failure of result.failures) {
        if (seen.has(failure.signature)) continue;
        seen.add(failure.signature);
        const entry = found.get(failure.signature);
        if (entry) entry.count++;
        else found.set(failure.signature, { count: 1, index, fuzzCase, failure });
      }
      return true;
    }),
    { seed, numRuns },
  );
  const collectMs = performance.now() - started;
  const failures: FailureReport[] = [];
  if (details.failed) {
    const err = details.errorInstance instanceof Error ? details.errorInstance : new Error(String(details.errorInstance));
    failures.push({
      signature: `harness: ${err.message}`,
      count: 1,
      call: { feature: 'parse', doc: '' },
      detail: err.message,
      stack: err.stack,
      files: details.counterexample?.[0]?.world.files ?? {},
      originalSize: 0,
      shrunk: false,
    });
  }

  let reduced = 0;
  for (const [signature, entry] of found) {
    const size = (world: World) => Object.values(world.files).reduce((sum, text) => sum + text.length, 0);
    let world = entry.fuzzCase.world;
    let failure = entry.failure;
    let shrunk = false;
    if (!signature.startsWith('slow:') && reduced < MAX_REDUCED) {
      reduced++;
      // fast-check's shrinking, replaying the failing run by seed and path.
      const fresh = new Map<number, LanguageService>();
      const replay = fc.check(
        fc.property(spec.arbitrary, (fuzzCase) => {
          hooks.begin(fuzzCase.world);
          let service = fresh.get(fuzzCase.world.settings);
          if (!service)
            fresh.set(fuzzCase.world.settings, (service = createLanguageService({ settings: SETTINGS[fuzzCase.world.settings] })));
          const result = spec.parserOnly ? parserCase(fuzzCase) : runCase(fuzzCase, fuzzCase.world.multi ? undefined : service);
          return !result.failures.some((candidate) => candidate.signature === signature);
        }),
        { seed, path: String(entry.index), plugins: [fc.interruptAfterTimeLimit(SHRINK_BUDGET_MS)] },
      );
      hooks.idle();
      if (replay.failed && replay.counterexample) {
        const shrunkCase = (replay.counterexample as unknown as [FuzzCase])[0];
        const result = spec.parserOnly
          ? parserCase(shrunkCase)
          : runCase(shrunkCase, createLanguageService({ settings: SETTINGS[shrunkCase.world.settings] }));
        const again = result.failures.find((candidate) => candidate.signature === signature);
        if (again) {
          world = shrunkCase.world;
          failure = again;
          shrunk = true;
        }
      }
      // Then the text around the one failing call (the parser's differential check is not a call).
      if (!spec.parserOnly || !signature.includes('JSON')) {
        const parserWorld = spec.parserOnly
          ? { ...world, files: { [SINGLE_PATH]: world.files[SINGLE_PATH]!.replace(/^\u0001JSON/, '') } }
          : world;
        const result = reduce(parserWorld, failure.call, signature, hooks);
        if (result.steps > 1 && size(result.world) < size(parserWorld)) {
          world = result.world;
          shrunk = true;
          let again: Failure | undefined;
          const session = new Session(world, undefined);
          execute(session, result.call, (candidate) => {
            if (candidate.signature === signature && !again) again = candidate;
          });
          failure = again ?? { ...failure, call: result.call };
        }
      }
    }
    let position: string | undefined;
    if (failure.call.at !== undefined && world.files[failure.call.doc] !== undefined) {
      const geometry = new Geometry(world.files[failure.call.doc]!);
      position = `offset ${failure.call.at} = ${fmt(geometry.positionOf(failure.call.at))}`;
      if (failure.call.end !== undefined) position += ` to offset ${failure.call.end} = ${fmt(geometry.positionOf(failure.call.end))}`;
    }
    failures.push({
      signature,
      count: entry.count,
      call: failure.call,
      position,
      detail: failure.detail,
      stack: failure.stack,
      files: world.files,
      originalSize: size(entry.fuzzCase.world),
      shrunk,
    });
  }
  hooks.idle();
  return { name: spec.name, cases, documents, calls, ms: performance.now() - started, collectMs, slowest, retried, failures, seed };
}

/** A failure as text: the signature, the call, the minimal input (JSON-escaped), the stack's top. */
export function describeFailure(failure: FailureReport): string {
  const lines = [
    `✗ ${failure.signature}`,
    `  in ${failure.count} case(s); call ${failure.call.feature} on ${failure.call.doc}${failure.position ? ` at ${failure.position}` : ''}`,
  ];
  const args = { text: failure.call.text, flag: failure.call.flag, only: failure.call.only, expect: failure.call.expect };
  if (Object.values(args).some((value) => value !== undefined)) lines.push(`  arguments: ${safeJson(args)}`);
  lines.push(`  ${failure.detail.split('\n').join('\n  ')}`);
  const paths = Object.keys(failure.files);
  const input = paths.length === 1 && paths[0] === SINGLE_PATH ? safeJson(failure.files[SINGLE_PATH]) : safeJson(failure.files);
  lines.push(
    `  minimal input${failure.shrunk ? ` (shrunk from ${failure.originalSize} characters)` : ''}: ${input.length > 4000 ? `${input.slice(0, 4000)}… (${input.length} characters)` : input}`,
  );
  if (failure.stack) lines.push(`  ${topFrames(failure.stack).split('\n').join('\n  ')}`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The worker side (test/unit/fuzz.test.ts starts one per property, and watches it)

/** Shared memory the watchdog reads: [start time, busy] as float64, the input's length, the input. */
export const WATCH_CHARS = 1 << 18;
export const WATCH_BYTES = 16 + 4 + WATCH_CHARS * 2;

export function watchHooks(shared: SharedArrayBuffer): Hooks {
  const clock = new Float64Array(shared, 0, 2);
  const length = new Int32Array(shared, 16, 1);
  const chars = new Uint16Array(shared, 20, WATCH_CHARS);
  return {
    begin(world) {
      const json = JSON.stringify(world.files);
      const n = Math.min(json.length, WATCH_CHARS);
      for (let i = 0; i < n; i++) chars[i] = json.charCodeAt(i);
      length[0] = n;
      clock[0] = Date.now();
      clock[1] = 1;
    },
    idle() {
      clock[1] = 0;
    },
  };
}

/** What the watchdog sees: how long the current case has run, and its input. */
export function readWatch(shared: SharedArrayBuffer): { busyMs: number; input: string } {
  const clock = new Float64Array(shared, 0, 2);
  const length = new Int32Array(shared, 16, 1);
  const chars = new Uint16Array(shared, 20, WATCH_CHARS);
  const busyMs = clock[1] === 1 ? Date.now() - clock[0]! : 0;
  let input = '';
  for (let i = 0; i < length[0]!; i += 8192) input += String.fromCharCode(...chars.subarray(i, Math.min(length[0]!, i + 8192)));
  return { busyMs, input };
}

export interface WorkerJob {
  name: string;
  seed: number;
  scale: number;
}

export type WorkerReply =
  { kind: 'done'; name: string; result: PropertyResult } | { kind: 'error'; name: string; message: string; stack?: string };

/** A worker thread's loop: runs the properties it is sent, one at a time, watched through `shared`. */
export function workerMain(): void {
  const hooks = watchHooks((workerData as { shared: SharedArrayBuffer }).shared);
  parentPort!.on('message', (job: WorkerJob) => {
    let reply: WorkerReply;
    try {
      const spec = PROPERTIES.find((candidate) => candidate.name === job.name);
      if (!spec) throw new Error(`No property ${job.name}`);
      reply = { kind: 'done', name: job.name, result: runProperty(spec, job.seed, job.scale, hooks) };
    } catch (error) {
      const err = error as Error;
      reply = { kind: 'error', name: job.name, message: err.message, stack: err.stack };
    }
    hooks.idle();
    parentPort!.postMessage(reply);
  });
}
