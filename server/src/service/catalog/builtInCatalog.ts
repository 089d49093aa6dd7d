import { CatalogEntry, CatalogSnapshot, ModelFacts } from './catalog';

/*
 * Well-known Bedrock text models, for completion and hovers when the live catalog cannot be had
 * (no credentials, no network), and for the facts no Bedrock API reports: context window, output
 * cap and list price. Prices are public on-demand list prices in USD per 1M tokens; each carries
 * where and when it was read. They were not re-checked at build time (no network): the hover
 * always says where a price came from.
 */

const REFERENCE = 'OpenClaw Bedrock reference configuration (2026.3)';
const AWS_LIST = 'AWS list price, us-east-1 on-demand (read 2026-02)';

type Geo = 'us' | 'eu' | 'apac' | 'global';

interface KnownModel {
  id: string;
  name: string;
  provider: string;
  image?: boolean;
  reasoning?: boolean;
  /** False: only through an inference profile. */
  onDemand: boolean;
  /** Geographies with a system-defined inference profile (`us.<id>`, `global.<id>`...). */
  profiles?: Geo[];
  contextWindow: number;
  maxTokens: number;
  price: [input: number, output: number, cacheRead?: number, cacheWrite?: number];
  priceSource: string;
}

const CLAUDE_GEOS: Geo[] = ['us', 'eu', 'apac', 'global'];

