/** What the fake's control plane lists, in the JSON shapes Bedrock sends (timestamps as ISO strings). */

export type Modality = 'TEXT' | 'IMAGE' | 'EMBEDDING';
export type InferenceType = 'ON_DEMAND' | 'PROVISIONED' | 'INFERENCE_PROFILE';
export type CustomizationType = 'FINE_TUNING' | 'CONTINUED_PRE_TRAINING' | 'DISTILLATION';

export interface FoundationModel {
  modelArn: string;
  modelId: string;
  modelName: string;
  providerName: string;
  inputModalities: Modality[];
  outputModalities: Modality[];
  responseStreamingSupported: boolean;
  customizationsSupported: CustomizationType[];
  inferenceTypesSupported: InferenceType[];
  modelLifecycle: { status: 'ACTIVE' | 'LEGACY' };
}

export interface InferenceProfile {
  inferenceProfileName: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  inferenceProfileArn: string;
  models: { modelArn: string }[];
  inferenceProfileId: string;
  status: 'ACTIVE';
  type: 'SYSTEM_DEFINED' | 'APPLICATION';
}

export interface FakeCatalog {
  foundationModels: FoundationModel[];
  inferenceProfiles: InferenceProfile[];
}

const REGION = 'us-east-1';
const ACCOUNT_ID = '123456789012';

export function foundationModelArn(modelId: string, region = REGION): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

