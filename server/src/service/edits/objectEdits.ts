import { JsonNode } from '../parser/ast';
import { FileStyle, renderKey } from './fileStyle';

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
  if (object.type !== 'object' || !object.closed || properties.length === 0) return undefined;
  const open = object.offset;
  const close = object.end - 1;
  const children = object.children ?? [];
  const line = (indent: string, property: NewProperty) => `${renderKey(property.key, style)}:${style.colonSpace}${property.render(indent)}`;
  const oneLine = !text.slice(open, close).includes('\n');

  if (children.length === 0) {
    const interior = text.slice(open + 1, close);
    if (oneLine && options.inlineWhenEmpty && interior.trim() === '') {
      const pad = style.inlinePadding;
      const indent = indentationOf(text, open);
      return [{ offset: open + 1, length: interior.length, newText: `${pad}${properties.map((p) => line(indent, p)).join(', ')}${pad}` }];
    }
    const outerIndent = indentationOf(text, open);
    const indent = outerIndent + style.indentUnit;
    const body = properties.map((p) => indent + line(indent, p)).join(`,${style.eol}`) + (style.trailingCommas ? ',' : '');
    if (interior.trim() === '') {
      return [{ offset: open + 1, length: interior.length, newText: `${style.eol}${body}${style.eol}${outerIndent}` }];
    }
    // Only comments inside: keep them, and put the properties just before the closing brace.
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
    const items = properties.map((p) => line(indent, p)).join(', ');
    return [{ offset: anchor, length: 0, newText: `${comma} ${items}${hadTrailingComma ? ',' : ''}` }];
  }

  const indent = startsLine(text, last.offset) ? indentationOf(text, last.offset) : indentationOf(text, open) + style.indentUnit;
  const items = properties.map((p) => `${style.eol}${indent}${line(indent, p)}`).join(',') + (hadTrailingComma ? ',' : '');
  // After a `// comment` that ends the last property's line, so the comment stays with its property.
  const lineEnd = lineEndAt(text, anchor);
  const rest = text.slice(anchor, lineEnd).trimStart();
  if ((rest === '' || rest.startsWith('//')) && lineEnd > anchor) {
    const edits: OffsetEdit[] = [{ offset: lineEnd, length: 0, newText: items }];
    if (comma) edits.unshift({ offset: anchor, length: 0, newText: comma });
    return edits;
  }
  return [{ offset: anchor, length: 0, newText: comma + items }];
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
