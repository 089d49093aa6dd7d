import { OffsetEdit } from '../edits/objectEdits';
import { JsonNode, valueOf } from '../parser/ast';
import { Comment, ParseError, ParseResult } from '../parser/json5Parser';
import { SourceFile } from '../parser/sourceFile';
import { FormattingOptions, Range, TextEdit } from '../types';

/*
 * Formatting a JSON5 document: only the whitespace between tokens changes (and trailing commas, to
 * the file's habit); every key, string, number and comment keeps its exact text, so the parsed value
 * cannot change. The layout is JSON.stringify's (every non-empty object and array one item per
 * line, `key: value`, empty ones as {} and []), so a strict-JSON file comes out byte for byte as
 * OpenClaw writes it (`JSON.stringify(config, null, 2).trimEnd() + "\n"`) when its tokens are
 * already as JSON.stringify writes them. In a JSON5 or commented file, a container written on one
 * line stays on one line if it fits in INLINE_WIDTH columns, blank lines between items are kept
 * (one at most), and comments stay where they are: at the end of their line, or on a line of their own.
 *
 * The edits are minimal (only what differs in each gap between tokens), so cursors and markers away
 * from them stay put, and each one alone leaves the document valid. A document with syntax errors is
 * not formatted: the answer is why.
 *
 * jsonc-parser's formatter is not used: it reads `'https://x'` as a string it does not know and
 * writes `'https: //x'`; it has no notion of unquoted keys, single quotes or hex numbers.
 */

/** A container written on one line (in a JSON5 or commented file) stays so if it ends within this column. */
export const INLINE_WIDTH = 120;
/** Larger tab sizes are taken as this: a client's 1e9 must not build gigabyte strings. */
const MAX_TAB_SIZE = 16;
const DEFAULT_TAB_SIZE = 2;

const enum Kind {
  Start,
  End,
  OpenObject,
  OpenArray,
  CloseObject,
  CloseArray,
  Colon,
  Comma,
  /** The comma after the last item of an object or array. */
  TrailingComma,
  Key,
  Value,
  LineComment,
  BlockComment,
}

const HAS_ITEMS = 1;
const HAS_TRAILING_COMMA = 2;

const isOpen = (kind: Kind) => kind === Kind.OpenObject || kind === Kind.OpenArray;
const isClose = (kind: Kind) => kind === Kind.CloseObject || kind === Kind.CloseArray;
const isComment = (kind: Kind) => kind === Kind.LineComment || kind === Kind.BlockComment;

/** The document's tokens and comments in order, as parallel typed arrays (a megabyte file has a quarter million). */
class Tokens {
  length = 0;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** Brackets: the index of the other one. */
  pair: Int32Array;
  /** Opening brackets: HAS_ITEMS, HAS_TRAILING_COMMA. */
  flags: Uint8Array;

