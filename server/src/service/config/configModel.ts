import {
  booleanValue,
  findNodeAtPath,
  JsonNode,
  keyOf,
  keyText,
  numberValue,
  propertyValue,
  stringArrayValue,
  stringValue,
  valueOf,
} from '../parser/ast';

/*
 * The parts of openclaw.json this extension reasons about, each with the node it came from so
 * features can point at it. Built from the tolerant tree: whatever is broken is simply absent.
 */

export const BEDROCK_PROVIDER = 'amazon-bedrock';

/** Providers that talk to Bedrock: amazon-bedrock itself, or any provider on the Converse API. */
export function isBedrockProvider(provider: ProviderConfig): boolean {
  // The exact spelling first: it is asked for every model, and nearly always written so.
  return (
    provider.id === BEDROCK_PROVIDER || provider.id.toLowerCase() === BEDROCK_PROVIDER || provider.api?.value === 'bedrock-converse-stream'
  );
}

export interface Field<T> {
  value: T;
  node: JsonNode;
}

export interface ModelCost {
  node: JsonNode;
  input?: Field<number>;
  output?: Field<number>;
  cacheRead?: Field<number>;
  cacheWrite?: Field<number>;
}

export interface ConfiguredModel {
  provider: ProviderConfig;
  id: string;
  /** The string node of the entry's `id`. */
  idNode: JsonNode;
  /** The model entry's object. */
  entry: JsonNode;
  name?: Field<string>;
  reasoning?: Field<boolean>;
  input?: Field<string[]>;
  cost?: ModelCost;
  contextWindow?: Field<number>;
  maxTokens?: Field<number>;
}

export interface ProviderConfig {
  /** The key under models.providers, as written. */
  id: string;
  keyNode: JsonNode;
  node: JsonNode;
  baseUrl?: Field<string>;
  api?: Field<string>;
  maxTokens?: Field<number>;
  /** The `models` array, when present. */
  modelsNode?: JsonNode;
  models: ConfiguredModel[];
}

/** An entry of a `models` map (agents.defaults.models or an agent's own). */
export interface AliasEntry {
  /** The key: a model reference. */
  key: string;
  keyNode: JsonNode;
  property: JsonNode;
  /** The entry's object, when it is one. */
  body?: JsonNode;
  alias?: Field<string>;
  /** Set for an agent's own map; undefined for agents.defaults.models. */
  agent?: string;
}

export interface ModelReference {
  value: string;
  /** A string node: a value, or the key of a `models` map entry. */
  node: JsonNode;
  /** Map keys are always `provider/model`: OpenClaw does not look aliases up for them. */
  isMapKey: boolean;
  /** Where it sits, for messages: agents.defaults.model.primary, agents.entries.coder.model, ... */
  path: string;
  /** modelPolicy.allow and map keys take `provider/*`. */
  acceptsWildcard: boolean;
  /** The agent whose own aliases also apply. */
  agent?: string;
}

export interface DiscoverySetting {
  enabled: boolean;
  node: JsonNode;
  path: string;
}

export interface ConfigModel {
  root: JsonNode | undefined;
  mode: 'merge' | 'replace';
  providers: ProviderConfig[];
  models: ConfiguredModel[];
  /** The object at agents.defaults.models, when present. */
  aliasMap?: JsonNode;
  /** Entries of agents.defaults.models, then those of agents' own maps. */
  aliases: AliasEntry[];
  references: ModelReference[];
  bedrockDiscovery: DiscoverySetting[];
  lastTouchedVersion?: Field<string>;
  /** agents.defaults.modelPolicy, when it is an object (2026.8.1+). */
  modelPolicy?: JsonNode;
  /** meta.migrations.modelPolicyAllowlist === true: the alias map's allowlist role was migrated. */
  allowlistMigrated: boolean;
}

