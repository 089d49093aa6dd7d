import { existsSync, readFileSync } from 'fs';
import { readFile } from 'fs/promises';
import { join } from 'path';
import { promisify } from 'util';
import { brotliDecompress, brotliDecompressSync } from 'zlib';
import type { JsonSchema } from './service/schema/jsonSchema';

/*
 * The schemas of every stable OpenClaw release, as `npm run schemas` packed them (scripts/packSchemas.ts):
 * subtrees shared between releases, brotli-compressed in one stream per month of releases, and an
 * index of each release's root. Nothing is read until a release's schema is asked for; then the
 * streams it needs (its month's and later ones: a chunk sits in the month of the newest release that
 * uses it) are decompressed, the release's subtrees are put together as text and parsed once, and the
 * streams are dropped. `loadAsync` decompresses on libuv's threads, so the server's main thread stays
 * free meanwhile.
 */

export const SCHEMA_INDEX_FILE = 'index.json';
export const SCHEMA_SINCE_FILE = 'since.json';
export const SCHEMA_REMOVED_FILE = 'removed.json';
/** The key of the placeholder object that stands for a subtree of the pool. */
export const CHUNK_KEY = '$chunk';

export interface SchemaIndex {
  /** Where the schemas come from. */
  source: string;
  /** The months of releases (2026.9), oldest first: each has a stream of chunks. */
  eras: string[];
  /** Release → its root chunk. */
  releases: Record<string, string>;
  /** Stable releases whose schema could not be printed when the set was made, and why: the one before serves. */
  notBundled: Record<string, string>;
}

/** Key path (`models.providers.*.models.[].contextTokens`) → the first release that has it, for keys added after the first. */
export type SinceIndex = Record<string, string>;

/**
 * Key path → the releases that dropped it (it was in the release before), oldest first. A subtree
 * dropped whole is recorded at its top key only.
 */
export type RemovedIndex = Record<string, string[]>;

/** The month of a release: 2026.9.6 → 2026.9. */
export function eraOf(release: string): string {
  return release.split('.').slice(0, 2).join('.');
}

export function poolFileOf(era: string): string {
  return `openclaw-schemas-${era}.br`;
}

export class SchemaBundle {
  private index: SchemaIndex | undefined;
  private sinceIndex: SinceIndex | undefined;
  private removedIndex: RemovedIndex | undefined;

  /** `dir`: the folder with index.json and the streams (server/schemas). */
  constructor(private readonly dir: string) {}

  /** Where the bundle sits beside the running code: server/schemas from server/out (bundles) or server/src (sources). */
  static beside(codeDir: string): SchemaBundle | undefined {
    const dir = [join(codeDir, '..', 'schemas'), join(codeDir, '..', '..', 'schemas')].find((candidate) =>
      existsSync(join(candidate, SCHEMA_INDEX_FILE)),
    );
    return dir ? new SchemaBundle(dir) : undefined;
  }

  /** The releases bundled, oldest first. */
  releases(): string[] {
    return Object.keys(this.readIndex().releases).sort(compareReleases);
  }

  /** The first release that has a key path, when it came after the oldest bundled one. */
  since(keyPath: string): string | undefined {
    this.sinceIndex ??= JSON.parse(readFileSync(join(this.dir, SCHEMA_SINCE_FILE), 'utf8')) as SinceIndex;
    return Object.hasOwn(this.sinceIndex, keyPath) ? this.sinceIndex[keyPath] : undefined;
  }

  /** The releases that dropped a key path (the top of a subtree dropped whole), oldest first; none if it was never dropped. */
  removedIn(keyPath: string): string[] {
    this.removedIndex ??= JSON.parse(readFileSync(join(this.dir, SCHEMA_REMOVED_FILE), 'utf8')) as RemovedIndex;
    return Object.hasOwn(this.removedIndex, keyPath) ? this.removedIndex[keyPath]! : [];
  }

  /**
   * The first release that has the key at a path of a file (`models.providers.amazon-bedrock.models.0.contextTokens`):
   * since.json names paths by schema (`*` for any key of a map, `[]` for an item), so each key is tried as
   * written, then as any key.
   */
  sinceOfPath(path: readonly (string | number)[]): string | undefined {
    const MAX_TRIES = 256;
    let tries = 0;
    const search = (index: number, prefix: string): string | undefined => {
      if (index === path.length) return ++tries > MAX_TRIES ? undefined : this.since(prefix);
      const segment = path[index]!;
      const join = (part: string) => (prefix === '' ? part : `${prefix}.${part}`);
      if (typeof segment === 'number') return search(index + 1, join('[]'));
      return search(index + 1, join(segment)) ?? search(index + 1, join('*'));
    };
    return path.length === 0 ? undefined : search(0, '');
  }

  /** The bundled release whose schema applies to `version`: the same, else the newest before it; none before the first. */
  releaseFor(version: string): string | undefined {
    let found: string | undefined;
    for (const release of this.releases()) {
      if (compareReleases(release, version) > 0) break;
      found = release;
    }
    return found;
  }

