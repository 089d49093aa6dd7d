import { compareVersions } from '../config/openclawVersions';
import { JsonSchema } from './jsonSchema';

/*
 * Our own schema for the sections the extension owns, for when no `openclaw` is installed to give
 * its full schema: `models`, the model settings of `agents`, and the Bedrock plugin entry. Built per
 * OpenClaw version from what 17 releases (2026.3.31 … 2026.9.6) were measured to accept: each
 * `since`/`until` below is such a boundary. Where a change landed between two measured releases, the
 * feature is accepted from just after the last release known without it: this schema may miss an
 * error in a release nobody measured, but never calls a valid file broken. Everything it does not
 * know (other sections, nested objects like `compat`) it leaves open.
 */

type VersionRange = { since?: string; until?: string };

function within(version: string, range: VersionRange): boolean {
  return (!range.since || compareVersions(version, range.since) >= 0) && (!range.until || compareVersions(version, range.until) < 0);
}

/** The JSON false schema rejects any value: a key that exists in other versions only. */
const ABSENT = false as unknown as JsonSchema;

const string = (minLength?: number): JsonSchema => (minLength ? { type: 'string', minLength } : { type: 'string' });
const positiveNumber: JsonSchema = { type: 'number', exclusiveMinimum: 0 };
const positiveInteger: JsonSchema = { type: 'integer', exclusiveMinimum: 0 };
const anyObject: JsonSchema = { type: 'object' };
const stringArray: JsonSchema = { type: 'array', items: { type: 'string' } };

/** properties, keeping each key only in the versions it belongs to (others get ABSENT when `closed`). */
function keysFor(version: string, keys: Record<string, [JsonSchema, VersionRange?]>): Record<string, JsonSchema> {
  const properties: Record<string, JsonSchema> = {};
  for (const [key, [schema, range]] of Object.entries(keys)) properties[key] = !range || within(version, range) ? schema : ABSENT;
  return properties;
}

function closedObject(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { type: 'object', properties, additionalProperties: false, ...(required.length > 0 ? { required } : {}) };
}

function apiValues(version: string): string[] {
  return [
    'openai-completions',
    'openai-responses',
    ...(within(version, { until: '2026.6.1' }) ? ['openai-codex-responses'] : []),
    ...(within(version, { since: '2026.5.29' }) ? ['openai-chatgpt-responses'] : []),
    'anthropic-messages',
    'google-generative-ai',
    ...(within(version, { since: '2026.5.19' }) ? ['google-vertex'] : []),
    'github-copilot',
    'bedrock-converse-stream',
    'ollama',
    ...(within(version, { since: '2026.8.2' }) ? ['pi-messages'] : []),
    'azure-openai-responses',
  ];
}

/** A model setting: a reference, or {primary, fallbacks}. */
function modelSetting(version: string, withTimeout: boolean): JsonSchema {
  return {
    anyOf: [
      { type: 'string' },
      closedObject(
        keysFor(version, {
          primary: [{ type: 'string' }],
          fallbacks: [stringArray],
          timeoutMs: [positiveInteger, withTimeout ? undefined : { since: '2026.4.21', until: '2026.5.28' }],
        }),
      ),
    ],
  };
}

function aliasEntry(version: string): JsonSchema {
  return closedObject(
    keysFor(version, {
      alias: [{ type: 'string' }],
      params: [anyObject],
      streaming: [{ type: 'boolean' }],
      agentRuntime: [anyObject, { since: '2026.5.8' }],
      codeMode: [{ type: 'boolean' }, { since: '2026.8.1' }],
      pickerRuntimes: [{ type: 'array', maxItems: 8, items: { type: 'string', minLength: 1 } }, { since: '2026.8.2' }],
    }),
  );
}

function modelEntry(version: string): JsonSchema {
  return closedObject(
    keysFor(version, {
      id: [string(1)],
      name: [string(1)],
      api: [{ type: 'string', enum: apiValues(version) }],
      reasoning: [{ type: 'boolean' }],
      input: [
        {
          type: 'array',
          items: {
            type: 'string',
            enum: within(version, { since: '2026.4.21' }) ? ['text', 'image', 'video', 'audio'] : ['text', 'image'],
          },
        },
      ],
      cost: [
        closedObject(
          keysFor(version, {
            input: [{ type: 'number' }],
            output: [{ type: 'number' }],
            cacheRead: [{ type: 'number' }],
            cacheWrite: [{ type: 'number' }],
            tieredPricing: [{ type: 'array', items: anyObject }, { since: '2026.4.6' }],
          }),
        ),
      ],
      contextWindow: [positiveNumber],
      maxTokens: [positiveNumber],
      headers: [anyObject],
      compat: [anyObject],
      contextTokens: [positiveInteger, { since: '2026.4.3' }],
      baseUrl: [string(1), { since: '2026.4.21' }],
      params: [anyObject, { since: '2026.4.21' }],
      metadataSource: [{ const: 'models-add' }, { since: '2026.4.21' }],
      agentRuntime: [anyObject, { since: '2026.5.8' }],
      mediaInput: [anyObject, { since: '2026.5.19' }],
      thinkingLevelMap: [anyObject, { since: '2026.6.2' }],
    }),
    ['id', 'name'],
  );
}

