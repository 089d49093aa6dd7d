import { AliasEntry, BEDROCK_PROVIDER, ConfigModel, ConfiguredModel, ProviderConfig } from './configModel';
import { quoteForMessage as q } from '../utils/quoteForMessage';

/*
 * Model references resolved as OpenClaw 2026.9 resolves them (src/agents/model-selection-shared.ts):
 * an optional trailing `@authProfile` is ignored; an alias matches case-insensitively and the last
 * entry with that alias wins; `provider/model` splits at the first `/`, providers compare
 * case-insensitively, model ids exactly and then case-folded; a bare word that is no alias is
 * taken as a configured model id when exactly one provider has it.
 */

/** Providers whose plugins bring their own model catalog in OpenClaw 2026.9.6 (`models.mode: merge`). */
export const PROVIDERS_WITH_BUILT_IN_CATALOG: ReadonlySet<string> = new Set([
  'anthropic',
  'apple-fm',
  'clawrouter',
  'copilot-proxy',
  'fal',
  'github-copilot',
  'google',
  'google-gemini-cli',
  'google-vertex',
  'huggingface',
  'litellm',
  'lmstudio',
  'microsoft-foundry',
  'minimax',
  'minimax-portal',
  'nvidia',
  'ollama',
  'ollama-cloud',
  'openai',
  'opencode-go',
  'openrouter',
  'sglang',
  'together',
  'vllm',
  'xai',
]);

export type Resolution =
  | { kind: 'model'; model: ConfiguredModel; alias?: AliasEntry }
  | { kind: 'wildcard'; provider: string; providerConfig?: ProviderConfig }
  | {
      kind: 'unknown';
      provider: string;
      modelId: string;
      /** True when the file alone decides that OpenClaw will fail with "Unknown model". */
      certain: boolean;
      why: string;
      providerConfig?: ProviderConfig;
      alias?: AliasEntry;
    }
  /** A bare word that is neither an alias nor a unique configured model id. */
  | { kind: 'unresolved'; word: string };

export interface SplitReference {
  provider: string;
  model: string;
}

export class ReferenceResolver {
  private readonly providersByKey = new Map<string, ProviderIndex>();
  /** Lowercased alias → the entries carrying it, in document order (wildcard keys excluded). */
  private readonly aliasIndex = new Map<string, AliasEntry[]>();
  /** Every provider's models by id, exact and case-folded: for bare words, built at the first. */
  private modelsById: { exact: Map<string, ConfiguredModel[]>; folded: Map<string, ConfiguredModel[]> } | undefined;
  private entriesByModel: Map<ConfiguredModel, AliasEntry[]> | undefined;
  /** resolveQualified's answers by reference: map keys are resolved by several checks, once each here. */
  private readonly qualified = new Map<string, Resolution>();

  constructor(private readonly config: ConfigModel) {
    for (const provider of config.providers) {
      const index: ProviderIndex = { config: provider, byId: new Map(), byFoldedId: undefined };
      for (const model of provider.models) {
        if (!index.byId.has(model.id)) index.byId.set(model.id, model);
      }
      // A provider key written twice: JSON5.parse keeps the last, and so does this map.
      this.providersByKey.set(provider.id.toLowerCase(), index);
    }
    for (const entry of config.aliases) {
      const alias = entry.alias?.value.trim().toLowerCase();
      if (alias && !entry.key.trim().endsWith('/*')) push(this.aliasIndex, alias, entry);
    }
  }

  provider(id: string): ProviderConfig | undefined {
    return this.providersByKey.get(id.trim().toLowerCase())?.config;
  }

  resolve(raw: string, agent?: string): Resolution {
    const value = stripAuthProfile(raw);
    const alias = this.findAlias(value, agent);
    if (alias) return this.withAlias(this.resolveQualified(alias.key), alias);
    const split = splitReference(value);
    if (split) {
      const direct = this.resolveQualified(value);
      if (direct.kind !== 'unknown') return direct;
      // `provider/Alias` selects that provider's alias when no model has that id.
      const scoped = this.findAlias(split.model, agent, split.provider);
      return scoped ? this.withAlias(this.resolveQualified(scoped.key), scoped) : direct;
    }
    const unique = this.uniqueModelById(value);
    return unique ? { kind: 'model', model: unique } : { kind: 'unresolved', word: value };
  }

  /** A `provider/model` reference (an alias-map key, or an alias's target): no alias lookup. */
  resolveQualified(raw: string): Resolution {
    let resolution = this.qualified.get(raw);
    if (!resolution) {
      resolution = this.resolveQualifiedOnce(raw);
      this.qualified.set(raw, resolution);
    }
    return resolution;
  }

  private resolveQualifiedOnce(raw: string): Resolution {
    const value = stripAuthProfile(raw);
    const split = splitReference(value);
    if (!split) {
      const unique = this.uniqueModelById(value);
      return unique ? { kind: 'model', model: unique } : { kind: 'unresolved', word: value };
    }
    const index = this.providersByKey.get(split.provider.toLowerCase());
    if (split.model === '*') return { kind: 'wildcard', provider: split.provider, providerConfig: index?.config };
    const model = index && (index.byId.get(split.model) ?? foldedIds(index).get(split.model.toLowerCase()));
    if (model) return { kind: 'model', model };
    return {
      kind: 'unknown',
      provider: split.provider,
      modelId: split.model,
      providerConfig: index?.config,
      ...this.judgeUnknown(split.provider, index?.config),
    };
  }