  constructor(capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.pair = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  push(kind: Kind, start: number, end: number, flags: number): number {
    if (this.length === this.kind.length) this.grow();
    const index = this.length++;
    this.kind[index] = kind;
    this.start[index] = start;
    this.end[index] = end;
    this.flags[index] = flags;
    return index;
  }

  private grow(): void {
    const capacity = this.kind.length * 2;
    const grown = <T extends Uint8Array | Int32Array>(array: T, make: (size: number) => T) => {
      const larger = make(capacity);
      larger.set(array);
      return larger;
    };
    this.kind = grown(this.kind, (size) => new Uint8Array(size));
    this.start = grown(this.start, (size) => new Int32Array(size));
    this.end = grown(this.end, (size) => new Int32Array(size));
    this.pair = grown(this.pair, (size) => new Int32Array(size));
    this.flags = grown(this.flags, (size) => new Uint8Array(size));
  }
}

/** JSON's number grammar: a file whose numbers all match it (and more, see isStrictJson) is laid out as JSON.stringify does. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The edits that format a document: the whole of it, or the lines that `range` (offsets) touches;
 * or, for a document with syntax errors, why it is not formatted.
 */
export function formatEdits(
  text: string,
  parse: ParseResult,
  options: FormattingOptions,
  range?: { start: number; end: number },
): OffsetEdit[] | string {
  if (parse.errors.length > 0 || !parse.root) return whyNotFormatted(text, parse);
  const tokens = tokenize(text, parse.root, parse.comments);
  const json = isStrictJson(text, tokens, parse.comments);
  const edits = new Layout(text, tokens, {
    json,
    ...indentation(options),
    eol: lineBreakOf(text),
    trailingCommas: trailingCommasOf(text, tokens),
    objectPadding: json ? '' : objectPaddingOf(text, tokens),
    start: text.charCodeAt(0) === 0xfeff ? '\uFEFF' : '',
  }).edits();
  if (!range) return edits;
  // Edits only within the lines the range touches, as VS Code's JSON formatter does.
  const first = lineStart(text, Math.min(range.start, range.end));
  const last = lineEnd(text, Math.max(range.start, range.end), first);
  return edits.filter((edit) => edit.offset >= first && edit.offset + edit.length <= last);
}

/**
 * Past this many edits, formatting answers with one edit from the first change to the last. Re-indenting
 * the 1 MB benchmark document is 37,724 edits otherwise: 3.7 MB of JSON-RPC and 75,000 positions, where
 * one edit is 1 MB of text. VS Code reduces a formatting edit to minimal ones itself (so the cursor and
 * markers stay), and the text is the same either way.
 */
export const MAX_SEPARATE_FORMATTING_EDITS = 1000;

/** The formatting of one file as LSP edits, or why it is not formatted. */
export function computeFormatting(file: SourceFile, options: FormattingOptions, range?: Range): TextEdit[] | string {
  const offsets = range && { start: file.document.offsetAt(range.start), end: file.document.offsetAt(range.end) };
  const edits = formatEdits(file.text, file.parse, options, offsets);
  if (typeof edits === 'string') return edits;
  if (edits.length > MAX_SEPARATE_FORMATTING_EDITS) {
    // The edits come in order and never overlap.
    const start = edits[0]!.offset;
    const last = edits[edits.length - 1]!;
    const parts: string[] = [];
    let at = start;
    for (const edit of edits) {
      parts.push(file.text.slice(at, edit.offset), edit.newText);
      at = edit.offset + edit.length;
    }
    return [{ range: file.range(start, last.offset + last.length - start), newText: parts.join('') }];
  }
  return edits.map((edit) => ({ range: file.range(edit.offset, edit.length), newText: edit.newText }));
}

function whyNotFormatted(text: string, parse: ParseResult): string {
  // The first in the document (the parser reports an unclosed bracket when it gives up on it, after what is inside).
  const first = parse.errors.reduce<ParseError | undefined>(
    (earliest, error) => (!earliest || error.offset < earliest.offset ? error : earliest),
    undefined,
  );
  if (!first) return 'Not formatted: the document has no value.';
  const { line, column } = lineAndColumn(text, first.offset);
  const more = parse.errors.length > 1 ? ` (and ${parse.errors.length - 1} more)` : '';
  const where = `line ${line + 1}, column ${column + 1}${more}`;
  return `Not formatted: the file has a syntax error at ${where}: ${first.message} Formatting changes nothing until it parses.`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStartOffset = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a || (ch === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStartOffset = i + 1;
    }
  }
  return { line, column: offset - lineStartOffset };
}

function indentation(options: FormattingOptions): { unit: string; tabSize: number } {
  const tabSize = Number.isInteger(options.tabSize) && options.tabSize >= 1 ? Math.min(options.tabSize, MAX_TAB_SIZE) : DEFAULT_TAB_SIZE;
  return { unit: options.insertSpaces === false ? '\t' : ' '.repeat(tabSize), tabSize };
}

