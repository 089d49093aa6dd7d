import {
  BedrockClient,
  FoundationModelSummary,
  InferenceProfileSummary,
  InferenceProfileType,
  ListFoundationModelsCommand,
  paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';
import { CatalogEntry } from '../service/catalog';
import { explainAwsError } from './awsErrors';
import { BedrockConnection, CATALOG_TIMEOUTS, CatalogTimeouts, endpointOptions } from './connection';
import { bedrockEndpoint } from './endpoints';
import { NetworkSettings, proxyFor, transportFor } from './network';

/*
 * The live catalog: ListFoundationModels and ListInferenceProfiles (system-defined and application
 * profiles, each paged with nextToken) issued together, not one after another. Kept as OpenClaw
 * keeps them: streaming text models. LEGACY ones stay, marked, so they can be warned about.
 */

/** discoverCatalog, a failure rejected with its explanation: what went wrong and what to do. */
export async function discoverCatalogExplained(connection: BedrockConnection, network: NetworkSettings, timeouts: CatalogTimeouts = CATALOG_TIMEOUTS): Promise<CatalogEntry[]> {
  try {
    return await discoverCatalog(connection, network, undefined, timeouts);
  } catch (error) {
    const endpoint = new URL(connection.endpoint ?? bedrockEndpoint('bedrock', connection.region, connection));
    const { message } = explainAwsError(error, {
      connection,
      action: 'bedrock:ListFoundationModels and bedrock:ListInferenceProfiles',
      host: connection.endpoint ?? endpoint.host,
      endpointSetting: 'openclaw.bedrock.endpoint',
      proxy: proxyFor(endpoint, network, process.env),
      http1Because: 'client',
    });
    throw new Error(message);
  }
}

export async function discoverCatalog(connection: BedrockConnection, network: NetworkSettings, signal?: AbortSignal, timeouts: CatalogTimeouts = CATALOG_TIMEOUTS): Promise<CatalogEntry[]> {
  const target = new URL(connection.endpoint ?? bedrockEndpoint('bedrock', connection.region, connection));
  const client = new BedrockClient({
    region: connection.region,
    ...endpointOptions(connection, connection.endpoint),
    profile: connection.profile,
    maxAttempts: 2,
    requestHandler: transportFor(target, network, process.env, timeouts, false).handler,
  });
  try {
    const [models, systemProfiles, applicationProfiles] = await Promise.all([
      client.send(new ListFoundationModelsCommand({}), { abortSignal: signal }),
      listProfiles(client, InferenceProfileType.SYSTEM_DEFINED, signal),
      listProfiles(client, InferenceProfileType.APPLICATION, signal),
    ]);
    const foundation = (models.modelSummaries ?? []).filter(isStreamingTextModel);
    const byId = new Map(foundation.map((model) => [model.modelId!, model]));
    return [
      ...foundation.map(toFoundationEntry),
      ...[...systemProfiles, ...applicationProfiles].flatMap((profile) => toProfileEntry(profile, byId)),
    ];
  } finally {
    client.destroy();
  }
}

async function listProfiles(client: BedrockClient, type: InferenceProfileType, signal?: AbortSignal): Promise<InferenceProfileSummary[]> {
  const profiles: InferenceProfileSummary[] = [];
  for await (const page of paginateListInferenceProfiles({ client, pageSize: 1000 }, { typeEquals: type }, { abortSignal: signal })) {
    profiles.push(...(page.inferenceProfileSummaries ?? []));
  }
  return profiles;
}

function isStreamingTextModel(model: FoundationModelSummary): boolean {
  return Boolean(model.modelId) && model.responseStreamingSupported !== false && (model.outputModalities ?? []).includes('TEXT');
}

function toFoundationEntry(model: FoundationModelSummary): CatalogEntry {
  const inferenceTypes = (model.inferenceTypesSupported ?? []).map(String);
  return {
    id: model.modelId!,
    name: model.modelName ?? model.modelId!,
    provider: model.providerName ?? '',
    kind: 'foundation-model',
    inputModalities: (model.inputModalities ?? []).map(String),
    outputModalities: (model.outputModalities ?? []).map(String),
    onDemand: inferenceTypes.includes('ON_DEMAND'),
    lifecycle: model.modelLifecycle?.status === 'LEGACY' ? 'LEGACY' : 'ACTIVE',
    inferenceTypes,
  };
}

/** A profile inherits what it serves from its base model; application profiles are invoked by ARN. */
function toProfileEntry(profile: InferenceProfileSummary, foundation: Map<string, FoundationModelSummary>): CatalogEntry[] {
  const id = profile.type === InferenceProfileType.APPLICATION ? profile.inferenceProfileArn : profile.inferenceProfileId;
  if (!id) return [];
  const baseModelIds = [...new Set((profile.models ?? []).flatMap((model) => {
    const match = /foundation-model\/(.+)$/.exec(model.modelArn ?? '');
    return match ? [match[1]!] : [];
  }))];
  const base = baseModelIds.map((baseId) => foundation.get(baseId)).find((model) => model !== undefined);
  // Routes only to models that are not streaming text models (embeddings, images): not for OpenClaw.
  if (baseModelIds.length > 0 && !base) return [];
  return [
    {
      id,
      name: profile.inferenceProfileName ?? id,
      provider: base?.providerName ?? '',
      kind: 'inference-profile',
      inputModalities: (base?.inputModalities ?? ['TEXT']).map(String),
      outputModalities: (base?.outputModalities ?? ['TEXT']).map(String),
      onDemand: true,
      lifecycle: base?.modelLifecycle?.status === 'LEGACY' ? 'LEGACY' : 'ACTIVE',
      baseModelIds,
      profileType: profile.type,
    },
  ];
}
