import { Analysis } from '../config/analysis';
import { findNodeAtOffset, isKeyNode, JsonNode, keyText } from '../parser/ast';
import { Diagnostic, Severity } from '../types';

/*
 * What a file's bytes hide from its text, as diagnostics: OpenClaw reads every file as UTF-8 (measured
 * with openclaw 2026.9.6 `config validate`): a UTF-16 file, with or without a byte order mark, is refused
 * ("JSON5 parse failed: invalid character"; an included one "Failed to parse include file"); a UTF-8
 * byte order mark is accepted; an invalid UTF-8 byte is read as U+FFFD without a word, so a model id
 * written "aé" in Latin-1 becomes "a\uFFFD". The bytes are read by the FileSource (or the CLI), which
 * hands what it found in the document's `encoding`.
 */

export function encodingDiagnostics(analysis: Analysis): Diagnostic[] {
  const encoding = analysis.file.encoding;
  if (!encoding) return [];
  const diagnostics: Diagnostic[] = [];
  const push = (offset: number, length: number, severity: Severity, message: string) =>
    diagnostics.push({ range: analysis.range(offset, length), severity, code: 'encoding', message, source: 'openclaw' });
  // What concerns the whole file is shown on its first character (none when the file starts with a line break).
  const start = /^[^\r\n]/.test(analysis.text) ? 1 : 0;

  const { utf16 } = encoding;
  if (utf16) {
    const what = utf16.byteOrderMark
      ? `UTF-16 (byte order mark ${utf16.endianness === 'LE' ? 'FF FE' : 'FE FF'})`
      : `UTF-16 ${utf16.endianness} without a byte order mark (a NUL byte beside each ASCII character)`;
    push(0, start, Severity.Error, `This file is ${what}; OpenClaw reads UTF-8 and refuses it: save it as UTF-8.`);
  }
  const listed = encoding.invalidUtf8 ?? [];
  listed.forEach(({ offset, bytes }, index) => {
    const { severity, message } = describeInvalid(analysis, offset, bytes);
    const unlisted = index === listed.length - 1 ? (encoding.invalidUtf8Count ?? 0) - listed.length : 0;
    const more = unlisted > 0 ? ` The file has ${unlisted} more invalid UTF-8 sequence(s) after this one, not marked.` : '';
    push(offset, 1, severity, message + more);
  });
  const onDisk = encoding.invalidUtf8OnDisk;
  if (onDisk) {
    push(
      0,
      start,
      Severity.Warning,
      `On disk this file is not valid UTF-8 (${onDisk.count} invalid sequence(s), ` +
        `the first ${formatBytes(onDisk.bytes)} on line ${onDisk.line + 1}): ` +
        'OpenClaw reads each as U+FFFD. The editor shows other text (unsaved changes, or another encoding): save the file as UTF-8.',
    );
  }
  return diagnostics;
}

/** What OpenClaw makes of the U+FFFD at `offset`: the string it changes, or a comment it does not matter in. */
function describeInvalid(analysis: Analysis, offset: number, bytes: number[]): { severity: Severity; message: string } {
  const invalid = `Invalid UTF-8 (${formatBytes(bytes)})`;
  if (analysis.parse.comments.some((comment) => offset >= comment.offset && offset < comment.offset + comment.length)) {
    const message = `${invalid} in a comment: OpenClaw reads it as U+FFFD, harmless there; the file is not UTF-8 though.`;
    return { severity: Severity.Information, message };
  }
  const node = findNodeAtOffset(analysis.parse.root, offset);
  if (node?.type === 'string' && typeof node.value === 'string' && offset >= node.offset && offset < node.end) {
    return {
      severity: Severity.Warning,
      message: `${invalid}: OpenClaw reads it as U+FFFD, so ${nameOf(node)} becomes '${shown(node.value)}'.`,
    };
  }
  return { severity: Severity.Warning, message: `${invalid}: OpenClaw reads it as U+FFFD, which is not JSON5 here.` };
}

/** How a message names a string: the key itself, the value of key `id`, or an array's item. */
function nameOf(node: JsonNode): string {
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  if (!property) return 'this string';
  if (isKeyNode(node)) return 'the key';
  const key = keyText(property);
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `the ${key}` : `the value of '${shown(key)}'`;
}

/** A string with U+FFFD (and control characters) as escapes, shortened when long. */
function shown(value: string): string {
  const escaped = value.replace(/[\uFFFD\u0000-\u001f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return escaped.length > 80 ? `${escaped.slice(0, 77)}…` : escaped;
}

function formatBytes(bytes: number[]): string {
  const hex = bytes.map((byte) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`);
  return `${hex.length === 1 ? 'byte' : 'bytes'} ${hex.join(' ')}`;
}