function providerEntry(version: string): JsonSchema {
  const required = within(version, { until: '2026.5.19' }) ? ['baseUrl', 'models'] : [];
  return closedObject(
    keysFor(version, {
      baseUrl: [string(within(version, { until: '2026.8.1' }) ? 1 : undefined)],
      apiKey: [{ type: ['string', 'object'] }],
      auth: [{ type: 'string', enum: ['api-key', 'aws-sdk', 'oauth', 'token'] }],
      api: [{ type: 'string', enum: apiValues(version) }],
      injectNumCtxForOpenAICompat: [{ type: 'boolean' }],
      headers: [anyObject],
      authHeader: [{ type: 'boolean' }],
      models: [{ type: 'array', items: modelEntry(version) }],
      request: [anyObject, { since: '2026.4.3' }],
      // Dropped in 2026.8.1, which moves them into each model before validating (loadTimeMigrations).
      contextWindow: [positiveNumber, { since: '2026.4.21', until: '2026.8.1' }],
      contextTokens: [positiveInteger, { since: '2026.4.21', until: '2026.8.1' }],
      maxTokens: [positiveNumber, { since: '2026.4.21' }],
      timeoutSeconds: [positiveInteger, { since: '2026.4.21' }],
      params: [anyObject, { since: '2026.4.21' }],
      agentRuntime: [anyObject, { since: '2026.5.8' }],
      localService: [anyObject, { since: '2026.5.8' }],
      region: [string(1), { since: '2026.5.19' }],
    }),
    required,
  );
}

const DISCOVERY_FIELDS = (defaultsMinimum: number): Record<string, [JsonSchema]> => ({
  enabled: [{ type: 'boolean' }],
  region: [{ type: 'string' }],
  providerFilter: [stringArray],
  refreshInterval: [{ type: 'integer', minimum: 0 }],
  defaultContextWindow: [{ type: 'integer', minimum: defaultsMinimum }],
  defaultMaxTokens: [{ type: 'integer', minimum: defaultsMinimum }],
});

/** The model settings an agent (defaults or one agent) may have, typed; other keys are left open. */
function agentModelSettings(version: string, scope: 'defaults' | 'list' | 'entries'): Record<string, JsonSchema> {
  const settings: Record<string, [JsonSchema, VersionRange?]> = {
    model: [modelSetting(version, false)],
    utilityModel: [{ type: 'string' }, { since: '2026.6.2' }],
    decisionModel: [{ type: 'string', maxLength: 512 }, { since: '2026.8.2' }],
    models: [{ type: 'object', additionalProperties: aliasEntry(version) }, scope === 'list' ? { since: '2026.5.8' } : undefined],
    modelPolicy: [closedObject({ allow: stringArray }), { since: '2026.7.36' }],
  };
  if (scope === 'defaults') {
    Object.assign(settings, {
      imageModel: [modelSetting(version, true)],
      pdfModel: [modelSetting(version, true)],
      voiceModel: [modelSetting(version, true), { since: '2026.5.19' }],
      modelSelectionScope: [{ type: 'string', enum: ['session', 'agent', 'global'] }, { since: '2026.8.1' }],
    });
  }
  const properties = keysFor(version, settings);
  // In an open object a key of other versions is still typed, not rejected: only modelPolicy is
  // known to be refused before 2026.8 (measured), on agents.defaults.
  for (const [key, schema] of Object.entries(properties))
    if (schema === ABSENT && !(scope === 'defaults' && key === 'modelPolicy')) delete properties[key];
  return properties;
}

export function ownedSchema(version: string): JsonSchema {
  const bedrockPlugin: Record<string, JsonSchema> = within(version, { since: '2026.4.5', until: '2026.5.8' })
    ? {
        'amazon-bedrock': closedObject({
          enabled: { type: 'boolean' },
          hooks: anyObject,
          subagent: anyObject,
          config: closedObject({ discovery: closedObject(keysFor(version, DISCOVERY_FIELDS(1))), guardrail: anyObject }),
        }),
      }
    : {};
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      models: closedObject(
        keysFor(version, {
          mode: [{ type: 'string', enum: ['merge', 'replace'] }],
          providers: [{ type: 'object', additionalProperties: providerEntry(version) }],
          bedrockDiscovery: [closedObject(keysFor(version, DISCOVERY_FIELDS(1))), { until: '2026.4.3' }],
          pricing: [anyObject, { since: '2026.4.21', until: '2026.8.1' }],
          catalogRefresh: [anyObject, { since: '2026.7.36' }],
        }),
      ),
      agents: closedObject(
        keysFor(version, {
          defaults: [{ type: 'object', properties: agentModelSettings(version, 'defaults') }],
          // From 2026.8.1 OpenClaw moves a list it can key by id to agents.entries before validating
          // (loadTimeMigrations); one it cannot is refused.
          list: [
            {
              type: 'array',
              items: { type: 'object', properties: { id: { type: 'string' }, ...agentModelSettings(version, 'list') }, required: ['id'] },
            },
            { until: '2026.8.1' },
          ],
          ownership: [{ const: 'explicit' }, { since: '2026.8.1' }],
          entries: [
            { type: 'object', additionalProperties: { type: 'object', properties: agentModelSettings(version, 'entries') } },
            { since: '2026.7.36' },
          ],
        }),
      ),
      plugins: { type: 'object', properties: { entries: { type: 'object', properties: bedrockPlugin } } },
    },
  };
}
