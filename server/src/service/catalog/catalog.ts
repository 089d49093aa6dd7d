/*
 * The Bedrock catalog as the language service sees it: plain data, wherever it came from (the live
 * ListFoundationModels / ListInferenceProfiles answer, or the built-in table). The service never
 * fetches; a CatalogSource hands it the best snapshot it has, at once.
 */

export type CatalogEntryKind = 'foundation-model' | 'inference-profile';

export interface CatalogEntry {
  /** What goes in a model entry's `id`: a foundation model id or an inference profile id. */
  id: string;
  name: string;
  /** The model's maker as Bedrock names it: Anthropic, Amazon, Meta, ... */
  provider: string;
  kind: CatalogEntryKind;
  /** TEXT, IMAGE, VIDEO, ... */
  inputModalities: string[];
  outputModalities: string[];
  /** Whether the id can be invoked on demand; false for a foundation model that needs an inference profile. */
  onDemand: boolean;
  lifecycle: 'ACTIVE' | 'LEGACY';
  /** Foundation models: inferenceTypesSupported as Bedrock reports it. */
  inferenceTypes?: string[];
  /** Inference profiles: the foundation model ids behind it, and its type. */
  baseModelIds?: string[];
  profileType?: string;
}

/** Facts no Bedrock API reports: from our built-in table, dated. */
export interface ModelFacts {
  contextWindow?: number;
  maxTokens?: number;
  reasoning?: boolean;
  /** USD per 1M tokens, on-demand list price. */
  price?: { input: number; output: number; cacheRead?: number; cacheWrite?: number };
  /** When and where the price was read. */
  priceSource?: string;
}

export type CatalogOrigin = 'live' | 'built-in';

export interface CatalogSnapshot {
  origin: CatalogOrigin;
  region: string;
  /** When the live list was fetched (ms since epoch). */
  fetchedAt?: number;
  entries: CatalogEntry[];
  /** Why the live list is not what this is (no credentials, access denied, offline...). */
  problem?: string;
}

export interface CatalogSource {
  /** The best catalog known now for a region; never waits, may start a refresh in the background. */
  snapshot(region: string): CatalogSnapshot;
  /** Dated facts (context window, list price...) for an id, inference profile ids included. */
  facts(id: string): ModelFacts | undefined;
}

/** What features that show catalog facts are given. */
export interface CatalogContext {
  catalog: CatalogIndex;
  facts(id: string): ModelFacts | undefined;
}

/** Inference profile ids start with a geography: us., eu., apac., global. ... */
const PROFILE_PREFIX = /^(us|eu|apac|jp|au|ca|us-gov|global)\./;

/** The foundation model id behind an id that may be an inference profile id. */
export function baseModelId(id: string): string {
  return id.replace(PROFILE_PREFIX, '');
}

/**
 * The geographies whose cross-region profiles a region can invoke (it is one of their source regions):
 * us-east-1 the `us.` ones, eu-west-1 the `eu.` ones, ap-northeast-1 the `apac.` and `jp.` ones...
 * `global.` profiles can be invoked from any commercial region.
 */
export function profileGeographiesOf(region: string): string[] {
  if (region.startsWith('us-gov-')) return ['us-gov'];
  if (/^us-(east|west)-/.test(region)) return ['us'];
  if (region.startsWith('eu-')) return ['eu'];
  if (region.startsWith('ca-')) return ['ca'];
  if (/^ap-northeast-[13]$/.test(region)) return ['apac', 'jp'];
  if (/^ap-southeast-[24]$/.test(region)) return ['apac', 'au'];
  if (region.startsWith('ap-')) return ['apac'];
  return [];
}

/** How a region reaches a profile: through its own geography's profile, a global one, or not at all. */
export function profileReach(profileId: string, region: string): 'geography' | 'global' | undefined {
  const prefix = PROFILE_PREFIX.exec(profileId)?.[1];
  if (prefix === 'global') return region.startsWith('us-gov-') || region.startsWith('cn-') ? undefined : 'global';
  return prefix && profileGeographiesOf(region).includes(prefix) ? 'geography' : undefined;
}

/** `...:0:200k`, `...:48k`: provisioned-throughput variants, not for on-demand use. */
export function isProvisionedVariant(id: string): boolean {
  return /:\d+k$/.test(id);
}

/** Lookups over one snapshot, built once per snapshot. */
export class CatalogIndex {
  private readonly byId = new Map<string, CatalogEntry>();
  private readonly profilesByBase = new Map<string, CatalogEntry[]>();

  constructor(readonly snapshot: CatalogSnapshot) {
    for (const entry of snapshot.entries) {
      this.byId.set(entry.id, entry);
      for (const base of entry.baseModelIds ?? []) {
        const list = this.profilesByBase.get(base);
        if (list) list.push(entry);
        else this.profilesByBase.set(base, [entry]);
      }
    }
  }

  get(id: string): CatalogEntry | undefined {
    return this.byId.get(id);
  }

  /** The inference profiles that route to a foundation model. */
  profilesFor(foundationModelId: string): CatalogEntry[] {
    return this.profilesByBase.get(foundationModelId) ?? [];
  }

  /**
   * Profile ids to use instead of a foundation model id, of those the region can invoke: its own
   * geography's first, then global (a profile of another geography is refused from this region).
   */
  suggestedProfileIds(foundationModelId: string): string[] {
    const region = this.snapshot.region;
    return this.profilesFor(foundationModelId)
      .filter((profile) => profile.profileType !== 'APPLICATION' && profileReach(profile.id, region))
      .map((profile) => profile.id)
      .sort((a, b) => Number(profileReach(a, region) === 'global') - Number(profileReach(b, region) === 'global') || a.localeCompare(b));
  }
}