/** A foundation model summary with everyday defaults: text in and out, on demand, streaming, active. */
export function foundationModel(modelId: string, details: Partial<FoundationModel> = {}): FoundationModel {
  return {
    modelArn: foundationModelArn(modelId),
    modelId,
    modelName: modelId,
    providerName: modelId.split('.')[0]!,
    inputModalities: ['TEXT'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    customizationsSupported: [],
    inferenceTypesSupported: ['ON_DEMAND'],
    modelLifecycle: { status: 'ACTIVE' },
    ...details,
  };
}

export type Geography = 'us' | 'eu' | 'global';

const GEOGRAPHIES: Record<Geography, { label: string; regions: string[] }> = {
  us: { label: 'US', regions: ['us-east-1', 'us-east-2', 'us-west-2'] },
  eu: { label: 'EU', regions: ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1'] },
  // Global profiles name their model with a region-less ARN.
  global: { label: 'Global', regions: [''] },
};

const PROFILES_CREATED = '2026-02-05T18:00:00.000Z';

/** A system-defined cross-region profile `<geography>.<modelId>`, as listed in us-east-1. */
export function systemProfile(geography: Geography, modelId: string, modelName: string): InferenceProfile {
  const { label, regions } = GEOGRAPHIES[geography];
  const inferenceProfileId = `${geography}.${modelId}`;
  const destinations = regions.filter((region) => region !== '');
  return {
    inferenceProfileName: `${label} ${modelName}`,
    description:
      destinations.length > 0
        ? `Routes requests to ${modelName} in ${destinations.join(', ')}.`
        : `Routes requests to ${modelName} in commercial AWS regions worldwide.`,
    createdAt: PROFILES_CREATED,
    updatedAt: PROFILES_CREATED,
    inferenceProfileArn: `arn:aws:bedrock:${REGION}:${ACCOUNT_ID}:inference-profile/${inferenceProfileId}`,
    models: regions.map((region) => ({ modelArn: foundationModelArn(modelId, region) })),
    inferenceProfileId,
    status: 'ACTIVE',
    type: 'SYSTEM_DEFINED',
  };
}

const TEXT_AND_IMAGE: Modality[] = ['TEXT', 'IMAGE'];
const PROFILE_ONLY: InferenceType[] = ['INFERENCE_PROFILE'];
const ON_DEMAND_AND_PROFILE: InferenceType[] = ['ON_DEMAND', 'INFERENCE_PROFILE'];

function defaultFoundationModels(): FoundationModel[] {
  const anthropic = (modelId: string, modelName: string, details: Partial<FoundationModel> = {}) =>
    foundationModel(modelId, {
      modelName,
      providerName: 'Anthropic',
      inputModalities: TEXT_AND_IMAGE,
      inferenceTypesSupported: PROFILE_ONLY,
      ...details,
    });
  return [
    anthropic('anthropic.claude-opus-4-6-v1', 'Claude Opus 4.6'),
    anthropic('anthropic.claude-sonnet-4-6', 'Claude Sonnet 4.6'),
    anthropic('anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5'),
    anthropic('anthropic.claude-3-5-sonnet-20240620-v1:0', 'Claude 3.5 Sonnet', {
      inferenceTypesSupported: ['ON_DEMAND'],
      modelLifecycle: { status: 'LEGACY' },
    }),
    // Context-suffixed ids are provisioned-throughput variants.
    anthropic('anthropic.claude-3-5-sonnet-20240620-v1:0:200k', 'Claude 3.5 Sonnet', {
      inferenceTypesSupported: ['PROVISIONED'],
      modelLifecycle: { status: 'LEGACY' },
    }),
    anthropic('anthropic.claude-v2:1', 'Claude', {
      inputModalities: ['TEXT'],
      inferenceTypesSupported: ['ON_DEMAND'],
      modelLifecycle: { status: 'LEGACY' },
    }),
    foundationModel('amazon.nova-pro-v1:0', {
      modelName: 'Nova Pro',
      providerName: 'Amazon',
      inputModalities: TEXT_AND_IMAGE,
      customizationsSupported: ['FINE_TUNING', 'DISTILLATION'],
      inferenceTypesSupported: ON_DEMAND_AND_PROFILE,
    }),
    foundationModel('amazon.nova-lite-v1:0', {
      modelName: 'Nova Lite',
      providerName: 'Amazon',
      inputModalities: TEXT_AND_IMAGE,
      customizationsSupported: ['FINE_TUNING', 'DISTILLATION'],
      inferenceTypesSupported: ON_DEMAND_AND_PROFILE,
    }),
    foundationModel('amazon.titan-embed-text-v2:0', {
      modelName: 'Titan Text Embeddings V2',
      providerName: 'Amazon',
      outputModalities: ['EMBEDDING'],
      responseStreamingSupported: false,
    }),
    foundationModel('cohere.rerank-v3-5:0', { modelName: 'Rerank 3.5', providerName: 'Cohere', responseStreamingSupported: false }),
    foundationModel('meta.llama4-scout-17b-instruct-v1:0', {
      modelName: 'Llama 4 Scout 17B Instruct',
      providerName: 'Meta',
      inputModalities: TEXT_AND_IMAGE,
      inferenceTypesSupported: PROFILE_ONLY,
    }),
    foundationModel('meta.llama4-maverick-17b-instruct-v1:0', {
      modelName: 'Llama 4 Maverick 17B Instruct',
      providerName: 'Meta',
      inputModalities: TEXT_AND_IMAGE,
      inferenceTypesSupported: PROFILE_ONLY,
    }),
    foundationModel('deepseek.r1-v1:0', { modelName: 'DeepSeek-R1', providerName: 'DeepSeek', inferenceTypesSupported: PROFILE_ONLY }),
    foundationModel('deepseek.v3.2', { modelName: 'DeepSeek V3.2', providerName: 'DeepSeek' }),
    foundationModel('qwen.qwen3-coder-next', { modelName: 'Qwen3 Coder Next', providerName: 'Qwen' }),
    foundationModel('qwen.qwen3-vl-235b-a22b', { modelName: 'Qwen3 VL 235B A22B', providerName: 'Qwen', inputModalities: TEXT_AND_IMAGE }),
    foundationModel('moonshotai.kimi-k2.5', { modelName: 'Kimi K2.5', providerName: 'Moonshot AI', inputModalities: TEXT_AND_IMAGE }),
    foundationModel('moonshot.kimi-k2-thinking', { modelName: 'Kimi K2 Thinking', providerName: 'Moonshot AI' }),
    foundationModel('minimax.minimax-m2.1', { modelName: 'MiniMax M2.1', providerName: 'MiniMax' }),
    foundationModel('zai.glm-4.7', { modelName: 'GLM 4.7', providerName: 'Z.AI' }),
    foundationModel('zai.glm-4.7-flash', { modelName: 'GLM 4.7 Flash', providerName: 'Z.AI' }),
    foundationModel('mistral.mistral-large-3-675b-instruct', {
      modelName: 'Mistral Large 3',
      providerName: 'Mistral AI',
      inputModalities: TEXT_AND_IMAGE,
    }),
    foundationModel('openai.gpt-oss-120b-1:0', { modelName: 'gpt-oss-120b', providerName: 'OpenAI' }),
  ];
}

// Listed as a region asks (controlPlane.ts): a us-east-1 listing has no eu. profiles, an eu-west-1 one no us. profiles.
function defaultInferenceProfiles(): InferenceProfile[] {
  return [
    systemProfile('us', 'anthropic.claude-opus-4-6-v1', 'Anthropic Claude Opus 4.6'),
    systemProfile('eu', 'anthropic.claude-opus-4-6-v1', 'Anthropic Claude Opus 4.6'),
    systemProfile('global', 'anthropic.claude-opus-4-6-v1', 'Anthropic Claude Opus 4.6'),
    systemProfile('us', 'anthropic.claude-sonnet-4-6', 'Anthropic Claude Sonnet 4.6'),
    systemProfile('eu', 'anthropic.claude-sonnet-4-6', 'Anthropic Claude Sonnet 4.6'),
    systemProfile('global', 'anthropic.claude-sonnet-4-6', 'Anthropic Claude Sonnet 4.6'),
    systemProfile('us', 'anthropic.claude-haiku-4-5-20251001-v1:0', 'Anthropic Claude Haiku 4.5'),
    systemProfile('global', 'anthropic.claude-haiku-4-5-20251001-v1:0', 'Anthropic Claude Haiku 4.5'),
    systemProfile('us', 'amazon.nova-pro-v1:0', 'Nova Pro'),
    systemProfile('eu', 'amazon.nova-pro-v1:0', 'Nova Pro'),
    systemProfile('us', 'amazon.nova-lite-v1:0', 'Nova Lite'),
    systemProfile('us', 'meta.llama4-scout-17b-instruct-v1:0', 'Meta Llama 4 Scout 17B Instruct'),
    systemProfile('us', 'meta.llama4-maverick-17b-instruct-v1:0', 'Meta Llama 4 Maverick 17B Instruct'),
    systemProfile('us', 'deepseek.r1-v1:0', 'DeepSeek-R1'),
    {
      inferenceProfileName: 'team-sonnet',
      description: 'Cost tracking for the coding team',
      createdAt: '2026-03-02T09:30:00.000Z',
      updatedAt: '2026-03-02T09:30:00.000Z',
      inferenceProfileArn: `arn:aws:bedrock:${REGION}:${ACCOUNT_ID}:application-inference-profile/k3x9q2w7v1ab`,
      models: GEOGRAPHIES.us.regions.map((region) => ({ modelArn: foundationModelArn('anthropic.claude-sonnet-4-6', region) })),
      inferenceProfileId: 'k3x9q2w7v1ab',
      status: 'ACTIVE',
      type: 'APPLICATION',
    },
  ];
}

/** A fresh copy of the default us-east-1 catalog: tests may change it freely. */
export function defaultCatalog(): FakeCatalog {
  return { foundationModels: defaultFoundationModels(), inferenceProfiles: defaultInferenceProfiles() };
}
