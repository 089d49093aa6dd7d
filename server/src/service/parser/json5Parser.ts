import { createNode, endNodeAt, JsonNode, keyText, Quote } from './ast';
import { quoteForMessage } from '../utils/quoteForMessage';

/*
 * An error-tolerant JSON5 parser written for this project. Why our own: jsonc-parser reads comments
 * and trailing commas but not unquoted keys, single quotes or hex (it returns an empty object), and
 * the JSON5 parsers that keep offsets (json5, @humanwhocodes/momoa) stop at the first error. An
 * editor needs a tree with exact offsets from a half-typed file, and every error, not the first.
 * Grammar: https://spec.json5.org/ (ECMAScript 5.1 identifiers, escapes and whitespace).
 */

export interface ParseError {
  message: string;
  offset: number;
  length: number;
}

export interface Comment {
  offset: number;
  length: number;
  block: boolean;
}

/** Two properties of one object with the same key: JSON5.parse keeps the last (`winner`), silently. */
export interface DuplicateKey {
  shadowed: JsonNode;
  winner: JsonNode;
}

export interface ParseResult {
  /** The top-level value; undefined only for a document with no value at all. */
  root: JsonNode | undefined;
  errors: ParseError[];
  comments: Comment[];
  /** In document order of the shadowed property. Found while parsing: a walk of its own was 7% of a pass. */
  duplicateKeys: DuplicateKey[];
}

const enum Token {
  OpenBrace,
  CloseBrace,
  OpenBracket,
  CloseBracket,
  Colon,
  Comma,
  String,
  Number,
  Identifier,
  Invalid,
  EOF,
}

const enum Ch {
  Tab = 0x09,
  LineFeed = 0x0a,
  VerticalTab = 0x0b,
  FormFeed = 0x0c,
  CarriageReturn = 0x0d,
  Space = 0x20,
  DoubleQuote = 0x22,
  Dollar = 0x24,
  SingleQuote = 0x27,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  UpperA = 0x41,
  UpperF = 0x46,
  UpperX = 0x58,
  UpperZ = 0x5a,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  Underscore = 0x5f,
  LowerA = 0x61,
  LowerE = 0x65,
  LowerF = 0x66,
  LowerU = 0x75,
  LowerX = 0x78,
  LowerZ = 0x7a,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
  Asterisk = 0x2a,
  UpperE = 0x45,
  NoBreakSpace = 0xa0,
  LineSeparator = 0x2028,
  ParagraphSeparator = 0x2029,
  ByteOrderMark = 0xfeff,
}

const ID_START = /[\p{ID_Start}$_]/u;
const ID_PART = /[\p{ID_Continue}$_\u200c\u200d]/u;
const SPACE_SEPARATOR = /\p{Zs}/u;

function isDigit(ch: number): boolean {
  return ch >= Ch.Zero && ch <= Ch.Nine;
}

function isHexDigit(ch: number): boolean {
  return isDigit(ch) || (ch >= Ch.UpperA && ch <= Ch.UpperF) || (ch >= Ch.LowerA && ch <= Ch.LowerF);
}

function isLineTerminator(ch: number): boolean {
  return ch === Ch.LineFeed || ch === Ch.CarriageReturn || ch === Ch.LineSeparator || ch === Ch.ParagraphSeparator;
}

function isIdentifierStart(ch: number): boolean {
  if ((ch >= Ch.LowerA && ch <= Ch.LowerZ) || (ch >= Ch.UpperA && ch <= Ch.UpperZ)) return true;
  if (ch === Ch.Dollar || ch === Ch.Underscore || ch === Ch.Backslash) return true;
  return ch > 0x7f && ID_START.test(String.fromCharCode(ch));
}

function isIdentifierPart(ch: number): boolean {
  if (isIdentifierStart(ch) || isDigit(ch)) return true;
  return ch > 0x7f && ID_PART.test(String.fromCharCode(ch));
}

const SINGLE_CHAR_ESCAPES: Record<number, string> = {
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
  0x76: '\v',
};

interface ContainerSyntax {
  close: Token;
  wrongClose: Token;
  closeName: string;
  commaWithoutItem: string;
  wrongCloseFound: string;
  missingComma: string;
  missingItem: string;
}

const OBJECT_SYNTAX: ContainerSyntax = {
  close: Token.CloseBrace,
  wrongClose: Token.CloseBracket,
  closeName: "'}' to close the object",
  commaWithoutItem: 'Expected a property before this comma.',
  wrongCloseFound: "Expected '}' to close the object, found ']'.",
  missingComma: "Expected ',' between properties.",
  missingItem: 'Expected a property name (a string or an identifier).',
};

