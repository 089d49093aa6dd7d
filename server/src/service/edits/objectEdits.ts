import { JsonNode } from '../parser/ast';
import { FileStyle, renderKey } from './fileStyle';
import { propertyValue } from '../parser/ast';

/*
 * Text edits that add properties to an object while leaving every other character alone: comments,
 * blank lines, the order and the formatting of what is there. Edits are offsets into the text; the
 * caller turns them into ranges.
 */

export interface OffsetEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface NewProperty {
  key: string;
  /** The value's text, given the indentation of the line the property starts on. */
  render(indent: string): string;
}

/**
 * Edits that append `properties` to `object`. Returns undefined when the object is not closed (a
 * half-typed document), where no place to insert is safe.
 */
export function appendProperties(
  text: string,
  style: FileStyle,
  object: JsonNode,
  properties: NewProperty[],
  options: { inlineWhenEmpty?: boolean } = {},
): OffsetEdit[] | undefined {
  if (object.type !== 'object') return undefined;
  const members = properties.map(
    (property) => (indent: string) => `${renderKey(property.key, style)}:${style.colonSpace}${property.render(indent)}`,
  );
  return appendMembers(text, style, object, members, options);
}

/** Edits that append items to an array (each rendered given its indentation), as appendProperties does for objects. */
export function appendItems(
  text: string,
  style: FileStyle,
  array: JsonNode,
  items: ((indent: string) => string)[],
): OffsetEdit[] | undefined {
  return array.type === 'array' ? appendMembers(text, style, array, items, {}) : undefined;
}

function appendMembers(
  text: string,
  style: FileStyle,
  container: JsonNode,
  members: ((indent: string) => string)[],
  options: { inlineWhenEmpty?: boolean },
): OffsetEdit[] | undefined {
  if (!container.closed || members.length === 0) return undefined;
  const open = container.offset;
  const close = container.end - 1;
  const children = container.children ?? [];
  const oneLine = !text.slice(open, close).includes('\n');

  if (children.length === 0) {
    const interior = text.slice(open + 1, close);
    if (oneLine && options.inlineWhenEmpty && interior.trim() === '') {
      const pad = style.inlinePadding;
      const indent = indentationOf(text, open);
      return [{ offset: open + 1, length: interior.length, newText: `${pad}${members.map((member) => member(indent)).join(', ')}${pad}` }];
    }
    const outerIndent = indentationOf(text, open);
    const indent = outerIndent + style.indentUnit;
    const body = members.map((member) => indent + member(indent)).join(`,${style.eol}`) + (style.trailingCommas ? ',' : '');
    if (interior.trim() === '') {
      return [{ offset: open + 1, length: interior.length, newText: `${style.eol}${body}${style.eol}${outerIndent}` }];
    }
    // Only comments inside: keep them, and put the members just before the closing bracket.
    const closeLineStart = lineStart(text, close);
    if (text.slice(closeLineStart, close).trim() === '') {
      return [{ offset: closeLineStart, length: 0, newText: `${body}${style.eol}` }];
    }
    return [{ offset: close, length: 0, newText: `${style.eol}${body}${style.eol}${outerIndent}` }];
  }

  const last = children[children.length - 1]!;
  const hadTrailingComma = last.commaOffset >= 0;
  // The comma goes right after the last value, before any comment that follows it.
  const comma = hadTrailingComma ? '' : ',';
  const anchor = hadTrailingComma ? last.commaOffset + 1 : last.end;

  if (oneLine) {
    const indent = indentationOf(text, open);
    const items = members.map((member) => member(indent)).join(', ');
    return [{ offset: anchor, length: 0, newText: `${comma} ${items}${hadTrailingComma ? ',' : ''}` }];
  }

  const indent = startsLine(text, last.offset) ? indentationOf(text, last.offset) : indentationOf(text, open) + style.indentUnit;
  const items = members.map((member) => `${style.eol}${indent}${member(indent)}`).join(',') + (hadTrailingComma ? ',' : '');
  // After a `// comment` that ends the last member's line, so the comment stays with its member.
  const lineEnd = lineEndAt(text, anchor);
  const rest = text.slice(anchor, lineEnd).trimStart();
  if ((rest === '' || rest.startsWith('//')) && lineEnd > anchor) {
    const edits: OffsetEdit[] = [{ offset: lineEnd, length: 0, newText: items }];
    if (comma) edits.unshift({ offset: anchor, length: 0, newText: comma });
    return edits;
  }
  return [{ offset: anchor, length: 0, newText: comma + items }];
}