/** The file's line break: its first one (CRLF stays CRLF, and a file of lone CRs keeps them); none: \n. */
function lineBreakOf(text: string): string {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr >= 0 && (lf < 0 || cr < lf)) return cr + 1 === lf ? '\r\n' : '\r';
  return '\n';
}

function isLineBreak(ch: number): boolean {
  return ch === 0x0a || ch === 0x0d;
}

function lineStart(text: string, offset: number): number {
  let start = Math.max(0, Math.min(offset, text.length));
  while (start > 0 && !isLineBreak(text.charCodeAt(start - 1))) start--;
  return start;
}

/** The end of the last line a range ending at `offset` covers: a range that ends at a line's start does not cover that line. */
function lineEnd(text: string, offset: number, first: number): number {
  let end = Math.max(0, Math.min(offset, text.length));
  if (end > first && isLineBreak(text.charCodeAt(end - 1))) {
    end--;
    if (end > first && text.charCodeAt(end) === 0x0a && text.charCodeAt(end - 1) === 0x0d) end--;
    return end;
  }
  while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
  return end;
}

function tokenize(text: string, root: JsonNode, comments: readonly Comment[]): Tokens {
  // About one token per 4 characters in a configuration; the arrays grow if there are more.
  const tokens = new Tokens((text.length >> 2) + 16);
  let nextComment = 0;
  const add = (kind: Kind, start: number, end: number, flags = 0) => {
    while (nextComment < comments.length && comments[nextComment]!.offset < start) {
      const comment = comments[nextComment++]!;
      tokens.push(comment.block ? Kind.BlockComment : Kind.LineComment, comment.offset, comment.offset + comment.length, 0);
    }
    return tokens.push(kind, start, end, flags);
  };
  // Recursion is bounded: the parser refuses values nested deeper than MAX_NESTING, and such a document is not formatted.
  const walk = (node: JsonNode) => {
    if (node.type !== 'object' && node.type !== 'array') {
      add(Kind.Value, node.offset, node.offset + node.length);
      return;
    }
    const object = node.type === 'object';
    const children = node.children ?? [];
    const last = children[children.length - 1];
    const flags = (last ? HAS_ITEMS : 0) | (last && last.commaOffset >= 0 ? HAS_TRAILING_COMMA : 0);
    const open = add(object ? Kind.OpenObject : Kind.OpenArray, node.offset, node.offset + 1, flags);
    for (const child of children) {
      if (object) {
        add(Kind.Key, child.offset, child.keyEnd);
        add(Kind.Colon, child.colonOffset, child.colonOffset + 1);
        walk(valueOf(child)!);
      } else {
        walk(child);
      }
      if (child.commaOffset >= 0) add(child === last ? Kind.TrailingComma : Kind.Comma, child.commaOffset, child.commaOffset + 1);
    }
    const end = node.offset + node.length;
    const close = add(object ? Kind.CloseObject : Kind.CloseArray, end - 1, end);
    tokens.pair[open] = close;
    tokens.pair[close] = open;
  };
  walk(root);
  for (; nextComment < comments.length; nextComment++) {
    const comment = comments[nextComment]!;
    tokens.push(comment.block ? Kind.BlockComment : Kind.LineComment, comment.offset, comment.offset + comment.length, 0);
  }
  return tokens;
}

/**
 * Whether the file is written as strict JSON (no comments, keys and strings in double quotes, JSON
 * numbers): it then gets JSON.stringify's layout whole. Formatting keeps all of this, so a file stays
 * on the same side (trailing commas are left out of it: formatting may remove them).
 */
function isStrictJson(text: string, tokens: Tokens, comments: readonly Comment[]): boolean {
  if (comments.length > 0) return false;
  const { kind, start, end } = tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (kind[i] === Kind.Key) {
      if (text.charCodeAt(start[i]!) !== 0x22) return false;
    } else if (kind[i] === Kind.Value) {
      const first = text.charCodeAt(start[i]!);
      // true, false, null (the other identifiers a value can be are Infinity and NaN).
      if (first === 0x22 || first === 0x74 || first === 0x66 || first === 0x6e) continue;
      if (!JSON_NUMBER.test(text.slice(start[i]!, end[i]!))) return false;
    }
  }
  return true;
}