const ARRAY_SYNTAX: ContainerSyntax = {
  close: Token.CloseBracket,
  wrongClose: Token.CloseBrace,
  closeName: "']' to close the array",
  commaWithoutItem: 'Expected a value before this comma.',
  wrongCloseFound: "Expected ']' to close the array, found '}'.",
  missingComma: "Expected ',' between values.",
  missingItem: 'Expected a value.',
};

export function parseJson5(text: string): ParseResult {
  return new Parser(text).parse();
}

/** Deeper values are skipped with an error: the parser (and every walk over its tree) recurses per level. */
export const MAX_NESTING = 500;

class Parser {
  private pos = 0;
  private token = Token.EOF;
  private tokenOffset = 0;
  private tokenEnd = 0;
  /** The decoded value of the current String, Number or Identifier token. */
  private tokenValue: string | number = '';
  private tokenQuote: Quote = '"';
  /** Whether the current String token found its closing quote. */
  private tokenClosed = true;
  private readonly errors: ParseError[] = [];
  private readonly comments: Comment[] = [];
  private readonly duplicateKeys: DuplicateKey[] = [];
  private depth = 0;
  /** The items of the containers being parsed (see parseItems), up to itemsTop. */
  private readonly items: JsonNode[] = [];
  private itemsTop = 0;

  constructor(private readonly text: string) {}

  parse(): ParseResult {
    this.next();
    while (this.token === Token.Invalid) this.next(); // the scanner has reported it
    if (this.token === Token.EOF) {
      this.error('Expected a JSON5 value: the document is empty.', this.tokenOffset, 0);
      return { root: undefined, errors: this.errors, comments: this.comments, duplicateKeys: [] };
    }
    const root = this.parseValue(undefined);
    if (!root) {
      this.error('Expected a JSON5 value.', this.tokenOffset, this.tokenEnd - this.tokenOffset);
    }
    if (!this.at(Token.EOF)) {
      this.error(
        'Expected the end of the document: only one top-level value is allowed.',
        this.tokenOffset,
        this.tokenEnd - this.tokenOffset,
      );
    }
    // Objects close inner first: document order is that of the shadowed properties.
    this.duplicateKeys.sort((a, b) => a.shadowed.offset - b.shadowed.offset);
    return { root, errors: this.errors, comments: this.comments, duplicateKeys: this.duplicateKeys };
  }

  // ---- parsing ----

  private parseValue(parent: JsonNode | undefined): JsonNode | undefined {
    switch (this.token) {
      case Token.OpenBrace:
        return this.parseObject(parent);
      case Token.OpenBracket:
        return this.parseArray(parent);
      case Token.String: {
        const quote = this.tokenQuote;
        const closed = this.tokenClosed;
        const node = this.scalar('string', parent, this.tokenValue);
        node.quote = quote;
        node.closed = closed;
        return node;
      }
      case Token.Number:
        return this.scalar('number', parent, this.tokenValue);
      case Token.Identifier:
        switch (this.tokenValue) {
          case 'true':
            return this.scalar('boolean', parent, true);
          case 'false':
            return this.scalar('boolean', parent, false);
          case 'null':
            return this.scalar('null', parent, null);
          case 'Infinity':
            return this.scalar('number', parent, Infinity);
          case 'NaN':
            return this.scalar('number', parent, NaN);
        }
        this.skipUnquotedValue();
        return undefined;
      default:
        return undefined;
    }
  }

  private scalar(
    type: 'string' | 'number' | 'boolean' | 'null',
    parent: JsonNode | undefined,
    value: string | number | boolean | null,
  ): JsonNode {
    const node = createNode(type, this.tokenOffset, this.tokenEnd - this.tokenOffset, parent);
    node.value = value;
    this.next();
    return node;
  }

  private parseObject(parent: JsonNode | undefined): JsonNode | undefined {
    if (this.depth >= MAX_NESTING) return this.skipTooDeep();
    const object = createNode('object', this.tokenOffset, 0, parent);
    this.depth++;
    this.parseItems(object, OBJECT_SYNTAX);
    this.depth--;
    if (object.children!.length > 1) this.findDuplicateKeys(object.children!);
    return object;
  }

