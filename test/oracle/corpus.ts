import { readFileSync } from 'fs';
import { join } from 'path';
import { parseJson5 } from '../../server/src/service/parser/json5Parser';
import { toValue } from '../helpers';

/*
 * Configurations the real OpenClaw judges against us: the reference and the sample, JSON5 variants,
 * broken files, wrong keys and types, each legacy form; then whole files beyond the models (gateway,
 * channels, tools, session, hooks), numbers OpenClaw refuses, retired keys, and files written by older
 * releases, all checked as the release the oracle runs.
 */

export interface OracleCase {
  name: string;
  /** openclaw.json */
  text: string;
  /** Files beside it, by relative path, for `$include`. */
  files?: Record<string, string>;
}

const REPO = join(__dirname, '..', '..');
const sample = readFileSync(join(REPO, 'samples', 'openclaw.json'), 'utf8');
/** The two blocks of shared/reference/bedrock-models-for-openclaw.md, merged into one file. */
const reference = readFileSync(join(REPO, 'test', 'fixtures', 'reference.json'), 'utf8');
/** A whole gateway's file, in the style of OpenClaw's docs: three providers, two agents, channels, session, tools, hooks. */
const team = readFileSync(join(REPO, 'test', 'fixtures', 'team-gateway.json5'), 'utf8');

/** `text` with the first `from` replaced: a case whose edit misses its mark would test nothing, so that throws. */
function changed(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`The corpus edit misses its mark: ${JSON.stringify(from)}`);
  return text.replace(from, () => to);
}

const SECTION = (name: string) => new RegExp(`\\n  ${name}: (\\{[\\s\\S]*?\\n  \\}),\\n`);
/** A root section of the team file, as the text of a file of its own. */
function sectionOf(text: string, name: string): string {
  const match = SECTION(name).exec(text);
  if (!match) throw new Error(`No section ${name}`);
  return `${match[1]!.replace(/\n {2}/g, '\n')}\n`;
}
/** The file with these root sections replaced by an $include of ./<name>.json5 each. */
function includeSections(text: string, names: string[]): string {
  return names.reduce((result, name) => {
    if (!SECTION(name).test(result)) throw new Error(`No section ${name}`);
    return result.replace(SECTION(name), `\n  ${name}: { $include: "./${name}.json5" },\n`);
  }, text);
}

