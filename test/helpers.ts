import { readFileSync } from 'fs';
import { join } from 'path';
import { URI } from 'vscode-uri';
import { createTextDocument, FileSource, TextDocumentLike, TextEdit, WorkspaceEdit } from '../server/src/service/languageService';

export const REPO_ROOT = join(__dirname, '..');
export const SAMPLE_PATH = join(REPO_ROOT, 'samples', 'openclaw.json');

export function readSample(): string {
  return readFileSync(SAMPLE_PATH, 'utf8');
}

export function readFixture(name: string): string {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8');
}

/** A document from text with one `|` marking the cursor; returns the text without it. */
export function withCursor(marked: string, uri = 'file:///test/openclaw.json'): { document: TextDocumentLike; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('Mark exactly one cursor with |');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { document: createTextDocument(uri, text), offset };
}

export const TEST_URI = 'file:///test/openclaw.json';

/** The edits a workspace edit makes to one document (the test document by default). */
export function editsTo(edit: WorkspaceEdit, uri = TEST_URI): TextEdit[] {
  return edit.changes[uri] ?? [];
}

export function documentOf(text: string, uri = 'file:///test/openclaw.json'): TextDocumentLike {
  return createTextDocument(uri, text);
}

/** Applies LSP-style edits: non-overlapping; inserts at one position keep their array order. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const document = createTextDocument('file:///apply', text);
  const spans = edits
    .map((edit, index) => ({ start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end), text: edit.newText, index }))
    .sort((a, b) => a.start - b.start || a.index - b.index);
  let result = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) throw new Error(`Overlapping edits at offset ${span.start}`);
    result += text.slice(cursor, span.start) + span.text;
    cursor = span.end;
  }
  return result + text.slice(cursor);
}

/** Every comment in a text, in order (strings are skipped so `//` inside a URL does not count). */
export function commentsOf(text: string): string[] {
  const comments: string[] = [];
  const pattern = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/\/[^\n]*|\/\*[\s\S]*?\*\//g;
  for (const match of text.matchAll(pattern)) {
    if (match[0].startsWith('/')) comments.push(match[0]);
  }
  return comments;
}

/** Files in memory, by absolute path, for configurations that `$include` others. */
export function memoryFiles(files: Record<string, string>): { source: FileSource; uri(path: string): string; document(path: string): TextDocumentLike } {
  const uri = (path: string) => URI.file(path).toString();
  const documents = new Map(Object.entries(files).map(([path, text]) => [uri(path), createTextDocument(uri(path), text)]));
  return {
    source: { get: (key) => documents.get(key) },
    uri,
    document: (path) => documents.get(uri(path))!,
  };
}
