import { readFileSync } from 'fs';
import { join } from 'path';

/*
 * Configurations the real OpenClaw judges against us: the reference and the sample, JSON5 variants,
 * broken files, wrong keys and types, each legacy form. `owned`: every problem lies in a section the
 * extension's own schema covers (so it must agree even without an installed OpenClaw).
 */

export interface OracleCase {
  name: string;
  /** openclaw.json */
  text: string;
  /** Files beside it, by relative path, for `$include`. */
  files?: Record<string, string>;
  owned: boolean;
}

const REPO = join(__dirname, '..', '..');
const sample = readFileSync(join(REPO, 'samples', 'openclaw.json'), 'utf8');
/** The two blocks of shared/reference/bedrock-models-for-openclaw.md, merged into one file. */
const reference = readFileSync(join(REPO, 'test', 'fixtures', 'reference.json'), 'utf8');

const BASE = (extra: { models?: string; provider?: string; entry?: string; agents?: string; root?: string } = {}) => `{
  ${extra.root ?? ''}
  models: {
    ${extra.models ?? ''}
    providers: {
      "amazon-bedrock": {
        baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
        api: "bedrock-converse-stream",
        ${extra.provider ?? ''}
        models: [
          { id: "zai.glm-4.7", name: "GLM 4.7", reasoning: false, input: ["text"], cost: { input: 0.6, output: 2.2, cacheRead: 0, cacheWrite: 0 }, contextWindow: 131072, maxTokens: 8192 ${extra.entry ?? ''} },
          { id: "us.anthropic.claude-sonnet-4-6", name: "Claude Sonnet 4.6" },
        ],
      },
    },
  },
  agents: {
    ${extra.agents ?? 'defaults: { model: "amazon-bedrock/zai.glm-4.7" },'}
  },
}
`;

const ALIAS_MAP = `"amazon-bedrock/zai.glm-4.7": { alias: "GLM" }, "amazon-bedrock/us.anthropic.claude-sonnet-4-6": { alias: "Sonnet" }`;

const SPLIT_MODELS = `{
  // included at models
  providers: {
    "amazon-bedrock": {
      baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
      api: "bedrock-converse-stream",
      models: [
        { id: "zai.glm-4.7", name: "GLM 4.7" },
        { id: "qwen.qwen3-32b-v1:0", name: "Qwen3 32B" },
      ],
    },
  },
}
`;
const MORE_MODELS = `{ providers: { "amazon-bedrock": { models: [{ id: "deepseek.v3-v1:0", name: "DeepSeek V3" }] } } }\n`;
const SPLIT_AGENTS = `{
  defaults: {
    model: { primary: "GLM", fallbacks: ["amazon-bedrock/qwen.qwen3-32b-v1:0"] },
    models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" } },
  },
}
`;
const SPLIT_ROOT = (include: string) => `{
  models: { $include: ${include} },
  agents: {
    defaults: {
      model: { primary: "GLM", fallbacks: ["amazon-bedrock/qwen.qwen3-32b-v1:0"] },
      models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" } },
    },
  },
}
`;