  /** Each property another one with the same key follows, with the last of them (the one that counts). */
  private findDuplicateKeys(properties: JsonNode[]): void {
    if (properties.length <= 16) {
      // Small objects (nearly all): compare pairwise, nothing allocated unless a duplicate exists.
      for (let i = 0; i < properties.length - 1; i++) {
        const key = keyText(properties[i]!);
        for (let j = properties.length - 1; j > i; j--) {
          if (keyText(properties[j]!) === key) {
            this.duplicateKeys.push({ shadowed: properties[i]!, winner: properties[j]! });
            break;
          }
        }
      }
      return;
    }
    const last = new Map<string, JsonNode>();
    for (const property of properties) last.set(keyText(property), property);
    if (last.size === properties.length) return;
    for (const property of properties) {
      const winner = last.get(keyText(property))!;
      if (winner !== property) this.duplicateKeys.push({ shadowed: property, winner });
    }
  }

  private parseArray(parent: JsonNode | undefined): JsonNode | undefined {
    if (this.depth >= MAX_NESTING) return this.skipTooDeep();
    const array = createNode('array', this.tokenOffset, 0, parent);
    this.depth++;
    this.parseItems(array, ARRAY_SYNTAX);
    this.depth--;
    return array;
  }

  /** Skips a bracketed value nested too deeply, without recursing: one error, no nodes. */
  private skipTooDeep(): undefined {
    const start = this.tokenOffset;
    let open = 0;
    do {
      if (this.token === Token.OpenBrace || this.token === Token.OpenBracket) open++;
      else if (this.token === Token.CloseBrace || this.token === Token.CloseBracket) open--;
      this.next();
    } while (open > 0 && this.token !== Token.EOF);
    this.error(`Nested more than ${MAX_NESTING} levels deep: this value is skipped.`, start, 1);
    return undefined;
  }

  /** The comma-separated items of an object or array, from its opening bracket to its closing one. */
  private parseItems(container: JsonNode, syntax: ContainerSyntax): void {
    // Items gather on a stack shared by all containers and are copied out at the close: each children
    // array is then of its exact size, where one grown by push would have had room for 16 or more.
    const base = this.itemsTop;
    this.next();
    let last: JsonNode | undefined;
    while (!this.at(syntax.close) && !this.at(Token.EOF)) {
      if (this.at(Token.Comma)) {
        if (!last || last.commaOffset >= 0) {
          this.error(syntax.commaWithoutItem, this.tokenOffset, 1);
        } else {
          last.commaOffset = this.tokenOffset;
        }
        this.next();
        continue;
      }
      if (this.at(syntax.wrongClose)) {
        this.error(syntax.wrongCloseFound, this.tokenOffset, 1);
        this.next();
        continue;
      }
      if (this.at(Token.Invalid)) {
        this.next(); // the scanner has reported it
        continue;
      }
      if (last && last.commaOffset < 0) {
        this.error(syntax.missingComma, this.tokenOffset, this.tokenEnd - this.tokenOffset);
      }
      const offset = this.tokenOffset;
      const item = syntax === OBJECT_SYNTAX ? this.parseProperty(container) : this.parseValue(container);
      if (item) {
        this.items[this.itemsTop++] = item;
        last = item;
      } else if (this.tokenOffset === offset) {
        this.error(syntax.missingItem, this.tokenOffset, this.tokenEnd - this.tokenOffset);
        this.skipStrayValue();
      }
    }
    container.children = this.items.slice(base, this.itemsTop);
    this.itemsTop = base;
    this.closeContainer(container, syntax.close, syntax.closeName);
  }

