import { FakeCatalog, FoundationModel, InferenceProfile } from './catalog';
import { jsonReply, Reply, serviceErrorReply } from './replies';

/** AWS answers ListInferenceProfiles with up to this many summaries when the client sends no maxResults. */
export const AWS_MAX_PAGE_SIZE = 1000;

type Query = Record<string, string>;

function invalidEnumValue(query: Query, key: string, allowed: readonly string[]): Reply | undefined {
  const value = query[key];
  if (value === undefined || allowed.includes(value)) return undefined;
  return serviceErrorReply(
    'ValidationException',
    `1 validation error detected: Value '${value}' at '${key}' failed to satisfy constraint: ` +
      `Member must satisfy enum value set: [${allowed.join(', ')}]`,
  );
}

export function listFoundationModels(catalog: FakeCatalog, query: Query): Reply {
  const invalid =
    invalidEnumValue(query, 'byOutputModality', ['TEXT', 'IMAGE', 'EMBEDDING']) ??
    invalidEnumValue(query, 'byInferenceType', ['ON_DEMAND', 'PROVISIONED']) ??
    invalidEnumValue(query, 'byCustomizationType', ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION']);
  if (invalid) return invalid;
  const { byProvider, byOutputModality, byInferenceType, byCustomizationType } = query;
  const matches = (model: FoundationModel) =>
    (byProvider === undefined || model.providerName.toLowerCase() === byProvider.toLowerCase()) &&
    (byOutputModality === undefined || model.outputModalities.some((m) => m === byOutputModality)) &&
    (byInferenceType === undefined || model.inferenceTypesSupported.some((t) => t === byInferenceType)) &&
    (byCustomizationType === undefined || model.customizationsSupported.some((c) => c === byCustomizationType));
  return jsonReply(200, { modelSummaries: catalog.foundationModels.filter(matches) });
}

/** The identifier may be a model id or a foundation-model ARN. */
export function getFoundationModel(catalog: FakeCatalog, modelIdentifier: string): Reply {
  const model = catalog.foundationModels.find((m) => m.modelId === modelIdentifier || m.modelArn === modelIdentifier);
  if (!model) return serviceErrorReply('ResourceNotFoundException', `The model ${modelIdentifier} does not exist.`);
  return jsonReply(200, { modelDetails: model });
}

const encodeToken = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64');

function decodeToken(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString());
  return match ? Number(match[1]) : undefined;
}

/**
 * The profiles a region lists, as AWS does: a system-defined profile only in the source regions of its
 * geography (`us.` in us-*, `eu.` in eu-*, `global.` everywhere), an application profile only in its own
 * region. `largestPage`: like a real service, the fake may return fewer summaries than maxResults asks for.
 */
export function listInferenceProfiles(catalog: FakeCatalog, query: Query, largestPage: number, region: string): Reply {
  const invalid = invalidEnumValue(query, 'type', ['SYSTEM_DEFINED', 'APPLICATION']);
  if (invalid) return invalid;
  const requested = query.maxResults === undefined ? AWS_MAX_PAGE_SIZE : Number(query.maxResults);
  if (!Number.isInteger(requested) || requested < 1 || requested > AWS_MAX_PAGE_SIZE) {
    return serviceErrorReply(
      'ValidationException',
      `1 validation error detected: Value '${query.maxResults}' at 'maxResults' failed to satisfy constraint: ` +
        `Member must have value between 1 and ${AWS_MAX_PAGE_SIZE}`,
    );
  }
  const offset = query.nextToken === undefined ? 0 : decodeToken(query.nextToken);
  if (offset === undefined) return serviceErrorReply('ValidationException', 'The pagination token is invalid.');
  const profiles = catalog.inferenceProfiles.filter((p) => (query.type === undefined || p.type === query.type) && listedIn(p, region));
  const end = offset + Math.min(requested, largestPage);
  return jsonReply(200, {
    inferenceProfileSummaries: profiles.slice(offset, end),
    ...(end < profiles.length ? { nextToken: encodeToken(end) } : {}),
  });
}

function listedIn(profile: InferenceProfile, region: string): boolean {
  if (profile.type === 'APPLICATION') return profile.inferenceProfileArn.split(':')[3] === region;
  const geography = /^([a-z-]+)\./.exec(profile.inferenceProfileId)?.[1];
  if (geography === 'global') return true;
  // The geographies' source regions: us-gov-* is a geography of its own, apac. is listed in ap-*.
  const prefix = geography === 'apac' ? 'ap-' : `${geography}-`;
  return region.startsWith(prefix) && !(geography === 'us' && region.startsWith('us-gov-'));
}