export const CORPUS: OracleCase[] = [
  { name: 'reference (as shipped, with bedrockDiscovery)', text: reference, owned: true },
  { name: 'sample (reference + models without aliases)', text: sample, owned: true },
  { name: 'reference without bedrockDiscovery', text: reference.replace(/,\n\s*"bedrockDiscovery": \{\s*"enabled": true\s*\}/, ''), owned: true },
  { name: 'reference after openclaw 2026.9.6 rewrote it (migrated allowlist)', text: reference.replace(/,\n\s*"bedrockDiscovery": \{\s*"enabled": true\s*\}/, '').replace('"models": {\n        "amazon-bedrock/qwen', '"modelPolicy": { "allow": ["amazon-bedrock/qwen.qwen3-coder-next"] },\n      "models": {\n        "amazon-bedrock/qwen').replace(/\n}\n$/, ',\n  "meta": { "migrations": { "modelPolicyAllowlist": true } }\n}\n'), owned: true },
  { name: 'JSON5: comments, unquoted keys, single quotes, trailing commas, .5 and hex', text: `// JSON5\n${BASE({ models: "mode: 'merge', /* block */" }).replace('cacheRead: 0', 'cacheRead: .0').replace('maxTokens: 8192', 'maxTokens: 0x2000')}`, owned: true },
  { name: 'minimal: {}', text: '{}\n', owned: true },
  { name: 'syntax: missing comma', text: BASE().replace('name: "GLM 4.7", reasoning', 'name: "GLM 4.7" reasoning'), owned: true },
  { name: 'syntax: unterminated string', text: BASE().replace('"GLM 4.7"', '"GLM 4.7'), owned: true },
  { name: 'syntax: unquoted value', text: BASE({ models: 'mode: merge,' }), owned: true },
  { name: 'syntax: cut short', text: BASE().slice(0, 200), owned: true },
  { name: 'syntax: empty file', text: '', owned: true },
  { name: 'root: null', text: 'null\n', owned: true },
  { name: 'root: an array', text: '[]\n', owned: true },
  { name: 'unknown key at the root', text: BASE({ root: 'gatewayy: { port: 1 },' }), owned: false },
  { name: 'unknown key in a provider', text: BASE({ provider: 'regionn: "us-east-1",' }), owned: true },
  { name: 'unknown key in a model entry', text: BASE({ entry: ', temperature: 0.2' }), owned: true },
  { name: 'unknown key in an alias entry', text: BASE({ agents: `defaults: { models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM", nickname: "g" } } },` }), owned: true },
  { name: 'wrong types: contextWindow, reasoning, input, mode', text: BASE({ models: 'mode: "append",' }).replace('reasoning: false', 'reasoning: "yes"').replace('contextWindow: 131072', 'contextWindow: "big"').replace('input: ["text"]', 'input: ["text", "pdf"]'), owned: true },
  { name: 'missing required name', text: BASE().replace(', name: "Claude Sonnet 4.6"', ''), owned: true },
  { name: 'legacy: bedrockDiscovery with all six fields', text: BASE({ models: 'bedrockDiscovery: { enabled: true, region: "us-west-2", providerFilter: ["anthropic"], refreshInterval: 600, defaultContextWindow: 64000, defaultMaxTokens: 2048 },' }), owned: true },
  { name: 'legacy: bedrockDiscovery and the plugin entry both', text: BASE({ models: 'bedrockDiscovery: { enabled: true },', root: 'plugins: { entries: { "amazon-bedrock": { config: { discovery: { enabled: false, region: "eu-west-1" } } } } },' }), owned: true },
  { name: 'legacy: alias map as the allowlist (not migrated)', text: BASE({ agents: `defaults: { model: "amazon-bedrock/zai.glm-4.7", models: { ${ALIAS_MAP} } },` }), owned: true },
  { name: 'legacy: alias map with a wildcard key', text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP}, "amazon-bedrock/*": {} } },` }), owned: true },
  { name: 'legacy: alias map with a key that is no policy ref', text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP}, "zai.glm-4.7": {} } },` }), owned: true },
  { name: 'modelPolicy.allow with invalid refs', text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP} }, modelPolicy: { allow: ["GLM", "amazon-bedrock/*", "not a ref", "*"] } },` }), owned: true },
  { name: 'agents.entries with its own alias map', text: BASE({ agents: `defaults: { model: "GLM", models: { ${ALIAS_MAP} }, modelPolicy: { allow: ["GLM"] } }, entries: { coder: { model: "amazon-bedrock/us.anthropic.claude-sonnet-4-6", models: { "amazon-bedrock/zai.glm-4.7": { alias: "G2" } } } },` }), owned: true },
  { name: 'agents.list with per-agent models', text: BASE({ agents: `defaults: { model: "GLM", models: { ${ALIAS_MAP} } }, list: [{ id: "coder", model: { primary: "amazon-bedrock/us.anthropic.claude-sonnet-4-6", fallbacks: ["GLM"] } }],` }), owned: true },
  // The extension's schema leaves an agent's other settings open: only OpenClaw's knows them all.
  { name: 'agents.list entry with an unknown key', text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP} } }, list: [{ id: "coder", model: "GLM", temperature: 0.1 }],` }), owned: false },
  { name: 'agents.list entry with a wrong model type', text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP} } }, list: [{ id: "main" }, { id: "coder", model: 42 }],` }), owned: true },
  { name: 'agents.list with an id OpenClaw cannot key', text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP} } }, list: [{ id: "Coder", model: "GLM" }],` }), owned: true },
  { name: 'agents.entries keys that are one agent id', text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP} } }, entries: { Coder: { model: "GLM" }, coder: {} },` }), owned: true },
  { name: 'two agents in agents.list, no owner (refused since 2026.8.1)', text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP} } }, list: [{ id: "main", model: "GLM" }, { id: "coder", model: "Sonnet" }],` }), owned: true },
  { name: 'two agents, one legacy default marker', text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP} } }, entries: { main: { default: true }, coder: { model: "Sonnet" } },` }), owned: true },
  { name: 'two agents, explicit ownership and a default marker', text: BASE({ agents: `ownership: "explicit", defaults: { models: { ${ALIAS_MAP} } }, entries: { main: { default: true }, coder: { default: true } },` }), owned: true },
  { name: 'explicit agent ownership without agents', text: BASE({ agents: 'ownership: "explicit", defaults: { model: "amazon-bedrock/zai.glm-4.7" },' }), owned: true },
  { name: 'agents.defaults.contextTokens and provider context budgets (moved on load)', text: BASE({ provider: 'contextWindow: 200000, contextTokens: 100000,', agents: 'defaults: { model: "amazon-bedrock/zai.glm-4.7", contextTokens: 50000 },' }), owned: true },
  { name: 'a provider context budget of the wrong type', text: BASE({ provider: 'contextWindow: "big",' }), owned: true },
  { name: '${VAR} unset in baseUrl and a model name (OpenClaw warns, accepts)', text: BASE().replace('bedrock-runtime.us-east-1', 'bedrock-runtime.${OC_ORACLE_REGION}').replace('"GLM 4.7"', '"${OC_ORACLE_NAME}"'), owned: true },
  { name: 'include: the providers from their own file', text: SPLIT_ROOT('"./models.json5"'), files: { 'models.json5': SPLIT_MODELS }, owned: true },
  { name: 'include: two files and sibling keys over them', text: SPLIT_ROOT('["./models.json5", "./more.json5"], mode: "merge"'), files: { 'models.json5': SPLIT_MODELS, 'more.json5': MORE_MODELS }, owned: true },
  { name: 'include: the agents section from a file in a subfolder', text: `{
  models: { $include: "./models.json5" },
  agents: { $include: "./parts/agents.json5" },
}
`, files: { 'models.json5': SPLIT_MODELS, 'parts/agents.json5': SPLIT_AGENTS }, owned: true },
  { name: 'include: an unknown key inside the included file', text: SPLIT_ROOT('"./models.json5"'), files: { 'models.json5': SPLIT_MODELS.replace('name: "GLM 4.7" }', 'name: "GLM 4.7", temperature: 0.2 }') }, owned: true },
  { name: 'include: a missing file', text: SPLIT_ROOT('"./nope.json5"'), owned: true },
  { name: 'include: a file that does not parse', text: SPLIT_ROOT('"./models.json5"'), files: { 'models.json5': SPLIT_MODELS.replace('name: "GLM 4.7" }', 'name: "GLM 4.7" ') }, owned: true },
  { name: 'include: a cycle', text: SPLIT_ROOT('"./models.json5"'), files: { 'models.json5': '{ $include: "./openclaw.json" }' }, owned: true },
  { name: 'include: a path out of the folder', text: SPLIT_ROOT('"../models.json5"'), owned: true },
  { name: 'include: not a string', text: SPLIT_ROOT('42'), owned: true },
  { name: 'unknown models (OpenClaw accepts; they fail at run time)', text: BASE({ agents: 'defaults: { model: { primary: "amazon-bedrock/nonexistent", fallbacks: ["nosuchprovider/x"] } },' }), owned: true },
  { name: 'a model that needs an inference profile, and one that takes images', text: BASE().replace('us.anthropic.claude-sonnet-4-6', 'anthropic.claude-opus-4-6-v1'), owned: true },
];