  private parseProperty(object: JsonNode): JsonNode | undefined {
    if (this.token !== Token.String && this.token !== Token.Identifier && this.token !== Token.Number) return undefined;
    // The property holds its key (text, quote, end): no node of its own (see ast.ts).
    const property = createNode('property', this.tokenOffset, 0, object);
    const keyEnd = this.tokenEnd;
    property.keyEnd = keyEnd;
    if (this.token === Token.Number) {
      this.error('Property names must be strings or identifiers, not numbers.', this.tokenOffset, this.tokenEnd - this.tokenOffset);
      property.value = this.text.slice(this.tokenOffset, this.tokenEnd);
      property.quote = '';
    } else {
      property.value = this.tokenValue as string;
      property.quote = this.token === Token.Identifier ? '' : this.tokenQuote;
      property.closed = this.token === Token.Identifier || this.tokenClosed;
    }
    this.next();
    let end = keyEnd;
    if (this.at(Token.Colon)) {
      property.colonOffset = this.tokenOffset;
      end = this.tokenEnd;
      this.next();
    } else {
      this.error(`Expected ':' after the property name '${quoteForMessage(keyText(property))}'.`, keyEnd, 0);
      // A value on the same line is most likely a forgotten colon: keep it as this property's value.
      const sameLine = this.text.lastIndexOf('\n', this.tokenOffset - 1) < keyEnd;
      const startsValue = this.at(Token.String) || this.at(Token.Number) || this.at(Token.OpenBrace) || this.at(Token.OpenBracket);
      if (!(sameLine && startsValue)) {
        endNodeAt(property, end);
        return property;
      }
    }
    const valueOffset = this.tokenOffset;
    const value = this.parseValue(property);
    if (value) {
      property.valueNode = value;
      end = value.end;
    } else if (this.tokenOffset === valueOffset) {
      this.error(`Expected a value for '${quoteForMessage(keyText(property))}'.`, this.tokenOffset, this.tokenEnd - this.tokenOffset);
    }
    endNodeAt(property, end);
    return property;
  }

  private closeContainer(container: JsonNode, close: Token, expected: string): void {
    if (this.token === close) {
      endNodeAt(container, this.tokenEnd);
      this.next();
    } else {
      container.closed = false;
      endNodeAt(container, this.tokenOffset);
      this.error(`Expected ${expected} opened here.`, container.offset, 1);
    }
  }

  /**
   * An unquoted value (`model: amazon-bedrock/x`) is one mistake, not a token per character: report
   * the run up to the next separator or line end once, and go on after it.
   */
  private skipUnquotedValue(): void {
    const text = this.text;
    const start = this.tokenOffset;
    let end = start;
    while (end < text.length && !',{}[]:\n\r'.includes(text[end]!)) end++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    this.error(`Unexpected text '${quoteForMessage(text.slice(start, end))}': string values must be quoted.`, start, end - start);
    this.pos = end;
    this.next();
  }

  /** Recovery: skip one unexpected token, or a whole bracketed value so its brackets stay balanced. */
  private skipStrayValue(): void {
    if (this.token === Token.OpenBrace || this.token === Token.OpenBracket) {
      // Not in the tree: nor are its duplicate keys.
      const duplicatesBefore = this.duplicateKeys.length;
      this.parseValue(undefined);
      this.duplicateKeys.length = duplicatesBefore;
    } else {
      this.next();
    }
  }

  /** The current token, read through a call so TypeScript does not keep a narrowing across next(). */
  private at(token: Token): boolean {
    return this.token === token;
  }

  private error(message: string, offset: number, length: number): void {
    this.errors.push({ message, offset, length: Math.max(0, length) });
  }

  // ---- scanning ----

  private next(): void {
    this.skipTrivia();
    const text = this.text;
    const start = this.pos;
    this.tokenOffset = start;
    if (start >= text.length) {
      this.token = Token.EOF;
      this.tokenEnd = start;
      return;
    }
    const ch = text.charCodeAt(start);
    switch (ch) {
      case Ch.OpenBrace:
        return this.single(Token.OpenBrace);
      case Ch.CloseBrace:
        return this.single(Token.CloseBrace);
      case Ch.OpenBracket:
        return this.single(Token.OpenBracket);
      case Ch.CloseBracket:
        return this.single(Token.CloseBracket);
      case Ch.Colon:
        return this.single(Token.Colon);
      case Ch.Comma:
        return this.single(Token.Comma);
      case Ch.DoubleQuote:
      case Ch.SingleQuote:
        return this.scanString(ch);
    }
    if (isDigit(ch) || ch === Ch.Dot || ch === Ch.Minus || ch === Ch.Plus) {
      return this.scanNumber();
    }
    if (isIdentifierStart(ch)) {
      return this.scanIdentifier();
    }
    const codePoint = text.codePointAt(start)!;
    const char = String.fromCodePoint(codePoint);
    this.pos = start + char.length;
    this.token = Token.Invalid;
    this.tokenEnd = this.pos;
    this.error(`Unexpected character '${char}'.`, start, char.length);
  }

  private single(token: Token): void {
    this.pos++;
    this.token = token;
    this.tokenEnd = this.pos;
  }