/** The team file with keys added at the root, as its first entries. */
const teamWith = (root: string) => changed(team, '{\n  $schema:', `{\n  ${root}\n  $schema:`);
/** The team file with one of its Bedrock models' fields replaced. */
const teamModel = (from: string, to: string) => changed(team, from, to);

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
  { name: 'reference (as shipped, with bedrockDiscovery)', text: reference },
  { name: 'sample (reference + models without aliases)', text: sample },
  { name: 'reference without bedrockDiscovery', text: reference.replace(/,\n\s*"bedrockDiscovery": \{\s*"enabled": true\s*\}/, '') },
  {
    name: 'reference after openclaw 2026.9.6 rewrote it (migrated allowlist)',
    text: reference
      .replace(/,\n\s*"bedrockDiscovery": \{\s*"enabled": true\s*\}/, '')
      .replace(
        '"models": {\n        "amazon-bedrock/qwen',
        '"modelPolicy": { "allow": ["amazon-bedrock/qwen.qwen3-coder-next"] },\n      "models": {\n        "amazon-bedrock/qwen',
      )
      .replace(/\n}\n$/, ',\n  "meta": { "migrations": { "modelPolicyAllowlist": true } }\n}\n'),
  },
  {
    name: 'JSON5: comments, unquoted keys, single quotes, trailing commas, .5 and hex',
    text: `// JSON5\n${BASE({ models: "mode: 'merge', /* block */" }).replace('cacheRead: 0', 'cacheRead: .0').replace('maxTokens: 8192', 'maxTokens: 0x2000')}`,
  },
  { name: 'minimal: {}', text: '{}\n' },
  { name: 'syntax: missing comma', text: BASE().replace('name: "GLM 4.7", reasoning', 'name: "GLM 4.7" reasoning') },
  { name: 'syntax: unterminated string', text: BASE().replace('"GLM 4.7"', '"GLM 4.7') },
  { name: 'syntax: unquoted value', text: BASE({ models: 'mode: merge,' }) },
  { name: 'syntax: cut short', text: BASE().slice(0, 200) },
  { name: 'syntax: empty file', text: '' },
  { name: 'root: null', text: 'null\n' },
  { name: 'root: an array', text: '[]\n' },
  { name: 'unknown key at the root', text: BASE({ root: 'gatewayy: { port: 1 },' }) },
  { name: 'unknown key in a provider', text: BASE({ provider: 'regionn: "us-east-1",' }) },
  { name: 'unknown key in a model entry', text: BASE({ entry: ', temperature: 0.2' }) },
  {
    name: 'unknown key in an alias entry',
    text: BASE({ agents: `defaults: { models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM", nickname: "g" } } },` }),
  },
  {
    name: 'wrong types: contextWindow, reasoning, input, mode',
    text: BASE({ models: 'mode: "append",' })
      .replace('reasoning: false', 'reasoning: "yes"')
      .replace('contextWindow: 131072', 'contextWindow: "big"')
      .replace('input: ["text"]', 'input: ["text", "pdf"]'),
  },
  { name: 'missing required name', text: BASE().replace(', name: "Claude Sonnet 4.6"', '') },
  {
    name: 'legacy: bedrockDiscovery with all six fields',
    text: BASE({
      models:
        'bedrockDiscovery: { enabled: true, region: "us-west-2", providerFilter: ["anthropic"], refreshInterval: 600, defaultContextWindow: 64000, defaultMaxTokens: 2048 },',
    }),
  },
  {
    name: 'legacy: bedrockDiscovery and the plugin entry both',
    text: BASE({
      models: 'bedrockDiscovery: { enabled: true },',
      root: 'plugins: { entries: { "amazon-bedrock": { config: { discovery: { enabled: false, region: "eu-west-1" } } } } },',
    }),
  },
  {
    name: 'legacy: alias map as the allowlist (not migrated)',
    text: BASE({ agents: `defaults: { model: "amazon-bedrock/zai.glm-4.7", models: { ${ALIAS_MAP} } },` }),
  },
  {
    name: 'legacy: alias map with a wildcard key',
    text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP}, "amazon-bedrock/*": {} } },` }),
  },
  {
    name: 'legacy: alias map with a key that is no policy ref',
    text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP}, "zai.glm-4.7": {} } },` }),
  },
  {
    name: 'modelPolicy.allow with invalid refs',
    text: BASE({
      agents: `defaults: { models: { ${ALIAS_MAP} }, modelPolicy: { allow: ["GLM", "amazon-bedrock/*", "not a ref", "*"] } },`,
    }),
  },
  {
    name: 'agents.entries with its own alias map',
    text: BASE({
      agents: `defaults: { model: "GLM", models: { ${ALIAS_MAP} }, modelPolicy: { allow: ["GLM"] } }, entries: { coder: { model: "amazon-bedrock/us.anthropic.claude-sonnet-4-6", models: { "amazon-bedrock/zai.glm-4.7": { alias: "G2" } } } },`,
    }),
  },
  {
    name: 'agents.list with per-agent models',
    text: BASE({
      agents: `defaults: { model: "GLM", models: { ${ALIAS_MAP} } }, list: [{ id: "coder", model: { primary: "amazon-bedrock/us.anthropic.claude-sonnet-4-6", fallbacks: ["GLM"] } }],`,
    }),
  },
  {
    name: 'agents.list entry with an unknown key',
    text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP} } }, list: [{ id: "coder", model: "GLM", temperature: 0.1 }],` }),
  },
  {
    name: 'agents.list entry with a wrong model type',
    text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP} } }, list: [{ id: "main" }, { id: "coder", model: 42 }],` }),
  },
  {
    name: 'agents.list with an id OpenClaw cannot key',
    text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP} } }, list: [{ id: "Coder", model: "GLM" }],` }),
  },
  {
    name: 'agents.entries keys that are one agent id',
    text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP} } }, entries: { Coder: { model: "GLM" }, coder: {} },` }),
  },
  {
    name: 'two agents in agents.list, no owner (refused since 2026.8.1)',
    text: BASE({
      agents: `defaults: { models: { ${ALIAS_MAP} } }, list: [{ id: "main", model: "GLM" }, { id: "coder", model: "Sonnet" }],`,
    }),
  },
  {
    name: 'two agents, one legacy default marker',
    text: BASE({ agents: `defaults: { models: { ${ALIAS_MAP} } }, entries: { main: { default: true }, coder: { model: "Sonnet" } },` }),
  },
  {
    name: 'two agents, explicit ownership and a default marker',
    text: BASE({
      agents: `ownership: "explicit", defaults: { models: { ${ALIAS_MAP} } }, entries: { main: { default: true }, coder: { default: true } },`,
    }),
  },
  {
    name: 'explicit agent ownership without agents',
    text: BASE({ agents: 'ownership: "explicit", defaults: { model: "amazon-bedrock/zai.glm-4.7" },' }),
  },
  {
    name: 'agents.defaults.contextTokens and provider context budgets (moved on load)',
    text: BASE({
      provider: 'contextWindow: 200000, contextTokens: 100000,',
      agents: 'defaults: { model: "amazon-bedrock/zai.glm-4.7", contextTokens: 50000 },',
    }),
  },
  { name: 'a provider context budget of the wrong type', text: BASE({ provider: 'contextWindow: "big",' }) },
  {
    name: '${VAR} unset in baseUrl and a model name (OpenClaw warns, accepts)',
    text: BASE().replace('bedrock-runtime.us-east-1', 'bedrock-runtime.${OC_ORACLE_REGION}').replace('"GLM 4.7"', '"${OC_ORACLE_NAME}"'),
  },
  { name: 'include: the providers from their own file', text: SPLIT_ROOT('"./models.json5"'), files: { 'models.json5': SPLIT_MODELS } },
  {
    name: 'include: two files and sibling keys over them',
    text: SPLIT_ROOT('["./models.json5", "./more.json5"], mode: "merge"'),
    files: { 'models.json5': SPLIT_MODELS, 'more.json5': MORE_MODELS },
  },
  {
    name: 'include: the agents section from a file in a subfolder',
    text: `{
  models: { $include: "./models.json5" },
  agents: { $include: "./parts/agents.json5" },
}
`,
    files: { 'models.json5': SPLIT_MODELS, 'parts/agents.json5': SPLIT_AGENTS },
  },
  {
    name: 'include: an unknown key inside the included file',
    text: SPLIT_ROOT('"./models.json5"'),
    files: { 'models.json5': SPLIT_MODELS.replace('name: "GLM 4.7" }', 'name: "GLM 4.7", temperature: 0.2 }') },
  },
  { name: 'include: a missing file', text: SPLIT_ROOT('"./nope.json5"') },
  {
    name: 'include: a file that does not parse',
    text: SPLIT_ROOT('"./models.json5"'),
    files: { 'models.json5': SPLIT_MODELS.replace('name: "GLM 4.7" }', 'name: "GLM 4.7" ') },
  },
  { name: 'include: a cycle', text: SPLIT_ROOT('"./models.json5"'), files: { 'models.json5': '{ $include: "./openclaw.json" }' } },
  { name: 'include: a path out of the folder', text: SPLIT_ROOT('"../models.json5"') },
  { name: 'include: not a string', text: SPLIT_ROOT('42') },
  {
    name: 'unknown models (OpenClaw accepts; they fail at run time)',
    text: BASE({ agents: 'defaults: { model: { primary: "amazon-bedrock/nonexistent", fallbacks: ["nosuchprovider/x"] } },' }),
  },
  {
    name: 'a model that needs an inference profile, and one that takes images',
    text: BASE().replace('us.anthropic.claude-sonnet-4-6', 'anthropic.claude-opus-4-6-v1'),
  },

  // A whole file beyond the models: OpenClaw refuses any unknown key or wrong type anywhere.
  { name: 'team gateway: three providers, agents with their own models, channels, session, tools, hooks', text: team },
  { name: 'team gateway as OpenClaw writes it (strict JSON)', text: `${JSON.stringify(toValue(parseJson5(team).root), null, 2)}\n` },
  {
    name: 'team gateway split: channels and hooks in their own files, one with a wrong type',
    text: includeSections(team, ['channels', 'hooks']),
    files: {
      'channels.json5': sectionOf(team, 'channels'),
      'hooks.json5': changed(sectionOf(team, 'hooks'), 'timeoutSeconds: 300', 'timeoutSeconds: "300"'),
    },
  },
  { name: 'root: a misspelt section (agnets)', text: changed(team, '  agents: {\n    defaults', '  agnets: {\n    defaults') },
  {
    name: 'root: a misspelt section (gatway) and a misspelt $schema',
    text: changed(changed(team, '  gateway: {', '  gatway: {'), '$schema:', '$shema:'),
  },
  {
    name: 'retired: agent (the single-agent section of early releases)',
    text: teamWith('agent: { model: "amazon-bedrock/us.anthropic.claude-sonnet-4-6", workspace: "~/clawd" },'),
  },
  { name: 'retired: routing', text: teamWith('routing: { groupChat: { mentionPatterns: ["@clawd"] }, queue: { mode: "collect" } },') },
  { name: 'gateway.port as a string', text: changed(team, 'port: 18789', 'port: "18789"') },
  {
    name: 'gateway.port out of range, gateway.bind not a bind mode',
    text: changed(changed(team, 'port: 18789', 'port: 70000'), 'bind: "loopback"', 'bind: "0.0.0.0"'),
  },
  {
    name: 'gateway: a token that is a number, controlUi.enabled a string',
    text: changed(
      changed(team, 'token: "${OPENCLAW_GATEWAY_TOKEN}"', 'token: 123456'),
      'controlUi: { enabled: true',
      'controlUi: { enabled: "true"',
    ),
  },
  { name: 'gateway.port from an unset ${VAR}', text: changed(team, 'port: 18789', 'port: "${OC_ORACLE_GATEWAY_PORT}"') },
  { name: 'agents.defaults.timeoutSeconds as a string', text: changed(team, 'timeoutSeconds: 600', 'timeoutSeconds: "600"') },
  {
    name: "agents: maxConcurrent 0, an agent's thinkingDefault not a level",
    text: changed(changed(team, 'maxConcurrent: 3', 'maxConcurrent: 0'), 'thinkingDefault: "high"', 'thinkingDefault: "extreme"'),
  },
  {
    name: 'agents.entries: an unknown key in an agent',
    text: changed(team, 'skills: ["github"],', 'skills: ["github"],\n        temperature: 0.2,'),
  },
  {
    name: 'channels.telegram.allowFrom a string, not a list',
    text: changed(team, 'allowFrom: ["123456789"],\n      groups', 'allowFrom: "123456789",\n      groups'),
  },
  {
    name: 'channels.telegram.allowFrom with numbers',
    text: changed(team, 'allowFrom: ["123456789"],\n      groups', 'allowFrom: [123456789, 987654321],\n      groups'),
  },
  {
    name: 'channels.discord.dmPolicy not a policy',
    text: changed(team, 'token: "${DISCORD_BOT_TOKEN}",', 'token: "${DISCORD_BOT_TOKEN}",\n      dmPolicy: "everyone",'),
  },
  {
    name: 'channels without the keys that have defaults (dmPolicy, groupPolicy, slack mode...)',
    text: '{\n  channels: {\n    telegram: { botToken: "123:abc" },\n    whatsapp: {},\n    discord: { enabled: false },\n    slack: { botToken: "xoxb-1", appToken: "xapp-1" },\n    signal: { enabled: false },\n  },\n}\n',
  },
  {
    name: 'channels: a misspelt channel (telgram)',
    text: changed(team, '    telegram: {\n      enabled', '    telgram: {\n      enabled'),
  },
  {
    name: 'channels: one OpenClaw prints in its schema but refuses (qa-channel)',
    text: changed(team, '    slack: { enabled: false },', '    slack: { enabled: false },\n    "qa-channel": { enabled: false },'),
  },
  {
    name: 'channels: a channel plugin that is not installed, named in plugins.entries (OpenClaw warns)',
    text: changed(
      changed(
        team,
        '    slack: { enabled: false },',
        '    slack: { enabled: false },\n    bluebubbles: { enabled: true, serverUrl: "http://mac-mini.local:1234" },',
      ),
      '  plugins: {\n    entries: {',
      '  plugins: {\n    entries: {\n      bluebubbles: { enabled: true },',
    ),
  },
  {
    name: 'channels and plugin settings are checked after the rest: a wrong channel key waits for a wrong agents key',
    text: changed(
      changed(team, 'timeoutSeconds: 600', 'timeoutSeconds: "600"'),
      'dmPolicy: "allowlist",\n      allowFrom: ["123456789"],',
      'dmPolicy: "allowlist",\n      streamMode: "partial",\n      allowFrom: ["123456789"],',
    ),
  },
  {
    name: "a bundled plugin's settings with an unknown key, and a wrong channel key",
    text: changed(
      changed(
        team,
        '      "amazon-bedrock": { config:',
        '      "memory-core": { config: { dreaming: true } },\n      "amazon-bedrock": { config:',
      ),
      'dmPolicy: "allowlist",\n      allowFrom: ["123456789"],',
      'dmPolicy: "allowlist",\n      streamMode: "partial",\n      allowFrom: ["123456789"],',
    ),
  },
  {
    name: 'tools.exec.timeoutSeconds as a string, tools.allow a string',
    text: changed(
      changed(team, 'timeoutSeconds: 1800', 'timeoutSeconds: "1800"'),
      'allow: ["exec", "process", "read", "write", "edit", "apply_patch"]',
      'allow: "exec"',
    ),
  },
  { name: 'tools.exec: an unknown key', text: changed(team, 'cleanupMs: 1800000 }', 'cleanupMs: 1800000, shell: "/bin/zsh" }') },
  {
    name: 'session.reset: atHour 24, a mode that does not exist',
    text: changed(team, 'reset: { mode: "daily", atHour: 4,', 'reset: { mode: "weekly", atHour: 24,'),
  },
  {
    name: 'session.maintenance.maxEntries as a string, session.scope not a scope',
    text: changed(changed(team, 'maxEntries: 500', 'maxEntries: "500"'), 'scope: "per-sender"', 'scope: "per-user"'),
  },
  {
    name: 'hooks: enabled "yes", a mapping\'s timeoutSeconds a string, its action unknown',
    text: changed(
      changed(
        changed(team, '  hooks: {\n    enabled: true', '  hooks: {\n    enabled: "yes"'),
        'timeoutSeconds: 300',
        'timeoutSeconds: "300"',
      ),
      'action: "agent"',
      'action: "run"',
    ),
  },
  { name: 'hooks.mappings: a mapping without its match', text: changed(team, 'match: { path: "deploys" },', '') },
  { name: 'numbers: NaN in cost.input', text: teamModel('cost: { input: 3, output: 15', 'cost: { input: NaN, output: 15') },
  {
    name: 'numbers: Infinity in cost.output, +Infinity in cost.cacheRead',
    text: teamModel('output: 15, cacheRead: 0.3', 'output: Infinity, cacheRead: +Infinity'),
  },
  { name: 'numbers: -Infinity in contextWindow', text: teamModel('contextWindow: 200000', 'contextWindow: -Infinity') },
  { name: 'numbers: 1e400 in maxTokens (overflows to Infinity)', text: teamModel('maxTokens: 64000', 'maxTokens: 1e400') },
  {
    name: 'numbers: 1e400 and -1e400 in a strict JSON file',
    text: changed(
      changed(reference, '"contextWindow": 262144', '"contextWindow": 1e400'),
      '"cacheWrite": 0\n            },\n            "contextWindow": 131072',
      '"cacheWrite": -1e400\n            },\n            "contextWindow": 131072',
    ),
  },
  {
    name: 'numbers OpenClaw accepts: 1e300, a negative cost, a fractional contextWindow, 2^53+1, hex',
    text: teamModel(
      'cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },\n            contextWindow: 200000,\n            maxTokens: 64000',
      'cost: { input: -1, output: 1e300, cacheRead: 0x10, cacheWrite: .5 },\n            contextWindow: 200000.5,\n            maxTokens: 9007199254740993',
    ),
  },
  {
    name: 'numbers: NaN and Infinity where the schema takes anything (model params)',
    text: changed(team, 'params: { temperature: 0.2 }', 'params: { temperature: NaN, topP: Infinity }'),
  },
  {
    name: 'written by 2026.3.2 (meta.lastTouchedVersion), still with models.bedrockDiscovery',
    text: changed(
      reference,
      '"agents": {',
      '"meta": { "lastTouchedVersion": "2026.3.2", "lastTouchedAt": "2026-03-04T10:00:00.000Z" },\n  "agents": {',
    ),
  },
  {
    name: 'written by 2026.7.35: cli.banner and ui.assistant (gone since)',
    text: teamWith(
      'meta: { lastTouchedVersion: "2026.7.35" },\n  cli: { banner: { taglineMode: "off" } },\n  ui: { assistant: { name: "Clawd" } },',
    ),
  },
  {
    name: 'written by 2026.5.7: canvasHost (gone since)',
    text: teamWith('meta: { lastTouchedVersion: "2026.5.7" },\n  canvasHost: { enabled: true, port: 18793 },'),
  },
  {
    name: 'written by 2026.4.2: talk.voiceId and channels.telegram.streamMode',
    text: changed(
      teamWith('meta: { lastTouchedVersion: "2026.4.2" },\n  talk: { voiceId: "Rachel", apiKey: "${ELEVENLABS_API_KEY}" },'),
      'dmPolicy: "allowlist",\n      allowFrom: ["123456789"],',
      'dmPolicy: "allowlist",\n      streamMode: "partial",\n      allowFrom: ["123456789"],',
    ),
  },
  {
    name: 'written by 2026.7.35: agents.list and agents.defaults.contextTokens (moved when loaded)',
    text: teamWith('meta: { lastTouchedVersion: "2026.7.35" },')
      .replace(
        /\n {4}entries: \{[\s\S]*?\n {4}\},\n/,
        `
    list: [
      { id: "main", default: true, identity: { name: "Clawd", emoji: "🦞" } },
      { id: "coder", workspace: "~/.openclaw/workspace-coder", model: { primary: "Coder", fallbacks: ["Sonnet"] } },
    ],
`,
      )
      .replace('maxConcurrent: 3,', 'maxConcurrent: 3,\n      contextTokens: 120000,'),
  },
];
