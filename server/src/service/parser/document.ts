import { FileEncoding, Position, TextDocumentLike } from '../types';

/**
 * A plain text document for the CLI, files read from disk and tests; the LSP adapter uses its own
 * TextDocument. `encoding`: what the bytes it was decoded from said, when they were read.
 */
export function createTextDocument(uri: string, text: string, version = 1, encoding?: FileEncoding): TextDocumentLike {
  const lineStarts = computeLineStarts(text);
  return {
    uri,
    version,
    ...(encoding ? { encoding } : {}),
    getText: () => text,
    positionAt(offset: number): Position {
      const clamped = Math.max(0, Math.min(offset, text.length));
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (lineStarts[mid]! <= clamped) low = mid;
        else high = mid - 1;
      }
      return { line: low, character: clamped - lineStarts[low]! };
    },
    offsetAt(position: Position): number {
      if (position.line >= lineStarts.length) return text.length;
      if (position.line < 0) return 0;
      const lineStart = lineStarts[position.line]!;
      // A character past the line's end is its end, before the line break (LSP).
      let lineEnd = text.length;
      if (position.line + 1 < lineStarts.length) {
        lineEnd = lineStarts[position.line + 1]! - 1;
        if (text.charCodeAt(lineEnd) === 0x0a && lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd--;
      }
      return Math.max(lineStart, Math.min(lineStart + position.character, lineEnd));
    },
  };
}

/** Where each line starts (offsets), lines ending at CRLF, LF or a lone CR. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // LF only (nearly every file): indexOf finds each line end many times faster than a loop over the characters.
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', end + 1)) starts.push(end + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      starts.push(i + 1);
    } else if (ch === 0x0a) {
      starts.push(i + 1);
    }
  }
  return starts;
}