const KNOWN_MODELS: KnownModel[] = [
  {
    id: 'anthropic.claude-opus-4-6-v1',
    name: 'Claude Opus 4.6',
    provider: 'Anthropic',
    image: true,
    reasoning: true,
    onDemand: false,
    profiles: CLAUDE_GEOS,
    contextWindow: 200_000,
    maxTokens: 128_000,
    price: [5, 25, 0.5, 6.25],
    priceSource: AWS_LIST,
  },
  {
    id: 'anthropic.claude-sonnet-4-6',
    name: 'Claude Sonnet 4.6',
    provider: 'Anthropic',
    image: true,
    reasoning: true,
    onDemand: false,
    profiles: CLAUDE_GEOS,
    contextWindow: 200_000,
    maxTokens: 64_000,
    price: [3, 15, 0.3, 3.75],
    priceSource: AWS_LIST,
  },
  {
    id: 'anthropic.claude-opus-4-5-20251101-v1:0',
    name: 'Claude Opus 4.5',
    provider: 'Anthropic',
    image: true,
    reasoning: true,
    onDemand: false,
    profiles: CLAUDE_GEOS,
    contextWindow: 200_000,
    maxTokens: 64_000,
    price: [5, 25, 0.5, 6.25],
    priceSource: AWS_LIST,
  },
  {
    id: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    name: 'Claude Sonnet 4.5',
    provider: 'Anthropic',
    image: true,
    reasoning: true,
    onDemand: false,
    profiles: CLAUDE_GEOS,
    contextWindow: 200_000,
    maxTokens: 64_000,
    price: [3, 15, 0.3, 3.75],
    priceSource: AWS_LIST,
  },
  {
    id: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    name: 'Claude Haiku 4.5',
    provider: 'Anthropic',
    image: true,
    reasoning: true,
    onDemand: false,
    profiles: CLAUDE_GEOS,
    contextWindow: 200_000,
    maxTokens: 64_000,
    price: [1, 5, 0.1, 1.25],
    priceSource: AWS_LIST,
  },
  {
    id: 'anthropic.claude-sonnet-4-20250514-v1:0',
    name: 'Claude Sonnet 4',
    provider: 'Anthropic',
    image: true,
    reasoning: true,
    onDemand: false,
    profiles: ['us', 'eu', 'apac', 'global'],
    contextWindow: 200_000,
    maxTokens: 64_000,
    price: [3, 15, 0.3, 3.75],
    priceSource: AWS_LIST,
  },
  {
    id: 'anthropic.claude-opus-4-1-20250805-v1:0',
    name: 'Claude Opus 4.1',
    provider: 'Anthropic',
    image: true,
    reasoning: true,
    onDemand: false,
    profiles: ['us'],
    contextWindow: 200_000,
    maxTokens: 32_000,
    price: [15, 75, 1.5, 18.75],
    priceSource: AWS_LIST,
  },
  {
    id: 'amazon.nova-premier-v1:0',
    name: 'Nova Premier',
    provider: 'Amazon',
    image: true,
    onDemand: false,
    profiles: ['us'],
    contextWindow: 1_000_000,
    maxTokens: 32_000,
    price: [2.5, 12.5],
    priceSource: AWS_LIST,
  },
  {
    id: 'amazon.nova-pro-v1:0',
    name: 'Nova Pro',
    provider: 'Amazon',
    image: true,
    onDemand: true,
    profiles: ['us', 'eu', 'apac'],
    contextWindow: 300_000,
    maxTokens: 10_000,
    price: [0.8, 3.2],
    priceSource: AWS_LIST,
  },
  {
    id: 'amazon.nova-lite-v1:0',
    name: 'Nova Lite',
    provider: 'Amazon',
    image: true,
    onDemand: true,
    profiles: ['us', 'eu', 'apac'],
    contextWindow: 300_000,
    maxTokens: 10_000,
    price: [0.06, 0.24],
    priceSource: AWS_LIST,
  },
  {
    id: 'amazon.nova-micro-v1:0',
    name: 'Nova Micro',
    provider: 'Amazon',
    onDemand: true,
    profiles: ['us', 'eu', 'apac'],
    contextWindow: 128_000,
    maxTokens: 10_000,
    price: [0.035, 0.14],
    priceSource: AWS_LIST,
  },
  {
    id: 'meta.llama4-maverick-17b-instruct-v1:0',
    name: 'Llama 4 Maverick 17B Instruct',
    provider: 'Meta',
    image: true,
    onDemand: false,
    profiles: ['us'],
    contextWindow: 1_000_000,
    maxTokens: 8192,
    price: [0.24, 0.97],
    priceSource: AWS_LIST,
  },
  {
    id: 'meta.llama4-scout-17b-instruct-v1:0',
    name: 'Llama 4 Scout 17B Instruct',
    provider: 'Meta',
    image: true,
    onDemand: false,
    profiles: ['us'],
    contextWindow: 3_500_000,
    maxTokens: 8192,
    price: [0.17, 0.66],
    priceSource: AWS_LIST,
  },
  {
    id: 'meta.llama3-3-70b-instruct-v1:0',
    name: 'Llama 3.3 70B Instruct',
    provider: 'Meta',
    onDemand: false,
    profiles: ['us'],
    contextWindow: 128_000,
    maxTokens: 8192,
    price: [0.72, 0.72],
    priceSource: AWS_LIST,
  },
  {
    id: 'deepseek.r1-v1:0',
    name: 'DeepSeek-R1',
    provider: 'DeepSeek',
    reasoning: true,
    onDemand: false,
    profiles: ['us'],
    contextWindow: 128_000,
    maxTokens: 32_768,
    price: [1.35, 5.4],
    priceSource: AWS_LIST,
  },
  {
    id: 'deepseek.v3-v1:0',
    name: 'DeepSeek-V3.1',
    provider: 'DeepSeek',
    reasoning: true,
    onDemand: true,
    contextWindow: 128_000,
    maxTokens: 8192,
    price: [0.58, 1.68],
    priceSource: AWS_LIST,
  },
  {
    id: 'deepseek.v3.2',
    name: 'DeepSeek V3.2',
    provider: 'DeepSeek',
    reasoning: true,
    onDemand: true,
    contextWindow: 131_072,
    maxTokens: 8192,
    price: [0.62, 1.85],
    priceSource: REFERENCE,
  },
  {
    id: 'openai.gpt-oss-120b-1:0',
    name: 'gpt-oss-120b',
    provider: 'OpenAI',
    reasoning: true,
    onDemand: true,
    contextWindow: 128_000,
    maxTokens: 8192,
    price: [0.15, 0.6],
    priceSource: AWS_LIST,
  },
  {
    id: 'openai.gpt-oss-20b-1:0',
    name: 'gpt-oss-20b',
    provider: 'OpenAI',
    reasoning: true,
    onDemand: true,
    contextWindow: 128_000,
    maxTokens: 8192,
    price: [0.07, 0.3],
    priceSource: AWS_LIST,
  },
  {
    id: 'qwen.qwen3-coder-next',
    name: 'Qwen3 Coder Next',
    provider: 'Qwen',
    reasoning: true,
    onDemand: true,
    contextWindow: 262_144,
    maxTokens: 8192,
    price: [0.5, 1.2],
    priceSource: REFERENCE,
  },
  {
    id: 'qwen.qwen3-vl-235b-a22b',
    name: 'Qwen3 VL 235B',
    provider: 'Qwen',
    image: true,
    onDemand: true,
    contextWindow: 131_072,
    maxTokens: 8192,
    price: [0.53, 2.66],
    priceSource: REFERENCE,
  },
  {
    id: 'qwen.qwen3-235b-a22b-2507-v1:0',
    name: 'Qwen3 235B A22B 2507',
    provider: 'Qwen',
    onDemand: true,
    contextWindow: 262_144,
    maxTokens: 8192,
    price: [0.22, 0.88],
    priceSource: AWS_LIST,
  },
  {
    id: 'qwen.qwen3-32b-v1:0',
    name: 'Qwen3 32B',
    provider: 'Qwen',
    reasoning: true,
    onDemand: true,
    contextWindow: 131_072,
    maxTokens: 8192,
    price: [0.15, 0.6],
    priceSource: AWS_LIST,
  },
  {
    id: 'qwen.qwen3-coder-30b-a3b-v1:0',
    name: 'Qwen3 Coder 30B A3B',
    provider: 'Qwen',
    onDemand: true,
    contextWindow: 262_144,
    maxTokens: 8192,
    price: [0.15, 0.6],
    priceSource: AWS_LIST,
  },
  {
    id: 'moonshotai.kimi-k2.5',
    name: 'Kimi K2.5',
    provider: 'Moonshot AI',
    image: true,
    onDemand: true,
    contextWindow: 131_072,
    maxTokens: 8192,
    price: [0.6, 3],
    priceSource: REFERENCE,
  },
  {
    id: 'moonshot.kimi-k2-thinking',
    name: 'Kimi K2 Thinking',
    provider: 'Moonshot AI',
    reasoning: true,
    onDemand: true,
    contextWindow: 131_072,
    maxTokens: 8192,
    price: [0.6, 2.5],
    priceSource: REFERENCE,
  },
  {
    id: 'minimax.minimax-m2.1',
    name: 'MiniMax M2.1',
    provider: 'MiniMax',
    onDemand: true,
    contextWindow: 131_072,
    maxTokens: 8192,
    price: [0.3, 1.2],
    priceSource: REFERENCE,
  },
  {
    id: 'zai.glm-4.7-flash',
    name: 'GLM 4.7 Flash',
    provider: 'Z.AI',
    onDemand: true,
    contextWindow: 131_072,
    maxTokens: 8192,
    price: [0.07, 0.4],
    priceSource: REFERENCE,
  },
  {
    id: 'zai.glm-4.7',
    name: 'GLM 4.7',
    provider: 'Z.AI',
    onDemand: true,
    contextWindow: 131_072,
    maxTokens: 8192,
    price: [0.6, 2.2],
    priceSource: REFERENCE,
  },
  {
    id: 'mistral.mistral-large-3-675b-instruct',
    name: 'Mistral Large 3',
    provider: 'Mistral AI',
    onDemand: true,
    contextWindow: 128_000,
    maxTokens: 8192,
    price: [2, 6],
    priceSource: REFERENCE,
  },
  {
    id: 'mistral.mistral-large-2407-v1:0',
    name: 'Mistral Large (24.07)',
    provider: 'Mistral AI',
    onDemand: true,
    contextWindow: 128_000,
    maxTokens: 8192,
    price: [2, 6],
    priceSource: AWS_LIST,
  },
  {
    id: 'mistral.pixtral-large-2502-v1:0',
    name: 'Pixtral Large (25.02)',
    provider: 'Mistral AI',
    image: true,
    onDemand: false,
    profiles: ['us', 'eu'],
    contextWindow: 128_000,
    maxTokens: 8192,
    price: [2, 6],
    priceSource: AWS_LIST,
  },
];