/**
 * Whether the file ends objects and arrays with a trailing comma: as most of its containers whose `]`
 * or `}` is on a line after their last item do. The rule of detectFileStyle (edits/fileStyle.ts), which
 * quick fixes follow, taken over every container and either line break (LF or CR), so that the file
 * reads the same once formatted whatever line breaks it mixed.
 */
function trailingCommasOf(text: string, tokens: Tokens): boolean {
  const { kind, start, end, pair, flags } = tokens;
  const breaks = new LineBreaks(text);
  let trailing = 0;
  let none = 0;
  // Closing brackets in order: the ends of their last items only increase, which keeps `breaks` cheap.
  for (let i = 0; i < tokens.length; i++) {
    if (!isClose(kind[i]!)) continue;
    const containerFlags = flags[pair[i]!]!;
    if ((containerFlags & HAS_ITEMS) === 0) continue;
    let last = i - 1;
    while (isComment(kind[last]!) || kind[last] === Kind.TrailingComma) last--;
    if (breaks.from(end[last]!) >= start[i]!) continue;
    if (containerFlags & HAS_TRAILING_COMMA) trailing++;
    else none++;
  }
  return trailing > none;
}

/**
 * `{ a: 1 }` or `{a: 1}` inside one-line objects: as most of the file's one-line objects have it before
 * their `}` (a space or a tab); a tie, or none: a space. Formatting writes that padding before the `}`
 * of every object it keeps on one line, so the file then votes for it whole.
 */
function objectPaddingOf(text: string, tokens: Tokens): string {
  const { kind, start, pair } = tokens;
  const breaks = new LineBreaks(text);
  let padded = 0;
  let tight = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (kind[i] !== Kind.OpenObject || pair[i] === i + 1) continue;
    const close = start[pair[i]!]!;
    if (breaks.from(start[i]!) < close) continue;
    const before = text.charCodeAt(close - 1);
    if (before === 0x20 || before === 0x09) padded++;
    else tight++;
  }
  return padded >= tight ? ' ' : '';
}

/** Where the next line break (LF or CR) is, at or after an offset: cheap when offsets mostly increase. */
class LineBreaks {
  private readonly lf = { from: 0, at: -1 };
  private readonly cr = { from: 0, at: -1 };

  constructor(private readonly text: string) {}

  /** The offset of the first line break at or after `offset`; text.length if none. */
  from(offset: number): number {
    return Math.min(this.find(this.lf, '\n', offset), this.find(this.cr, '\r', offset));
  }

  /** `cache.at` is the first `ch` at or after any offset in [cache.from, cache.at]. */
  private find(cache: { from: number; at: number }, ch: string, offset: number): number {
    if (offset > cache.at) {
      const found = this.text.indexOf(ch, offset);
      cache.from = offset;
      cache.at = found < 0 ? this.text.length : found;
    } else if (offset < cache.from) {
      // Back a little (to the comments of a gap already looked at): only the stretch before `from` is new.
      let i = offset;
      while (i < cache.from && this.text[i] !== ch) i++;
      if (i < cache.from) cache.at = i;
      cache.from = offset;
    }
    return cache.at;
  }
}

interface LayoutOptions {
  /** JSON.stringify's layout throughout: every container expanded, no blank lines kept. */
  json: boolean;
  /** One level of indentation: spaces or a tab. */
  unit: string;
  tabSize: number;
  eol: string;
  trailingCommas: boolean;
  objectPadding: string;
  /** What the document starts with: a byte order mark, if it had one. */
  start: string;
}

/** An open object or array, or the document itself. */
interface Frame {
  /** The indentation level of the line its opening bracket is on (-1 for the document). */
  base: number;
  /** Laid out on one line. */
  inline: boolean;
  /** Its last item gets a trailing comma (it keeps one it has; else one is added). */
  trailingComma: boolean;
  addComma: boolean;
}