  private skipTrivia(): void {
    const text = this.text;
    const length = text.length;
    let pos = this.pos;
    while (pos < length) {
      const ch = text.charCodeAt(pos);
      if (ch === Ch.Space || ch === Ch.LineFeed || ch === Ch.CarriageReturn || ch === Ch.Tab) {
        pos++;
      } else if (ch === Ch.Slash) {
        const nextCh = text.charCodeAt(pos + 1);
        if (nextCh === Ch.Slash) {
          const start = pos;
          pos += 2;
          while (pos < length && !isLineTerminator(text.charCodeAt(pos))) pos++;
          this.comments.push({ offset: start, length: pos - start, block: false });
        } else if (nextCh === Ch.Asterisk) {
          const start = pos;
          const close = text.indexOf('*/', pos + 2);
          if (close < 0) {
            pos = length;
            this.error('Unterminated block comment: expected */.', start, 2);
          } else {
            pos = close + 2;
          }
          this.comments.push({ offset: start, length: pos - start, block: true });
        } else {
          break;
        }
      } else if (
        ch === Ch.VerticalTab ||
        ch === Ch.FormFeed ||
        ch === Ch.NoBreakSpace ||
        ch === Ch.ByteOrderMark ||
        ch === Ch.LineSeparator ||
        ch === Ch.ParagraphSeparator ||
        (ch > 0x7f && SPACE_SEPARATOR.test(String.fromCharCode(ch)))
      ) {
        pos++;
      } else {
        break;
      }
    }
    this.pos = pos;
  }

  private scanString(quote: number): void {
    const text = this.text;
    const length = text.length;
    const start = this.pos;
    let pos = start + 1;
    let value = '';
    let chunkStart = pos;
    this.token = Token.String;
    this.tokenQuote = quote === Ch.DoubleQuote ? '"' : "'";
    this.tokenClosed = false;
    for (;;) {
      if (pos >= length) {
        value += text.slice(chunkStart, pos);
        this.error('Unterminated string: expected a closing quote.', start, pos - start);
        break;
      }
      const ch = text.charCodeAt(pos);
      if (ch === quote) {
        value += text.slice(chunkStart, pos);
        pos++;
        this.tokenClosed = true;
        break;
      }
      if (ch === Ch.LineFeed || ch === Ch.CarriageReturn) {
        value += text.slice(chunkStart, pos);
        this.error('Unterminated string: a line break inside a string must be escaped.', start, pos - start);
        break;
      }
      if (ch !== Ch.Backslash) {
        pos++;
        continue;
      }
      value += text.slice(chunkStart, pos);
      pos = this.scanEscape(pos, (decoded) => (value += decoded));
      chunkStart = pos;
    }
    this.pos = pos;
    this.tokenEnd = pos;
    this.tokenValue = value;
  }

  /** Decodes the escape at `pos` (the backslash) and returns the offset after it. */
  private scanEscape(pos: number, emit: (decoded: string) => void): number {
    const text = this.text;
    const escapeStart = pos;
    pos++;
    if (pos >= text.length) return pos;
    const ch = text.charCodeAt(pos);
    if (ch === Ch.CarriageReturn) {
      // Line continuation: the escaped line break is not part of the value.
      return text.charCodeAt(pos + 1) === Ch.LineFeed ? pos + 2 : pos + 1;
    }
    if (isLineTerminator(ch)) return pos + 1;
    const single = SINGLE_CHAR_ESCAPES[ch];
    if (single !== undefined) {
      emit(single);
      return pos + 1;
    }
    if (ch === Ch.Zero && !isDigit(text.charCodeAt(pos + 1))) {
      emit('\0');
      return pos + 1;
    }
    if (isDigit(ch)) {
      this.error('Invalid escape: octal escapes are not allowed in JSON5.', escapeStart, 2);
      emit(String.fromCharCode(ch));
      return pos + 1;
    }
    if (ch === Ch.LowerX || ch === Ch.LowerU) {
      const digits = ch === Ch.LowerX ? 2 : 4;
      const hex = text.slice(pos + 1, pos + 1 + digits);
      if (hex.length === digits && [...hex].every((c) => isHexDigit(c.charCodeAt(0)))) {
        emit(String.fromCharCode(parseInt(hex, 16)));
        return pos + 1 + digits;
      }
      this.error(`Invalid escape: \\${String.fromCharCode(ch)} needs ${digits} hexadecimal digits.`, escapeStart, 2);
      return pos + 1;
    }
    // Any other character escapes to itself (JSON5 NonEscapeCharacter).
    const codePoint = text.codePointAt(pos)!;
    const char = String.fromCodePoint(codePoint);
    emit(char);
    return pos + char.length;
  }

