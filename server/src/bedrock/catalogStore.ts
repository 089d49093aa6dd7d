import { createHash } from 'crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { join } from 'path';
import { builtInFacts, builtInSnapshot } from '../service/catalog/builtInCatalog';
import { baseModelId, CatalogEntry, CatalogSnapshot, CatalogSource, ModelFacts } from '../service/catalog/catalog';
import { BedrockConnection, describeConnection } from './connection';
import type { NetworkSettings } from './network';

/*
 * The catalog behind completion and hovers. A snapshot is answered at once from memory, then from
 * the disk cache, then from the built-in table; a stale or missing one is refreshed in the
 * background, one request in flight per key. Keys hold no account: region, endpoint, profile.
 * After a failure nothing is retried on its own for a while, so being offline costs no request per
 * keystroke.
 */

const FAILURE_BACKOFF_MS = 5 * 60 * 1000;
const DISK_FORMAT = 1;

export interface CatalogStoreSettings {
  /** Live discovery on; off means the built-in catalog only. */
  live: boolean;
  ttlMs: number;
  /** Where cached catalogs are kept on disk; none: memory only. */
  cacheDir?: string;
  /** The connection for a region: the settings' profile and endpoint. */
  connection(region: string): BedrockConnection;
  /** Proxy and protocol settings. */
  network: NetworkSettings;
}

export interface CatalogProblem {
  region: string;
  connection: BedrockConnection;
  message: string;
}

export interface CatalogStoreEvents {
  /** A live catalog arrived (or was replaced) for a region. */
  onUpdate?(snapshot: CatalogSnapshot): void;
  /** The live catalog could not be had; the built-in or an older catalog stays in use. */
  onProblem?(problem: CatalogProblem): void;
  log?(line: string): void;
}

interface Cached {
  snapshot: CatalogSnapshot;
  fetchedAt: number;
}

export class CatalogStore implements CatalogSource {
  private readonly memory = new Map<string, Cached>();
  private readonly inFlight = new Map<string, Promise<CatalogSnapshot>>();
  private readonly failures = new Map<string, { at: number; message: string }>();

  constructor(
    private settings: CatalogStoreSettings,
    private readonly events: CatalogStoreEvents = {},
  ) {}

  configure(settings: CatalogStoreSettings): void {
    this.settings = settings;
    // New credentials, endpoints or proxy deserve a fresh try, not a join to a request made without them.
    this.failures.clear();
    this.inFlight.clear();
  }

  snapshot(region: string): CatalogSnapshot {
    if (!this.settings.live) return builtInSnapshot(region);
    const connection = this.settings.connection(region);
    const key = cacheKey(connection);
    const cached = this.memory.get(key) ?? this.loadFromDisk(key);
    const failure = this.failures.get(key);
    const backingOff = failure !== undefined && Date.now() - failure.at < FAILURE_BACKOFF_MS;
    if (!backingOff && (!cached || Date.now() - cached.fetchedAt > this.settings.ttlMs)) {
      void this.fetch(key, connection).catch(() => undefined);
    }
    return cached?.snapshot ?? builtInSnapshot(region, failure?.message);
  }

  facts(id: string): ModelFacts | undefined {
    return builtInFacts(baseModelId(id));
  }

  /** Fetches now (joining a request already under way); rejects with an explained message. */
  refresh(region: string): Promise<CatalogSnapshot> {
    if (!this.settings.live) return Promise.reject(new Error('Live discovery is off ("openclaw.catalog.live"): the built-in list serves.'));
    const connection = this.settings.connection(region);
    return this.fetch(cacheKey(connection), connection);
  }

  private fetch(key: string, connection: BedrockConnection): Promise<CatalogSnapshot> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = Date.now();
    // The AWS SDK loads with the first live request, not with the server: start-up and memory stay
    // small for the built-in list (a require of a bundle of its own, see awsSdk.ts).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, as said above
    const { discoverCatalogExplained } = require('./awsSdk') as typeof import('./awsSdk');
    const request = discoverCatalogExplained(connection, this.settings.network)
      .then((entries) => this.store(key, connection, entries, started))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.failures.set(key, { at: Date.now(), message });
        this.events.log?.(`Bedrock catalog (${describeConnection(connection)}) unavailable: ${message}`);
        this.events.onProblem?.({ region: connection.region, connection, message });
        throw new Error(message);
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  private store(key: string, connection: BedrockConnection, entries: CatalogEntry[], started: number): CatalogSnapshot {
    const fetchedAt = Date.now();
    const snapshot: CatalogSnapshot = { origin: 'live', region: connection.region, fetchedAt, entries };
    this.memory.set(key, { snapshot, fetchedAt });
    this.failures.delete(key);
    this.saveToDisk(key, snapshot);
    this.events.log?.(
      `Bedrock catalog (${describeConnection(connection)}): ${entries.length} models and profiles in ${fetchedAt - started} ms.`,
    );
    this.events.onUpdate?.(snapshot);
    return snapshot;
  }

  private diskPath(key: string): string | undefined {
    if (!this.settings.cacheDir) return undefined;
    return join(this.settings.cacheDir, `bedrock-catalog-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`);
  }

  private loadFromDisk(key: string): Cached | undefined {
    const path = this.diskPath(key);
    if (!path) return undefined;
    try {
      const stored = JSON.parse(readFileSync(path, 'utf8')) as { format: number; key: string; snapshot: CatalogSnapshot };
      if (stored.format !== DISK_FORMAT || stored.key !== key || !Array.isArray(stored.snapshot?.entries)) return undefined;
      const cached = { snapshot: stored.snapshot, fetchedAt: stored.snapshot.fetchedAt ?? 0 };
      this.memory.set(key, cached);
      return cached;
    } catch {
      return undefined; // no cache yet, or an unreadable one: discovery will write a new one
    }
  }

  private saveToDisk(key: string, snapshot: CatalogSnapshot): void {
    const path = this.diskPath(key);
    if (!path) return;
    try {
      mkdirSync(this.settings.cacheDir!, { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ format: DISK_FORMAT, key, snapshot }));
      renameSync(temporary, path);
    } catch (error) {
      this.events.log?.(`Could not write the catalog cache ${path}: ${(error as Error).message}`);
    }
  }
}

function cacheKey(connection: BedrockConnection): string {
  return JSON.stringify([
    connection.region,
    connection.endpoint ?? '',
    connection.profile ?? '',
    connection.fips === true,
    connection.dualStack === true,
  ]);
}