const GEO_NAMES: Record<Geo, string> = { us: 'US', eu: 'EU', apac: 'APAC', global: 'Global' };

/** The inference-profile geography of a region: us-east-1 → us, eu-west-3 → eu, ap-south-1 → apac. */
export function geographyOf(region: string): Geo | undefined {
  if (/^us-(east|west)-/.test(region)) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  return undefined;
}

const FACTS = new Map<string, ModelFacts>(
  KNOWN_MODELS.map((model) => [
    model.id,
    {
      contextWindow: model.contextWindow,
      maxTokens: model.maxTokens,
      reasoning: model.reasoning ?? false,
      price: { input: model.price[0], output: model.price[1], cacheRead: model.price[2], cacheWrite: model.price[3] },
      priceSource: model.priceSource,
    },
  ]),
);

/** Built-in facts for a foundation model id (inference profile ids are looked up by their base id). */
export function builtInFacts(foundationModelId: string): ModelFacts | undefined {
  return FACTS.get(foundationModelId);
}

/** One snapshot object per (region, problem): the catalog index built over a snapshot is kept per object. */
const snapshots = new Map<string, CatalogSnapshot>();
/** Regions come from files being typed, problems from failed requests: bounded. */
const MAX_SNAPSHOTS = 32;

/**
 * The built-in catalog as Bedrock would list it in a region: foundation models and their profiles.
 * The same object for the same arguments (callers do not change it).
 */