  /** Entries of agents.defaults.models (not agents' own maps) whose key names this model. */
  entriesFor(model: ConfiguredModel): AliasEntry[] {
    if (!this.entriesByModel) {
      this.entriesByModel = new Map();
      for (const entry of this.config.aliases) {
        if (entry.agent !== undefined) continue;
        const resolution = this.resolveQualified(entry.key);
        if (resolution.kind === 'model') push(this.entriesByModel, resolution.model, entry);
      }
    }
    return this.entriesByModel.get(model) ?? [];
  }

  /** The aliases OpenClaw would accept for this model (where two entries share one, the last wins). */
  aliasesFor(model: ConfiguredModel): string[] {
    return this.entriesFor(model)
      .filter((entry) => entry.alias && entry.alias.value.trim() !== '' && this.findAlias(entry.alias.value) === entry)
      .map((entry) => entry.alias!.value);
  }

  /** Every entry carrying this alias (case-insensitive), in document order. */
  entriesWithAlias(alias: string): AliasEntry[] {
    return this.aliasIndex.get(alias.trim().toLowerCase()) ?? [];
  }

  /** The entry an alias selects, for agents.defaults or one agent (its own map wins). */
  findAlias(word: string, agent?: string, provider?: string): AliasEntry | undefined {
    let found: AliasEntry | undefined;
    for (const entry of this.entriesWithAlias(word)) {
      if (entry.agent !== undefined && entry.agent !== agent) continue;
      if (provider && splitReference(entry.key)?.provider.toLowerCase() !== provider.toLowerCase()) continue;
      // The last one wins; agents' own maps come after the defaults, as in OpenClaw's listConfiguredModelMaps.
      found = entry;
    }
    return found;
  }

  private withAlias(resolution: Resolution, alias: AliasEntry): Resolution {
    return resolution.kind === 'model' || resolution.kind === 'unknown' ? { ...resolution, alias } : resolution;
  }

  private uniqueModelById(id: string): ConfiguredModel | undefined {
    if (!this.modelsById) {
      this.modelsById = { exact: new Map(), folded: new Map() };
      for (const model of this.config.models) {
        push(this.modelsById.exact, model.id, model);
        push(this.modelsById.folded, model.id.toLowerCase(), model);
      }
    }
    const matches = this.modelsById.exact.get(id) ?? this.modelsById.folded.get(id.toLowerCase()) ?? [];
    const providers = new Set(matches.map((model) => model.provider.id.toLowerCase()));
    return providers.size === 1 ? matches[0] : undefined;
  }

  private judgeUnknown(provider: string, providerConfig: ProviderConfig | undefined): { certain: boolean; why: string } {
    const providerKey = provider.toLowerCase();
    if (!providerConfig) {
      return { certain: false, why: `provider '${q(provider)}' is not configured in this file` };
    }
    if (providerConfig.models.length > 0) {
      if (providerKey === BEDROCK_PROVIDER) {
        return {
          certain: true,
          why: `'${q(providerConfig.id)}' lists its models explicitly, which replaces the list Bedrock discovery would bring`,
        };
      }
      if (this.config.mode === 'replace') {
        return { certain: true, why: 'models.mode is "replace", so only the models listed here exist' };
      }
      if (PROVIDERS_WITH_BUILT_IN_CATALOG.has(providerKey)) {
        return { certain: false, why: `OpenClaw's built-in catalog for '${q(providerConfig.id)}' may provide it` };
      }
      return { certain: true, why: `'${q(providerConfig.id)}' is a custom provider and lists its models explicitly` };
    }
    if (providerKey === BEDROCK_PROVIDER && this.config.bedrockDiscovery.some((setting) => setting.enabled)) {
      return { certain: false, why: 'Bedrock discovery decides which models exist' };
    }
    return { certain: false, why: `'${q(providerConfig.id)}' lists no models here; its plugin may bring them` };
  }
}

interface ProviderIndex {
  config: ProviderConfig;
  byId: Map<string, ConfiguredModel>;
  /** Built at the first id that matches none exactly. */
  byFoldedId: Map<string, ConfiguredModel> | undefined;
}

function foldedIds(index: ProviderIndex): Map<string, ConfiguredModel> {
  if (!index.byFoldedId) {
    index.byFoldedId = new Map();
    for (const model of index.config.models) {
      if (!index.byFoldedId.has(model.id.toLowerCase())) index.byFoldedId.set(model.id.toLowerCase(), model);
    }
  }
  return index.byFoldedId;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Splits at the first `/`; undefined for a bare word. */
export function splitReference(value: string): SplitReference | undefined {
  const slash = value.indexOf('/');
  if (slash <= 0) return undefined;
  return { provider: value.slice(0, slash).trim(), model: value.slice(slash + 1).trim() };
}

/**
 * Drops a trailing `@authProfile` the way OpenClaw's splitTrailingAuthProfile does, keeping `@`
 * suffixes that belong to the model id (dates like `@20250514`, quantizations like `@q4_k_m`).
 */
export function stripAuthProfile(raw: string): string {
  const trimmed = raw.trim();
  const lastSlash = trimmed.lastIndexOf('/');
  let delimiter = trimmed.indexOf('@', lastSlash + 1);
  if (delimiter <= 0) return trimmed;
  const suffix = () => trimmed.slice(delimiter + 1);
  if (/^\d{8}(?:@|$)/.test(suffix())) {
    delimiter = trimmed.indexOf('@', delimiter + 9);
    if (delimiter < 0) return trimmed;
  }
  if (/^(?:i?q\d+(?:_[a-z0-9]+)*|\d+bit)(?:@|$)/i.test(suffix())) {
    delimiter = trimmed.indexOf('@', delimiter + 1);
    if (delimiter < 0) return trimmed;
  }
  const model = trimmed.slice(0, delimiter).trim();
  return model && trimmed.slice(delimiter + 1).trim() ? model : trimmed;
}