  /** A release's schema, as `openclaw config schema` of that release printed it: a new object each time. */
  load(release: string): JsonSchema {
    const eras = this.erasOf(release);
    const chunks = new Map<string, Buffer>();
    // The streams of the release's month and later, read in order until a chunk is there.
    return assemble(release, this.rootOf(release), (hash) => {
      while (!chunks.has(hash) && eras.length > 0) {
        readChunks(brotliDecompressSync(readFileSync(this.streamPath(eras.shift()!)), DECOMPRESSION), chunks);
      }
      return chunks.get(hash);
    });
  }

  /** The same, with every stream it may need read and decompressed off the main thread, at once. */
  async loadAsync(release: string): Promise<JsonSchema> {
    const root = this.rootOf(release);
    const streams = await Promise.all(
      this.erasOf(release).map(async (era) => decompress(await readFile(this.streamPath(era)), DECOMPRESSION)),
    );
    const chunks = new Map<string, Buffer>();
    for (const stream of streams) readChunks(stream, chunks);
    return assemble(release, root, (hash) => chunks.get(hash));
  }

  private rootOf(release: string): string {
    const root = this.readIndex().releases[release];
    if (!root) throw new Error(`No bundled schema for OpenClaw ${release}`);
    return root;
  }

  /** The months whose streams may hold a release's chunks, oldest first. */
  private erasOf(release: string): string[] {
    return this.readIndex().eras.filter((era) => compareReleases(era, eraOf(release)) >= 0);
  }

  private streamPath(era: string): string {
    return join(this.dir, poolFileOf(era));
  }

  private readIndex(): SchemaIndex {
    return (this.index ??= JSON.parse(readFileSync(join(this.dir, SCHEMA_INDEX_FILE), 'utf8')) as SchemaIndex);
  }
}

const decompress = promisify(brotliDecompress);
/**
 * A stream (up to 2 MB decompressed) in one or two pieces: with zlib's 16 KB, the main thread spent more
 * time taking a hundred pieces than libuv's threads took decompressing them (7 ms of a start).
 */
const DECOMPRESSION = { chunkSize: 2 * 1024 * 1024 };

/**
 * A stream's chunks: lines of `hash<TAB>json`, kept as bytes. Only the chunks a release uses are decoded
 * (a month's stream holds every release of the month).
 */
function readChunks(stream: Buffer, into: Map<string, Buffer>): void {
  for (let start = 0; start < stream.length;) {
    let end = stream.indexOf(LINE_FEED, start);
    if (end < 0) end = stream.length;
    const tab = stream.indexOf(TAB, start);
    into.set(stream.toString('latin1', start, tab), stream.subarray(tab + 1, end));
    start = end + 1;
  }
}

const LINE_FEED = 0x0a;
const TAB = 0x09;

/**
 * A placeholder as packSchemas.ts writes it: an object whose only key is CHUNK_KEY, `{"$chunk":"hash"}`.
 * Inside a JSON string a quote is escaped, so this text can only be such an object. Found with indexOf, not a
 * regular expression: V8 interprets a regular expression on its first runs, ten times slower over a megabyte.
 */
const PLACEHOLDER_START = `{"${CHUNK_KEY}":"`;
const PLACEHOLDER_END = '"}';

/** The release's schema: its root chunk with every placeholder replaced by its chunk's text, parsed once. */
function assemble(release: string, root: string, chunk: (hash: string) => Buffer | undefined): JsonSchema {
  const damaged = (what: string) => new Error(`The bundled schema of OpenClaw ${release} is damaged: ${what}`);
  const texts = new Map<string, string>();
  const textOf = (hash: string): string => {
    let text = texts.get(hash);
    if (text === undefined) {
      const raw = chunk(hash)?.toString('utf8');
      if (raw === undefined) throw damaged(`chunk ${hash} is missing`);
      text = '';
      let copied = 0;
      for (let at = raw.indexOf(PLACEHOLDER_START); at >= 0; at = raw.indexOf(PLACEHOLDER_START, copied)) {
        const end = raw.indexOf(PLACEHOLDER_END, at + PLACEHOLDER_START.length);
        if (end < 0) throw damaged(`chunk ${hash} has an unfinished placeholder`);
        text += raw.slice(copied, at) + textOf(raw.slice(at + PLACEHOLDER_START.length, end));
        copied = end + PLACEHOLDER_END.length;
      }
      text = copied === 0 ? raw : text + raw.slice(copied);
      texts.set(hash, text);
    }
    return text;
  };
  return JSON.parse(textOf(root)) as JsonSchema;
}

/** 2026.7.1 < 2026.7.1-1 < 2026.7.1-2 < 2026.7.2: the numbers, then the republish counter. */
export function compareReleases(a: string, b: string): number {
  const parts = (version: string) => version.split(/[.-]/).map((part) => Number(part) || 0);
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