/** The model of a configuration, from its (merged) tree. */
export function buildConfigModel(tree: JsonNode | undefined): ConfigModel {
  const root = tree?.type === 'object' ? tree : undefined;
  const providers = readProviders(findNodeAtPath(root, ['models', 'providers']));
  const model: ConfigModel = {
    root,
    mode: stringValue(findNodeAtPath(root, ['models', 'mode'])) === 'replace' ? 'replace' : 'merge',
    providers,
    models: providers.flatMap((provider) => provider.models),
    aliasMap: objectAt(root, ['agents', 'defaults', 'models']),
    aliases: [],
    references: [],
    bedrockDiscovery: readDiscovery(root),
    lastTouchedVersion: field(findNodeAtPath(root, ['meta', 'lastTouchedVersion']), stringValue),
    modelPolicy: objectAt(root, ['agents', 'defaults', 'modelPolicy']),
    allowlistMigrated: booleanValue(findNodeAtPath(root, ['meta', 'migrations', 'modelPolicyAllowlist'])) === true,
  };
  const collector = new ReferenceCollector(model);
  collector.agentSettings(objectAt(root, ['agents', 'defaults']), 'agents.defaults', undefined);
  const list = findNodeAtPath(root, ['agents', 'list']);
  if (list?.type === 'array') {
    list.children!.forEach((agent, index) => {
      if (agent.type === 'object') {
        const agentId = stringValue(propertyValue(agent, 'id')) ?? `#${index}`;
        collector.agentSettings(agent, `agents.list[${index}]`, agentId);
      }
    });
  }
  const entries = objectAt(root, ['agents', 'entries']);
  for (const property of entries?.children ?? []) {
    const agent = valueOf(property);
    const agentId = keyText(property);
    if (agent?.type === 'object') collector.agentSettings(agent, `agents.entries.${agentId}`, agentId);
  }
  return model;
}

function objectAt(root: JsonNode | undefined, path: string[]): JsonNode | undefined {
  const node = findNodeAtPath(root, path);
  return node?.type === 'object' ? node : undefined;
}

function field<T>(node: JsonNode | undefined, read: (node: JsonNode | undefined) => T | undefined): Field<T> | undefined {
  if (!node) return undefined;
  const value = read(node);
  return value === undefined ? undefined : { value, node };
}

function readProviders(providersNode: JsonNode | undefined): ProviderConfig[] {
  if (providersNode?.type !== 'object') return [];
  const providers: ProviderConfig[] = [];
  for (const property of providersNode.children!) {
    const node = valueOf(property);
    if (node?.type !== 'object') continue;
    const modelsNode = propertyValue(node, 'models');
    const provider: ProviderConfig = {
      id: keyText(property),
      keyNode: keyOf(property),
      node,
      baseUrl: field(propertyValue(node, 'baseUrl'), stringValue),
      api: field(propertyValue(node, 'api'), stringValue),
      maxTokens: field(propertyValue(node, 'maxTokens'), numberValue),
      modelsNode: modelsNode?.type === 'array' ? modelsNode : undefined,
      models: [],
    };
    for (const entry of provider.modelsNode?.children ?? []) {
      const configured = readModel(provider, entry);
      if (configured) provider.models.push(configured);
    }
    providers.push(provider);
  }
  return providers;
}

function readModel(provider: ProviderConfig, entry: JsonNode): ConfiguredModel | undefined {
  if (entry.type !== 'object') return undefined;
  // One pass over the entry's keys, not a lookup per field: this runs for every model of the file.
  let idNode: JsonNode | undefined, nameNode: JsonNode | undefined, reasoningNode: JsonNode | undefined;
  let inputNode: JsonNode | undefined, costNode: JsonNode | undefined;
  let contextWindowNode: JsonNode | undefined, maxTokensNode: JsonNode | undefined;
  for (const property of entry.children!) {
    // The last of equal keys wins, as in JSON5.parse (and propertyValue).
    switch (keyText(property)) {
      case 'id':
        idNode = valueOf(property);
        break;
      case 'name':
        nameNode = valueOf(property);
        break;
      case 'reasoning':
        reasoningNode = valueOf(property);
        break;
      case 'input':
        inputNode = valueOf(property);
        break;
      case 'cost':
        costNode = valueOf(property);
        break;
      case 'contextWindow':
        contextWindowNode = valueOf(property);
        break;
      case 'maxTokens':
        maxTokensNode = valueOf(property);
        break;
    }
  }
  if (idNode?.type !== 'string') return undefined;
  return {
    provider,
    id: idNode.value as string,
    idNode,
    entry,
    name: field(nameNode, stringValue),
    reasoning: field(reasoningNode, booleanValue),
    input: field(inputNode, stringArrayValue),
    cost: costNode?.type === 'object' ? readCost(costNode) : undefined,
    contextWindow: field(contextWindowNode, numberValue),
    maxTokens: field(maxTokensNode, numberValue),
  };
}

