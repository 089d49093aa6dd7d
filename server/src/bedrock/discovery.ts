import {
  BedrockClient,
  FoundationModelSummary,
  InferenceProfileSummary,
  InferenceProfileType,
  ListFoundationModelsCommand,
  paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';
import { CatalogEntry } from '../service/catalog/catalog';
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
export async function discoverCatalogExplained(
  connection: BedrockConnection,
  network: NetworkSettings,
  timeouts: CatalogTimeouts = CATALOG_TIMEOUTS,
): Promise<CatalogEntry[]> {
  try {
    return await discoverCatalog(connection, network, undefined, timeouts);
  } catch (error) {
    if (error instanceof UnexpectedAnswerError) throw error;
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

export async function discoverCatalog(
  connection: BedrockConnection,
  network: NetworkSettings,
  signal?: AbortSignal,
  timeouts: CatalogTimeouts = CATALOG_TIMEOUTS,
): Promise<CatalogEntry[]> {
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
      listProfiles(client, InferenceProfileType.SYSTEM_DEFINED, target.origin, signal),
      listProfiles(client, InferenceProfileType.APPLICATION, target.origin, signal),
    ]);
    const summaries = checkedList<FoundationModelSummary>(
      models,
      'modelSummaries',
      MODEL_SUMMARY,
      `Bedrock's ListFoundationModels answer from ${target.origin}`,
    );
    const foundation = summaries.filter(isStreamingTextModel);
    const byId = new Map(foundation.map((model) => [model.modelId!, model]));
    return [
      ...foundation.map(toFoundationEntry),
      ...[...systemProfiles, ...applicationProfiles].flatMap((profile) => toProfileEntry(profile, byId)),
    ];
  } finally {
    client.destroy();
  }
}

async function listProfiles(
  client: BedrockClient,
  type: InferenceProfileType,
  origin: string,
  signal?: AbortSignal,
): Promise<InferenceProfileSummary[]> {
  const profiles: InferenceProfileSummary[] = [];
  const answer = `Bedrock's ListInferenceProfiles answer from ${origin}`;
  for await (const page of paginateListInferenceProfiles({ client, pageSize: 1000 }, { typeEquals: type }, { abortSignal: signal })) {
    check(page.nextToken, 'a string', 'nextToken', answer);
    profiles.push(...checkedList<InferenceProfileSummary>(page, 'inferenceProfileSummaries', PROFILE_SUMMARY, answer));
  }
  return profiles;
}

/**
 * An answer that is JSON but not of the API's shape (a proxy's, another service's, a changed API):
 * the SDK passes it through, and reading it failed with a TypeError that said nothing useful.
 */
class UnexpectedAnswerError extends Error {}

/** A field's shape in the API; an absent field (undefined or null) always passes, as the API leaves fields out. */
type Shape = 'a string' | 'a boolean' | 'a list of strings' | { object: Record<string, Shape> } | { listOf: Record<string, Shape> };

/** The fields of the summaries the catalog reads; others are not read, so not checked. */
const MODEL_SUMMARY: Record<string, Shape> = {
  modelId: 'a string',
  modelName: 'a string',
  providerName: 'a string',
  inputModalities: 'a list of strings',
  outputModalities: 'a list of strings',
  inferenceTypesSupported: 'a list of strings',
  responseStreamingSupported: 'a boolean',
  modelLifecycle: { object: { status: 'a string' } },
};
const PROFILE_SUMMARY: Record<string, Shape> = {
  inferenceProfileId: 'a string',
  inferenceProfileArn: 'a string',
  inferenceProfileName: 'a string',
  type: 'a string',
  models: { listOf: { modelArn: 'a string' } },
};

/** The list in `field` of an answer (empty when absent), each item checked against `fields`. */
function checkedList<T>(answer: object, field: string, fields: Record<string, Shape>, what: string): T[] {
  const list = (answer as Record<string, unknown>)[field];
  check(list, { listOf: fields }, field, what);
  return (list ?? []) as T[];
}

function check(value: unknown, shape: Shape, path: string, what: string): void {
  if (value === undefined || value === null) return;
  const fail = (expected: string, at = path, found: unknown = value): never => {
    throw new UnexpectedAnswerError(
      `${what} is not what the API returns: ${at} is ${kindOf(found)}, not ${expected}. Something other than Bedrock may have answered (a proxy, or the wrong "openclaw.bedrock.endpoint").`,
    );
  };
  if (shape === 'a string' || shape === 'a boolean') {
    if (typeof value !== shape.slice(2)) fail(shape);
  } else if (shape === 'a list of strings') {
    if (!Array.isArray(value)) fail(shape);
    const index = (value as unknown[]).findIndex((item) => typeof item !== 'string');
    if (index >= 0) check((value as unknown[])[index], 'a string', `${path}[${index}]`, what);
  } else if ('object' in shape) {
    if (!isRecord(value)) fail('an object');
    for (const [key, fieldShape] of Object.entries(shape.object))
      check((value as Record<string, unknown>)[key], fieldShape, `${path}.${key}`, what);
  } else {
    if (!Array.isArray(value)) fail('a list');
    (value as unknown[]).forEach((item, index) => {
      if (!isRecord(item)) fail('an object', `${path}[${index}]`, item);
      check(item, { object: shape.listOf }, `${path}[${index}]`, what);
    });
  }
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
  const baseModelIds = [
    ...new Set(
      (profile.models ?? []).flatMap((model) => {
        const match = /foundation-model\/(.+)$/.exec(model.modelArn ?? '');
        return match ? [match[1]!] : [];
      }),
    ),
  ];
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${/^[aeiou]/.test(typeof value) ? 'an' : 'a'} ${typeof value}`;
}