export function builtInSnapshot(region: string, problem?: string): CatalogSnapshot {
  const key = `${region}\u0000${problem ?? ''}`;
  let snapshot = snapshots.get(key);
  if (!snapshot) {
    if (snapshots.size >= MAX_SNAPSHOTS) snapshots.clear();
    snapshot = listedIn(region, problem);
    snapshots.set(key, snapshot);
  }
  return snapshot;
}

function listedIn(region: string, problem: string | undefined): CatalogSnapshot {
  const geo = geographyOf(region);
  const entries: CatalogEntry[] = [];
  for (const model of KNOWN_MODELS) {
    const inputModalities = model.image ? ['TEXT', 'IMAGE'] : ['TEXT'];
    entries.push({
      id: model.id,
      name: model.name,
      provider: model.provider,
      kind: 'foundation-model',
      inputModalities,
      outputModalities: ['TEXT'],
      onDemand: model.onDemand,
      lifecycle: 'ACTIVE',
      inferenceTypes: model.onDemand ? ['ON_DEMAND'] : ['INFERENCE_PROFILE'],
    });
    for (const profileGeo of model.profiles ?? []) {
      if (profileGeo !== 'global' && profileGeo !== geo) continue;
      entries.push({
        id: `${profileGeo}.${model.id}`,
        name: `${GEO_NAMES[profileGeo]} ${model.provider} ${model.name}`,
        provider: model.provider,
        kind: 'inference-profile',
        inputModalities,
        outputModalities: ['TEXT'],
        onDemand: true,
        lifecycle: 'ACTIVE',
        baseModelIds: [model.id],
        profileType: 'SYSTEM_DEFINED',
      });
    }
  }
  return { origin: 'built-in', region, entries, problem };
}