/**
 * Appends properties to the object at `path` under `root`, creating the objects on the way that do
 * not exist yet (at the end of their parent, in the file's style). Undefined when something on the
 * way is not an object, or no safe place exists.
 */
export function appendAtPath(
  text: string,
  style: FileStyle,
  root: JsonNode | undefined,
  path: string[],
  properties: NewProperty[],
): OffsetEdit[] | undefined {
  if (root?.type !== 'object') return undefined;
  let parent = root;
  let depth = 0;
  for (; depth < path.length; depth++) {
    const child = propertyValue(parent, path[depth]!);
    if (!child) break;
    if (child.type !== 'object') return undefined;
    parent = child;
  }
  if (depth === path.length) return appendProperties(text, style, parent, properties);
  return appendProperties(text, style, parent, [nestedProperty(style, path.slice(depth), properties)]);
}

function nestedProperty(style: FileStyle, path: string[], properties: NewProperty[]): NewProperty {
  const [key, ...rest] = path;
  const children = rest.length > 0 ? [nestedProperty(style, rest, properties)] : properties;
  return { key: key!, render: (indent) => multiLineObject(style, indent, children) };
}

/** `{ key: value, ... }` over several lines, indented one level deeper than `indent`. */
export function multiLineObject(style: FileStyle, indent: string, properties: NewProperty[]): string {
  const inner = indent + style.indentUnit;
  const lines = properties.map((p) => `${inner}${renderKey(p.key, style)}:${style.colonSpace}${p.render(inner)}`);
  return `{${style.eol}${lines.join(`,${style.eol}`)}${style.trailingCommas ? ',' : ''}${style.eol}${indent}}`;
}

/**
 * Removes a property with its separator. When it sits on lines of its own, the whole lines go (and
 * comments on those lines with them); comments on other lines stay.
 */
export function removeProperty(text: string, property: JsonNode): OffsetEdit {
  const object = property.parent!;
  const siblings = object.children!;
  const index = siblings.indexOf(property);
  let start = property.offset;
  let end = property.commaOffset >= 0 ? property.commaOffset + 1 : property.end;
  if (property.commaOffset < 0 && index > 0) {
    // The last property: the comma before it goes instead.
    const previous = siblings[index - 1]!;
    if (previous.commaOffset >= 0) start = previous.commaOffset;
  }
  const lineBegin = lineStart(text, property.offset);
  const lineFinish = lineEndAt(text, end);
  const ownLines = text.slice(lineBegin, property.offset).trim() === '' && /^\s*(\/\/.*)?$/.test(text.slice(end, lineFinish));
  if (ownLines) {
    if (start === property.offset) start = lineBegin;
    end = lineFinish < text.length ? lineFinish + (text[lineFinish] === '\r' ? 2 : 1) : lineFinish;
    if (start !== lineBegin) end = lineFinish;
  }
  return { offset: start, length: end - start, newText: '' };
}

/** The text after the edits (non-overlapping; inserts at one offset keep their order). */
export function applyOffsetEdits(text: string, edits: OffsetEdit[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.offset - b.edit.offset || a.index - b.index);
  let result = '';
  let cursor = 0;
  for (const { edit } of sorted) {
    result += text.slice(cursor, edit.offset) + edit.newText;
    cursor = edit.offset + edit.length;
  }
  return result + text.slice(cursor);
}

/** One edit that turns `before` into `after`: the span between their common start and end. */
export function differenceEdit(before: string, after: string): OffsetEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  // A range edge between \r and \n, or inside a surrogate pair, is no position an editor can take.
  if (splitsPair(before, start)) start--;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end++;
  if (end > 0 && splitsPair(before, before.length - end)) end--;
  return { offset: start, length: before.length - start - end, newText: after.slice(start, after.length - end) };
}

function splitsPair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const previous = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return (previous === 0x0d && next === 0x0a) || (previous >= 0xd800 && previous <= 0xdbff && next >= 0xdc00 && next <= 0xdfff);
}

/** Replaces a value node's text. */
export function replaceNode(node: JsonNode, newText: string): OffsetEdit {
  return { offset: node.offset, length: node.length, newText };
}

export function indentationOf(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndAt(text: string, offset: number): number {
  const lineFeed = text.indexOf('\n', offset);
  const end = lineFeed < 0 ? text.length : lineFeed;
  return end > offset && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
}

function startsLine(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === '';
}
