import { readFileSync } from 'fs';
import { join } from 'path';

/*
 * The documents the benchmark runs on: the reference configuration, and generated configurations of
 * 200 and 2,000 Bedrock models, each written in strict JSON and in JSON5 (unquoted keys, single
 * quotes, comments, trailing commas).
 */

export type Style = 'json' | 'json5';

export interface BenchDocument {
  /** Shown in the tables, e.g. "2,000 models (JSON5)". */
  name: string;
  uri: string;
  text: string;
  style: Style;
  /** Model entries in the document. */
  models: number;
  /** The same configuration in strict JSON: what JSON.parse and the JSON language service read. */
  jsonText: string;
  /** Where to ask for completion at a model reference, and at (and hover on) a model id. */
  referenceOffset: number;
  modelIdOffset: number;
}

const REPO_ROOT = join(__dirname, '..');
const PROVIDER = 'amazon-bedrock';

/** Real Bedrock ids among the generated ones, so the built-in catalog knows some of the models. */
const REAL_MODELS: { id: string; name: string }[] = [
  { id: 'anthropic.claude-opus-4-6-v1', name: 'Claude Opus 4.6' },
  { id: 'amazon.nova-pro-v1:0', name: 'Nova Pro' },
  { id: 'us.anthropic.claude-sonnet-4-6', name: 'Claude Sonnet 4.6' },
];

/** The model count of the large (about 1 MB) documents, which the targets are about. */
export const LARGE_MODEL_COUNT = 2000;

/** One model in this many has no alias entry, so "fix all" has aliases to add (5%). */
const UNALIASED_EVERY = 20;

export function benchDocuments(): BenchDocument[] {
  const reference = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'reference.json'), 'utf8');
  const documents = [
    documentOf('reference.json', 'file:///bench/reference/openclaw.json', reference, 'json', reference, modelIdsIn(reference).length),
  ];
  for (const count of [200, LARGE_MODEL_COUNT]) {
    const config = generatedConfig(count);
    const json = JSON.stringify(config, null, 2) + '\n';
    for (const style of ['json', 'json5'] as const) {
      const text = style === 'json' ? json : toJson5(config, modelComments(config)) + '\n';
      const name = `${count.toLocaleString('en-US')} models (${style === 'json' ? 'JSON' : 'JSON5'})`;
      documents.push(documentOf(name, `file:///bench/${count}-${style}/openclaw.json`, text, style, json, count));
    }
  }
  return documents;
}

function documentOf(name: string, uri: string, text: string, style: Style, jsonText: string, models: number): BenchDocument {
  return { name, uri, text, style, jsonText, models, referenceOffset: referenceOffsetIn(text), modelIdOffset: modelIdOffsetIn(text) };
}

interface ModelEntry {
  id: string;
  name: string;
  reasoning: boolean;
  input: string[];
  cost: { input: number; output: number; cacheRead: number; cacheWrite: number };
  contextWindow: number;
  maxTokens: number;
}

function generatedModel(index: number): ModelEntry {
  const real = REAL_MODELS[index];
  return {
    id: real?.id ?? `vendor.model-name-${index}-v1:0`,
    name: real?.name ?? `Vendor Model Name ${index} (generated for the benchmark)`,
    reasoning: index % 3 === 0,
    input: ['text'],
    cost: {
      input: round2(0.1 + (index % 50) * 0.07),
      output: round2(0.4 + (index % 50) * 0.29),
      cacheRead: round2((index % 7) * 0.01),
      cacheWrite: round2((index % 5) * 0.1),
    },
    contextWindow: [32768, 131072, 200000, 262144][index % 4]!,
    maxTokens: [4096, 8192, 16384, 32768][index % 4]!,
  };
}

function generatedConfig(count: number) {
  const models = Array.from({ length: count }, (_, index) => generatedModel(index));
  const ref = (model: ModelEntry) => `${PROVIDER}/${model.id}`;
  const aliases = Object.fromEntries(
    models.flatMap((model, index) => (index % UNALIASED_EVERY === UNALIASED_EVERY - 1 ? [] : [[ref(model), { alias: `Alias ${index}` }]])),
  );
  return {
    models: {
      mode: 'merge',
      providers: {
        [PROVIDER]: {
          baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com',
          api: 'bedrock-converse-stream',
          models,
        },
      },
    },
    agents: {
      defaults: {
        model: { primary: ref(models[0]!), fallbacks: [ref(models[1]!), ref(models[2]!)] },
        models: aliases,
      },
    },
  };
}

/** A `//` comment line above each model entry, as people annotate long lists. */
function modelComments(config: ReturnType<typeof generatedConfig>): Map<object, string> {
  const models = config.models.providers[PROVIDER].models;
  return new Map(models.map((model, index) => [model, `Model ${index + 1} of ${models.length}`]));
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** JSON5 as people write it: unquoted keys where possible, single quotes, comments, trailing commas. */
function toJson5(value: unknown, comments: Map<object, string>, indent = ''): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const inner = `${indent}  `;
  const item = (child: unknown) => {
    const comment = typeof child === 'object' && child !== null ? comments.get(child) : undefined;
    return (comment === undefined ? '' : `${inner}// ${comment}\n`) + inner;
  };
  if (Array.isArray(value)) {
    if (value.every((child) => typeof child !== 'object')) return `[${value.map((child) => toJson5(child, comments)).join(', ')}]`;
    return `[\n${value.map((child) => `${item(child)}${toJson5(child, comments, inner)},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const key = (name: string) => (IDENTIFIER.test(name) ? name : toJson5(name, comments));
  return `{\n${entries.map(([name, child]) => `${item(child)}${key(name)}: ${toJson5(child, comments, inner)},\n`).join('')}${indent}}`;
}

/** Cursor positions are this many characters into a string, as while typing in it. */
const INTO_STRING = 3;

/**
 * Inside the primary model reference (agents.defaults.model.primary); the reference configuration has
 * none, so there the first key of agents.defaults.models, which takes a model reference too.
 */
function referenceOffsetIn(text: string): number {
  const primary = /primary['"]?\s*:\s*['"]/.exec(text);
  if (primary) return primary.index + primary[0].length + INTO_STRING;
  const aliasKey = /['"]amazon-bedrock\//g;
  aliasKey.lastIndex = Math.max(0, text.search(/['"]?agents['"]?\s*:/));
  const found = aliasKey.exec(text);
  if (!found) throw new Error('No model reference in the document');
  return found.index + 1 + INTO_STRING;
}

/** Where each model id's value starts: just after `id: '` or `"id": "` (not a longer key ending in "id"). */
function modelIdsIn(text: string): RegExpExecArray[] {
  return [...text.matchAll(/(?<![\w-])['"]?id['"]?\s*:\s*['"]/g)];
}

/** Inside the id of the model entry halfway down the list, so lookups cannot stop early. */
function modelIdOffsetIn(text: string): number {
  const ids = modelIdsIn(text);
  const middle = ids[Math.floor(ids.length / 2)];
  if (!middle) throw new Error('No model id in the document');
  return middle.index + middle[0].length + INTO_STRING;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