function readCost(node: JsonNode): ModelCost {
  const cost: ModelCost = { node, input: undefined, output: undefined, cacheRead: undefined, cacheWrite: undefined };
  for (const property of node.children!) {
    const key = keyText(property);
    if (key === 'input' || key === 'output' || key === 'cacheRead' || key === 'cacheWrite')
      cost[key] = field(valueOf(property), numberValue);
  }
  return cost;
}

/*
 * An alias map's entries and their keys as references. The key node is made when a feature asks for it
 * (a problem to report, a hover): a map of thousands of entries needs few, and each made is kept (keyOf).
 */
class MapEntry implements AliasEntry {
  constructor(
    readonly key: string,
    readonly property: JsonNode,
    readonly body: JsonNode | undefined,
    readonly alias: Field<string> | undefined,
    readonly agent: string | undefined,
  ) {}

  get keyNode(): JsonNode {
    return keyOf(this.property);
  }
}

class MapKeyReference implements ModelReference {
  readonly isMapKey = true;
  readonly acceptsWildcard = true;

  constructor(
    readonly value: string,
    private readonly property: JsonNode,
    readonly path: string,
    readonly agent: string | undefined,
  ) {}

  get node(): JsonNode {
    return keyOf(this.property);
  }
}

/** Bedrock discovery, at its legacy place (up to 2026.3) and at the plugin's (2026.4.5 on). */
function readDiscovery(root: JsonNode | undefined): DiscoverySetting[] {
  const places: [string, string[]][] = [
    ['models.bedrockDiscovery', ['models', 'bedrockDiscovery']],
    [`plugins.entries.${BEDROCK_PROVIDER}.config.discovery`, ['plugins', 'entries', BEDROCK_PROVIDER, 'config', 'discovery']],
  ];
  const settings: DiscoverySetting[] = [];
  for (const [path, segments] of places) {
    const node = objectAt(root, segments);
    // Present without `enabled: false` counts as on: it can only make us more careful.
    if (node) settings.push({ path, node, enabled: booleanValue(propertyValue(node, 'enabled')) !== false });
  }
  return settings;
}

class ReferenceCollector {
  constructor(private readonly model: ConfigModel) {}

  /** The model settings shared by agents.defaults and each agent. */
  agentSettings(agent: JsonNode | undefined, path: string, agentId: string | undefined): void {
    if (!agent) return;
    const modelsMap = propertyValue(agent, 'models');
    if (modelsMap?.type === 'object') this.modelsMap(modelsMap, `${path}.models`, agentId);
    for (const key of ['model', 'imageModel', 'pdfModel']) {
      this.modelSetting(propertyValue(agent, key), `${path}.${key}`, agentId);
    }
    for (const key of ['utilityModel', 'decisionModel']) {
      this.single(propertyValue(agent, key), `${path}.${key}`, agentId, false);
    }
    const allow = findNodeAtPath(agent, ['modelPolicy', 'allow']);
    if (allow?.type === 'array') {
      allow.children!.forEach((item, index) => this.single(item, `${path}.modelPolicy.allow[${index}]`, agentId, true));
    }
  }

  private modelsMap(map: JsonNode, path: string, agentId: string | undefined): void {
    for (const property of map.children!) {
      const key = keyText(property);
      const value = valueOf(property);
      const body = value?.type === 'object' ? value : undefined;
      const alias = body && field(propertyValue(body, 'alias'), stringValue);
      this.model.aliases.push(new MapEntry(key, property, body, alias, agentId));
      this.model.references.push(new MapKeyReference(key, property, `${path}["${key}"]`, agentId));
    }
  }

  /** A string, or {primary, fallbacks[]}. */
  private modelSetting(node: JsonNode | undefined, path: string, agentId: string | undefined): void {
    if (node?.type === 'string') {
      this.single(node, path, agentId, false);
    } else if (node?.type === 'object') {
      this.single(propertyValue(node, 'primary'), `${path}.primary`, agentId, false);
      const fallbacks = propertyValue(node, 'fallbacks');
      if (fallbacks?.type === 'array') {
        fallbacks.children!.forEach((item, index) => this.single(item, `${path}.fallbacks[${index}]`, agentId, false));
      }
    }
  }

  private single(node: JsonNode | undefined, path: string, agentId: string | undefined, acceptsWildcard: boolean): void {
    // An empty string means "unset" for these settings (utilityModel: "" disables utility routing).
    if (node?.type !== 'string' || (node.value as string).trim() === '') return;
    this.model.references.push({ value: node.value as string, node, isMapKey: false, path, acceptsWildcard, agent: agentId });
  }
}