class Layout {
  private readonly result: OffsetEdit[] = [];
  private readonly frames: Frame[] = [{ base: -1, inline: false, trailingComma: false, addComma: false }];
  private readonly breaks: string[] = [];
  private readonly blankBreaks: string[] = [];
  /** Where the output is: the column after what is written so far, and the indentation level of its line. */
  private column = 0;
  private lineLevel = 0;
  /** Set by the layout of a gap: the indentation level its line break ends with; -1 for a gap on one line. */
  private gapLevel = -1;
  private readonly lineBreaks: LineBreaks;

  constructor(
    private readonly text: string,
    private readonly tokens: Tokens,
    private readonly options: LayoutOptions,
  ) {
    this.lineBreaks = new LineBreaks(text);
  }

  edits(): OffsetEdit[] {
    const { kind, start, end } = this.tokens;
    const comments: number[] = [];
    let before = Kind.Start;
    let beforeEnd = 0;
    for (let i = 0; i < this.tokens.length; i++) {
      const token = kind[i]! as Kind;
      if (isComment(token)) {
        comments.push(i);
        continue;
      }
      // A trailing comma the layout does not want is left out: it is then part of the gap.
      if (token === Kind.TrailingComma && !this.frame.trailingComma) continue;
      this.gaps(before, beforeEnd, comments, token, start[i]!);
      if (isOpen(token)) this.open(i);
      if (!this.options.json) this.advance(i);
      if (isClose(token)) this.frames.pop();
      before = token;
      beforeEnd = end[i]!;
      if (comments.length > 0) comments.length = 0;
    }
    this.gaps(before, beforeEnd, comments, Kind.End, this.text.length);
    return this.result;
  }

