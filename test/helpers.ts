import { readFileSync } from 'fs';
import { join, posix } from 'path';
import { URI } from 'vscode-uri';
import { createTextDocument, FileSource, RealPath, TextDocumentLike, TextEdit, WorkspaceEdit } from '../server/src/service/languageService';
import { JsonNode, keyText, valueOf } from '../server/src/service/parser/ast';
import { parseJson5 } from '../server/src/service/parser/json5Parser';

export const REPO_ROOT = join(__dirname, '..');
export const SAMPLE_PATH = join(REPO_ROOT, 'samples', 'openclaw.json');
/** The sample's findings as `openclaw-config check` prints them: line:column and severity, in order. */
export const SAMPLE_FINDINGS: readonly string[] = [
  '31:19 warning',
  '97:22 hint',
  '103:19 warning',
  '112:19 warning',
  '121:19 warning',
  '140:19 warning',
  '149:19 warning',
  '160:5 error',
  '170:7 info',
];

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

/** The parse tree of a value written as JSON: what the schema check walks. */
export function treeOf(value: unknown): JsonNode {
  return parseJson5(JSON.stringify(value)).root!;
}

export function documentOf(text: string, uri = 'file:///test/openclaw.json'): TextDocumentLike {
  return createTextDocument(uri, text);
}

/** Applies LSP-style edits: non-overlapping; inserts at one position keep their array order. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const document = createTextDocument('file:///apply', text);
  const spans = edits
    .map((edit, index) => ({
      start: document.offsetAt(edit.range.start),
      end: document.offsetAt(edit.range.end),
      text: edit.newText,
      index,
    }))
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

/**
 * Files in memory, by absolute path, for configurations that `$include` others. `links`: symlinks
 * (path → target, relative to the link's folder or absolute), followed as the disk follows them;
 * the source reports real paths. `reads`: how often each file (by real path) was read.
 */
export function memoryFiles(
  files: Record<string, string>,
  links: Record<string, string> = {},
): { source: FileSource; uri(path: string): string; document(path: string): TextDocumentLike; reads: Map<string, number> } {
  const uri = (path: string) => URI.file(path).toString();
  const documents = new Map(Object.entries(files).map(([path, text]) => [uri(path), createTextDocument(uri(path), text)]));
  const exists = (path: string) => path === '/' || Object.keys(files).some((file) => file === path || file.startsWith(`${path}/`));
  const realPath = (path: string): RealPath => {
    const parts = path.split('/').filter(Boolean);
    let current = '/';
    for (let hops = 0; parts.length > 0;) {
      const next = posix.join(current, parts.shift()!);
      const target = links[next];
      if (target === undefined) {
        current = next;
      } else if (++hops > 40) {
        return { unresolvable: true };
      } else {
        parts.unshift(...posix.resolve(current, target).split('/').filter(Boolean));
        current = '/';
      }
    }
    return exists(current) ? { path: current } : { missing: true };
  };
  const reads = new Map<string, number>();
  const get = (key: string): TextDocumentLike | undefined => {
    const real = realPath(URI.parse(key).fsPath);
    const document = 'path' in real ? documents.get(uri(real.path)) : undefined;
    if (!document || !('path' in real)) return undefined;
    reads.set(real.path, (reads.get(real.path) ?? 0) + 1);
    return document.uri === key ? document : createTextDocument(key, document.getText());
  };
  return {
    source: { get, realPath: (key) => realPath(URI.parse(key).fsPath) },
    uri,
    document: (path) => get(uri(path))!,
    reads,
  };
}

/**
 * The plain JavaScript value of a subtree, to compare trees: every property (one without a value as undefined),
 * the last of equal keys winning, as in JSON5.parse.
 */
export function toValue(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        // A "__proto__" key is a key, as in JSON5.parse's value; assigned, it would set the prototype.
        Object.defineProperty(result, keyText(property), {
          value: toValue(valueOf(property)),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(toValue);
    default:
      return node.value;
  }
}
