import { createHash } from 'crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { brotliCompressSync, constants } from 'zlib';
import {
  CHUNK_KEY,
  compareReleases,
  eraOf,
  poolFileOf,
  RemovedIndex,
  SCHEMA_INDEX_FILE,
  SCHEMA_REMOVED_FILE,
  SCHEMA_SINCE_FILE,
  SchemaIndex,
  SinceIndex,
} from '../server/src/schemaBundle';
import { collectSchemas, RAW_DIR } from './collectSchemas';

/*
 * npm run schemas: the schema of every stable OpenClaw release (collectSchemas.ts), packed into
 * server/schemas/ for the extension to ship. Releases share most of their schema, so each schema is
 * cut into subtrees (every object or array whose text reaches CHUNK_BYTES), each stored once under
 * the hash of its text, with its large children replaced by {"$chunk": hash}: a release that changed
 * one description costs the chunks on the path to it. Chunks are compressed with brotli in one stream
 * per month of releases, each chunk in the month of the newest release that uses it: a release needs
 * the streams of its month and later ones only, so the newest (the common case) reads one small
 * stream. index.json names each release's root chunk, since.json since when each key exists,
 * removed.json which release dropped a key.
 */

const CHUNK_BYTES = 1024;
const OUT_DIR = join(__dirname, '..', 'server', 'schemas');

export function pack(releases: string[], failed: Record<string, string>): void {
  const pool = new Map<string, string>();
  /** The newest release that uses each chunk. */
  const lastUse = new Map<string, string>();
  const roots: Record<string, string> = {};
  const since: SinceIndex = {};
  const seenKeys = new Set<string>();
  const removed: RemovedIndex = {};
  let previousKeys = new Set<string>();
  for (const release of releases) {
    const schema = JSON.parse(readFileSync(join(RAW_DIR, `${release}.json`), 'utf8')) as unknown;
    const used = new Set<string>();
    roots[release] = chunkOf(schema, pool, used);
    for (const hash of used) lastUse.set(hash, release);
    const keys = keyPaths(schema);
    for (const key of keys) {
      if (seenKeys.has(key)) continue;
      seenKeys.add(key);
      // Keys of the first release are simply "there": only later arrivals are worth a hover line.
      if (release !== releases[0]) since[key] = release;
    }
    for (const key of previousKeys) {
      // A subtree dropped as a whole is recorded at its top: its keys' removal is their ancestor's.
      const parent = parentKey(key);
      if (!keys.has(key) && (parent === '' || keys.has(parent))) (removed[key] ??= []).push(release);
    }
    previousKeys = keys;
  }
  const eras = [...new Set(releases.map(eraOf))];
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  let total = 0;
  let compressedTotal = 0;
  for (const era of eras) {
    const text = [...pool]
      .filter(([hash]) => eraOf(lastUse.get(hash)!) === era)
      .map(([hash, chunk]) => `${hash}\t${chunk}`)
      .join('\n');
    const compressed = brotliCompressSync(text, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: text.length },
    });
    writeFileSync(join(OUT_DIR, poolFileOf(era)), compressed);
    total += text.length;
    compressedTotal += compressed.length;
  }
  const index: SchemaIndex = {
    source: 'openclaw config schema, from the openclaw npm package (MIT)',
    eras,
    releases: roots,
    notBundled: failed,
  };
  writeFileSync(join(OUT_DIR, SCHEMA_INDEX_FILE), `${JSON.stringify(index, null, 1)}\n`);
  writeFileSync(join(OUT_DIR, SCHEMA_SINCE_FILE), `${JSON.stringify(since)}\n`);
  writeFileSync(join(OUT_DIR, SCHEMA_REMOVED_FILE), `${JSON.stringify(removed)}\n`);
  console.log(
    `${releases.length} releases (${releases[0]} … ${releases[releases.length - 1]}): ${pool.size} chunks, ${total} bytes, ${compressedTotal} bytes compressed in ${eras.length} streams`,
  );
}

/** The chunk text of a value whose text reaches CHUNK_BYTES (stored in the pool, a placeholder returned); else its text. */
function chunkOf(value: unknown, pool: Map<string, string>, used: Set<string>, isRoot = true): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const text = Array.isArray(value)
    ? `[${value.map((item) => chunkOf(item, pool, used, false)).join(',')}]`
    : `{${Object.entries(value)
        .map(([key, child]) => `${JSON.stringify(key)}:${chunkOf(child, pool, used, false)}`)
        .join(',')}}`;
  if (text.length < CHUNK_BYTES && !isRoot) return text;
  const hash = createHash('sha256').update(text).digest('base64url').slice(0, 16);
  pool.set(hash, text);
  used.add(hash);
  return isRoot ? hash : `{${JSON.stringify(CHUNK_KEY)}:"${hash}"}`;
}

/** The key a key path is in: `a.*.b` → `a`; '' for a root key. */
function parentKey(key: string): string {
  const segments = key.split('.').slice(0, -1);
  while (segments.length > 0 && (segments.at(-1) === '*' || segments.at(-1) === '[]')) segments.pop();
  return segments.join('.');
}

/** Every key an object of the schema names, as a path of keys: `*` for any key, `[]` for items. */
function keyPaths(schema: unknown): Set<string> {
  const paths = new Set<string>();
  const visit = (node: unknown, path: string, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 64) return;
    const schemaNode = node as Record<string, unknown>;
    for (const branch of ['anyOf', 'oneOf', 'allOf'] as const) {
      if (Array.isArray(schemaNode[branch])) for (const item of schemaNode[branch] as unknown[]) visit(item, path, depth + 1);
    }
    if (schemaNode.properties && typeof schemaNode.properties === 'object') {
      for (const [key, child] of Object.entries(schemaNode.properties)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        paths.add(childPath);
        visit(child, childPath, depth + 1);
      }
    }
    if (schemaNode.additionalProperties && typeof schemaNode.additionalProperties === 'object')
      visit(schemaNode.additionalProperties, `${path}.*`, depth + 1);
    if (schemaNode.items && typeof schemaNode.items === 'object' && !Array.isArray(schemaNode.items))
      visit(schemaNode.items, `${path}.[]`, depth + 1);
  };
  visit(schema, '', 0);
  return paths;
}

if (require.main === module) {
  const { releases, failed } = collectSchemas();
  for (const [release, why] of Object.entries(failed)) console.log(`${release}: not bundled (${why})`);
  pack(releases.sort(compareReleases), failed);
}