  private get frame(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  /** Lays out an opening bracket's container: on one line, or one item per line. */
  private open(index: number): void {
    const { start, pair, flags } = this.tokens;
    const close = pair[index]!;
    let inline: boolean;
    if (close === index + 1 || this.frame.inline) inline = true;
    else if (this.options.json) inline = false;
    else inline = this.breakFrom(start[index]!) > start[close]! && this.fits(index, close);
    const trailingComma = !inline && this.options.trailingCommas && (flags[index]! & HAS_ITEMS) !== 0;
    const addComma = trailingComma && (flags[index]! & HAS_TRAILING_COMMA) === 0;
    this.frames.push({ base: this.lineLevel, inline, trailingComma, addComma });
  }

  /**
   * Whether the container from `open` to `close`, laid out on one line from the current column, ends
   * within INLINE_WIDTH. Not with a // comment inside: one on a single line ends at U+2028 or U+2029.
   */
  private fits(open: number, close: number): boolean {
    const { kind, start, end } = this.tokens;
    let width = this.column + 1;
    let previous = kind[open]!;
    let previousEnd = end[open]!;
    for (let i = open + 1; i <= close; i++) {
      const token = kind[i]!;
      if (token === Kind.TrailingComma) continue;
      if (token === Kind.LineComment) return false;
      width += this.inlineGap(previous, token, previousEnd, start[i]!).length + end[i]! - start[i]!;
      if (width > INLINE_WIDTH) return false;
      previous = token;
      previousEnd = end[i]!;
    }
    return true;
  }

  /**
   * The gaps between two tokens `before` and `after` and the comments between them (indexes):
   * what the layout wants there, written as edits where it differs from the text.
   */
  private gaps(before: Kind, beforeEnd: number, comments: readonly number[], after: Kind, afterStart: number): void {
    const frame = this.frame;
    const comma = isClose(after) && frame.addComma ? ',' : '';
    const previous = comma ? Kind.Comma : before;
    if (comments.length === 0) {
      this.gapLevel = -1;
      const text = this.between(frame, previous, after, beforeEnd, afterStart);
      this.emit(beforeEnd, afterStart, comma + text, this.gapLevel);
    } else {
      this.commentGaps(frame, before, beforeEnd, comments, after, afterStart, comma);
    }
  }

  /** The gaps of `gaps` when comments are between the two tokens. */
  private commentGaps(
    frame: Frame,
    before: Kind,
    beforeEnd: number,
    comments: readonly number[],
    after: Kind,
    afterStart: number,
    comma: string,
  ): void {
    const previous = comma ? Kind.Comma : before;
    const { kind, start, end } = this.tokens;
    const last = comments.length;
    const gapStart = (j: number) => (j === 0 ? beforeEnd : end[comments[j - 1]!]!);
    const gapEnd = (j: number) => (j === last ? afterStart : start[comments[j]!]!);
    const midItem = before === Kind.Key || before === Kind.Colon;
    const level = (j: number) => (j === last && isClose(after) ? frame.base : midItem ? frame.base + 2 : frame.base + 1);
    const texts: string[] = [];
    const levels: number[] = [];
    for (let j = 0; j <= last; j++) {
      const left = j === 0 ? previous : (kind[comments[j - 1]!]! as Kind);
      const right = j === last ? after : (kind[comments[j]!]! as Kind);
      const from = gapStart(j);
      const to = gapEnd(j);
      this.gapLevel = -1;
      let text: string;
      if (right === Kind.End) {
        text = this.lineBreak(0, false);
      } else if (left === Kind.Start) {
        text = this.options.start;
      } else if (frame.inline) {
        text = this.inlineGap(left, right, from, to);
      } else if (left === Kind.LineComment || this.breakFrom(from) < to) {
        // Comments keep their own lines: a line break beside a comment stays (one blank line at most).
        const closing = j === last && isClose(after);
        const blank = !this.options.json && !closing && !(j === 0 && isOpen(before)) && !midItem && this.blankLineIn(from, to);
        text = this.lineBreak(level(j), blank);
      } else if (j === last && isClose(after)) {
        text = this.lineBreak(frame.base, false);
      } else if (isComment(right)) {
        text = this.horizontal(from, to);
      } else {
        text = right === Kind.Comma || right === Kind.TrailingComma || right === Kind.Colon ? '' : ' ';
      }
      texts.push(text);
      levels.push(this.gapLevel);
    }
    // An item starts its line; comments on the same line as it (and no other) go down with it.
    const itemNext = isOpen(previous) || previous === Kind.Comma || previous === Kind.TrailingComma;
    if (itemNext && levels.every((gapLevel) => gapLevel < 0) && !frame.inline && this.frames.length > 1) {
      texts[0] = this.lineBreak(level(0), false);
      levels[0] = this.gapLevel;
    }
    texts[0] = comma + texts[0]!;
    for (let j = 0; j <= last; j++) {
      this.emit(gapStart(j), gapEnd(j), texts[j]!, levels[j]!);
      if (j < last && !this.options.json) this.advance(comments[j]!);
    }
  }

  /** The gap between two tokens with no comment between them. */
  private between(frame: Frame, before: Kind, after: Kind, from: number, to: number): string {
    if (after === Kind.End) return this.lineBreak(0, false);
    if (before === Kind.Start) return this.options.start;
    if (frame.inline) return this.inlineGap(before, after, from, to);
    if (isOpen(before) && isClose(after)) return '';
    if (isClose(after)) return this.lineBreak(frame.base, false);
    if (isOpen(before)) return this.lineBreak(frame.base + 1, false);
    if (before === Kind.Comma || before === Kind.TrailingComma) {
      return this.lineBreak(frame.base + 1, !this.options.json && this.blankLineIn(from, to));
    }
    return before === Kind.Colon ? ' ' : '';
  }

  /** The gap between two tokens of a container laid out on one line. */
  private inlineGap(before: Kind, after: Kind, from: number, to: number): string {
    if (isComment(after)) return this.horizontal(from, to);
    if (isComment(before)) {
      if (after === Kind.Comma || after === Kind.TrailingComma || after === Kind.Colon) return '';
      return after === Kind.CloseObject ? this.options.objectPadding : ' ';
    }
    if (before === Kind.OpenObject) return after === Kind.CloseObject ? '' : this.options.objectPadding;
    if (before === Kind.OpenArray) return '';
    if (after === Kind.CloseObject) return this.options.objectPadding;
    if (after === Kind.CloseArray) return '';
    return before === Kind.Comma || before === Kind.Colon ? ' ' : '';
  }

  /** Before a comment on the same line: the spaces and tabs there were (aligned comments stay aligned), else one space. */
  private horizontal(from: number, to: number): string {
    if (to === from) return ' ';
    for (let i = from; i < to; i++) {
      const ch = this.text.charCodeAt(i);
      if (ch !== 0x20 && ch !== 0x09) return ' ';
    }
    return this.text.slice(from, to);
  }

  /** A line break and the indentation of `level` (an empty line before it if `blank`); notes the level in gapLevel. */
  private lineBreak(level: number, blank: boolean): string {
    this.gapLevel = level;
    const cache = blank ? this.blankBreaks : this.breaks;
    let text = cache[level];
    if (text === undefined) {
      text = (blank ? this.options.eol + this.options.eol : this.options.eol) + this.options.unit.repeat(level);
      cache[level] = text;
    }
    return text;
  }

  /** Whether a gap holds an empty line: two line breaks or more (CRLF counts once). */
  private blankLineIn(from: number, to: number): boolean {
    const first = this.breakFrom(from);
    if (first >= to) return false;
    const crlf = this.text.charCodeAt(first) === 0x0d && this.text.charCodeAt(first + 1) === 0x0a;
    return this.breakFrom(first + (crlf ? 2 : 1)) < to;
  }

  private breakFrom(offset: number): number {
    return this.lineBreaks.from(offset);
  }

  /** Writes a gap (`level`: the indentation it ends with, -1 if on one line): the smallest edit that turns text[from, to) into `wanted`. */
  private emit(from: number, to: number, wanted: string, level: number): void {
    const text = this.text;
    if (level < 0) {
      this.column += wanted.length;
    } else {
      this.lineLevel = level;
      this.column = level * this.options.tabSize;
    }
    const oldLength = to - from;
    let prefix = 0;
    while (prefix < oldLength && prefix < wanted.length && text.charCodeAt(from + prefix) === wanted.charCodeAt(prefix)) prefix++;
    if (prefix === oldLength && prefix === wanted.length) return;
    let suffix = 0;
    const most = Math.min(oldLength, wanted.length) - prefix;
    while (suffix < most && text.charCodeAt(to - 1 - suffix) === wanted.charCodeAt(wanted.length - 1 - suffix)) suffix++;
    let start = from + prefix;
    let end = to - suffix;
    let newStart = prefix;
    let newEnd = wanted.length - suffix;
    // An edit never starts or ends between the CR and the LF of a line break: no position is there.
    if (start > from && text.charCodeAt(start - 1) === 0x0d && text.charCodeAt(start) === 0x0a) {
      start--;
      newStart--;
    }
    if (end < to && text.charCodeAt(end - 1) === 0x0d && text.charCodeAt(end) === 0x0a) {
      end++;
      newEnd++;
    }
    this.result.push({ offset: start, length: end - start, newText: wanted.slice(newStart, newEnd) });
  }

  /** Moves the output column over a token (columns matter only for keeping containers on one line). */
  private advance(index: number): void {
    const { kind, start, end } = this.tokens;
    const from = start[index]!;
    const to = end[index]!;
    const token = kind[index]! as Kind;
    if ((token === Kind.Value || token === Kind.Key || token === Kind.BlockComment) && this.breakFrom(from) < to) {
      // A block comment over several lines, or a string continued on the next line.
      let last = to - 1;
      while (last >= from && !isLineBreak(this.text.charCodeAt(last))) last--;
      this.column = to - last - 1;
    } else {
      this.column += to - from;
    }
  }
}