  private scanNumber(): void {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    let sign = 1;
    this.token = Token.Number;
    let ch = text.charCodeAt(pos);
    if (ch === Ch.Minus || ch === Ch.Plus) {
      if (ch === Ch.Minus) sign = -1;
      pos++;
      ch = text.charCodeAt(pos);
      if (isIdentifierStart(ch)) {
        const wordEnd = this.identifierEnd(pos);
        const word = text.slice(pos, wordEnd);
        this.pos = wordEnd;
        this.tokenEnd = wordEnd;
        if (word === 'Infinity' || word === 'NaN') {
          this.tokenValue = word === 'NaN' ? NaN : sign * Infinity;
        } else {
          this.tokenValue = NaN;
          this.error(`Invalid number '${text.slice(start, wordEnd)}'.`, start, wordEnd - start);
        }
        return;
      }
    }
    const digitsStart = pos;
    let value: number;
    if (ch === Ch.Zero && (text.charCodeAt(pos + 1) === Ch.LowerX || text.charCodeAt(pos + 1) === Ch.UpperX)) {
      pos += 2;
      const hexStart = pos;
      while (isHexDigit(text.charCodeAt(pos))) pos++;
      if (pos === hexStart) this.error('Invalid hexadecimal number: expected digits after 0x.', start, pos - start);
      value = pos === hexStart ? NaN : parseInt(text.slice(hexStart, pos), 16);
    } else {
      let sawDigits = false;
      // Integers (context windows, token limits) are read as they are scanned; others by Number() below.
      let integer = 0;
      for (let digit = text.charCodeAt(pos); isDigit(digit); digit = text.charCodeAt(++pos)) integer = integer * 10 + (digit - Ch.Zero);
      sawDigits = pos > digitsStart;
      if (sawDigits && text.charCodeAt(digitsStart) === Ch.Zero && pos - digitsStart > 1) {
        this.error('Invalid number: leading zeros are not allowed.', start, pos - start);
      }
      const integerEnd = pos;
      if (text.charCodeAt(pos) === Ch.Dot) {
        pos++;
        const fractionStart = pos;
        while (isDigit(text.charCodeAt(pos))) pos++;
        sawDigits = sawDigits || pos > fractionStart;
      }
      if (sawDigits && (text.charCodeAt(pos) === Ch.LowerE || text.charCodeAt(pos) === Ch.UpperE)) {
        const exponentAt = pos;
        pos++;
        if (text.charCodeAt(pos) === Ch.Plus || text.charCodeAt(pos) === Ch.Minus) pos++;
        const exponentDigits = pos;
        while (isDigit(text.charCodeAt(pos))) pos++;
        if (pos === exponentDigits) this.error('Invalid number: expected digits in the exponent.', exponentAt, pos - exponentAt);
      }
      if (!sawDigits) {
        this.error(`Invalid number '${text.slice(start, Math.max(pos, start + 1))}'.`, start, Math.max(pos, start + 1) - start);
        pos = Math.max(pos, start + 1);
        value = NaN;
      } else if (pos - digitsStart <= 15 && pos === integerEnd) {
        value = integer;
      } else {
        value = Number(text.slice(digitsStart, pos));
      }
    }
    if (isIdentifierPart(text.charCodeAt(pos)) && pos < text.length) {
      const junkEnd = this.identifierEnd(pos);
      this.error(`Invalid number '${text.slice(start, junkEnd)}'.`, start, junkEnd - start);
      pos = junkEnd;
    }
    this.pos = pos;
    this.tokenEnd = pos;
    this.tokenValue = sign * value;
  }

  private identifierEnd(pos: number): number {
    const text = this.text;
    while (pos < text.length && isIdentifierPart(text.charCodeAt(pos))) {
      pos += text.charCodeAt(pos) === Ch.Backslash ? 6 : 1;
    }
    return Math.min(pos, text.length);
  }

  private scanIdentifier(): void {
    const text = this.text;
    const start = this.pos;
    const end = this.identifierEnd(start);
    let word = text.slice(start, end);
    if (word.includes('\\')) {
      word = word.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      if (word.includes('\\')) this.error('Invalid escape in identifier: expected \\uXXXX.', start, end - start);
    }
    this.pos = end;
    this.token = Token.Identifier;
    this.tokenEnd = end;
    this.tokenValue = word;
  }
}
