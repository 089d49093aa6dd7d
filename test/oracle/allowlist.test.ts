import * as assert from 'assert';
import { execFile } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { URI } from 'vscode-uri';
import { createLanguageService, LanguageService, Severity, WorkspaceEdit } from '../../server/src/service/languageService';
import { parseJson5 } from '../../server/src/service/parser/json5Parser';
import { SchemaBundle } from '../../server/src/schemaBundle';
import { applyEdits, memoryFiles, REPO_ROOT, toValue } from '../helpers';
import { CACHE_DIR } from '../toolCache';
import { CORPUS, OracleCase } from './corpus';
import { ensureOpenClaw, ORACLE_VERSION } from './openclawInstall';
import { publishTable } from './verdicts';

/*
 * Alias fixes must not change what /model may select. For every configuration of the corpus (and a few
 * shapes of alias map and allowlist of our own) that OpenClaw accepts and that has a model without an
 * alias: each alias quick fix and "fix all" is applied as the editor would, and the real OpenClaw's
 * `models status --json` must list the same "allowed" models after as before (for the defaults and for
 * each agent), and `config validate` must accept the result. A fix whose title says it lets /model
 * select a model (where nothing can keep the map to aliases) may add that model, and nothing else.
 * The table goes to the test output and to test-output/oracle/allowlist.md.
 */

type Configuration = Map<string, string>;
const FOLDER = '/oracle';
const PARALLEL_RUNS = 2;
const RUN_TIMEOUT_MS = 120_000;
const COMPILE_CACHE = join(CACHE_DIR, `node-compile-cache-openclaw-${ORACLE_VERSION}`);
const log = (line: string) => console.log(`      ${line}`);

const BEDROCK = (models: string) =>
  `"amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", api: "bedrock-converse-stream", models: [ ${models} ] }`;
const TWO_MODELS = BEDROCK('{ id: "zai.glm-4.7", name: "GLM 4.7" }, { id: "us.anthropic.claude-sonnet-4-6", name: "Claude Sonnet 4.6" }');
const OWN = (agents: string, root = '', providers = TWO_MODELS) => `{
  ${root}
  models: { providers: { ${providers} } },
  agents: { ${agents} },
}
`;

/** Shapes of alias map and allowlist the corpus may lack. */
const OWN_CASES: OracleCase[] = [
  {
    name: 'own: no alias map, a Bedrock primary and an openai fallback',
    text: OWN('defaults: { model: { primary: "amazon-bedrock/zai.glm-4.7", fallbacks: ["openai/gpt-5"] } },'),
  },
  { name: 'own: an empty alias map', text: OWN('defaults: { model: "amazon-bedrock/zai.glm-4.7", models: {} },') },
  {
    name: "own: an alias map of another provider's models only (the allowlist, not migrated)",
    text: OWN(
      'defaults: { model: "amazon-bedrock/zai.glm-4.7", models: { "openai/gpt-5": { alias: "GPT" }, "anthropic/claude-opus-4-6": {} } },',
    ),
  },
  {
    name: 'own: an alias map with the migration marker',
    text: OWN('defaults: { models: { "openai/gpt-5": { alias: "GPT" } } },', 'meta: { migrations: { modelPolicyAllowlist: true } },'),
  },
  {
    name: 'own: the marker set to false',
    text: OWN('defaults: { model: "amazon-bedrock/zai.glm-4.7" },', 'meta: { migrations: { modelPolicyAllowlist: false } },'),
  },
  {
    name: 'own: modelPolicy.allow listing one model',
    text: OWN('defaults: { models: { "openai/gpt-5": { alias: "GPT" } }, modelPolicy: { allow: ["amazon-bedrock/zai.glm-4.7", "GPT"] } },'),
  },
  { name: 'own: a modelPolicy object without allow', text: OWN('defaults: { modelPolicy: {} },') },
  {
    name: 'own: per-agent alias maps, none in the defaults',
    text: OWN(
      'defaults: { model: "amazon-bedrock/zai.glm-4.7" }, entries: { coder: { model: "amazon-bedrock/us.anthropic.claude-sonnet-4-6", ' +
        'models: { "amazon-bedrock/us.anthropic.claude-sonnet-4-6": { alias: "Sonnet" } } } },',
    ),
  },
  {
    name: 'own: a per-agent policy and an alias map that is the allowlist',
    text: OWN(
      'defaults: { models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" } } }, entries: { coder: { model: "amazon-bedrock/zai.glm-4.7", modelPolicy: { allow: ["amazon-bedrock/*"] } } },',
    ),
  },
  {
    name: 'own: an alias map with a key doctor cannot migrate (stays the allowlist)',
    text: OWN('defaults: { model: "amazon-bedrock/zai.glm-4.7", models: { "gpt-5": { alias: "GPT" } } },'),
  },
  {
    name: 'own: a provider listing a model id twice',
    text: OWN(
      'defaults: { model: "amazon-bedrock/zai.glm-4.7" },',
      '',
      BEDROCK('{ id: "zai.glm-4.7", name: "GLM 4.7" }, { id: "zai.glm-4.7", name: "GLM again" }'),
    ),
  },
];

interface Fix {
  title: string;
  files: Configuration;
  /** Models the title says /model may then select (a map that stays the allowlist); none: nothing may change. */
  mayAllow: string[];
}

interface Measured {
  /** `allowed` per scope (the defaults, then each agent), before; or why OpenClaw could not tell. */
  before: Map<string, string[]> | string;
  fixes: { fix: Fix; after: Map<string, string[]> | string; valid: boolean; issues: string }[];
}

interface Case {
  entry: OracleCase;
  files: Configuration;
  /** '' for the defaults, then each agent id. */
  scopes: string[];
  fixes: Fix[];
}

const uriOf = (path: string) => URI.file(`${FOLDER}/${path}`).toString();

function configurationOf(entry: OracleCase): Configuration {
  return new Map([['openclaw.json', entry.text], ...Object.entries(entry.files ?? {})]);
}

const bundle = SchemaBundle.beside(join(REPO_ROOT, 'server', 'src'))!;

/** The language service as without OpenClaw installed: the bundled schema of the oracle's release. */
function serviceFor(files: Configuration): LanguageService {
  const memory = memoryFiles(Object.fromEntries([...files].map(([path, text]) => [`${FOLDER}/${path}`, text])));
  return createLanguageService({ files: memory.source, schemas: bundle, settings: { openclawVersion: ORACLE_VERSION } });
}

function documentIn(files: Configuration, path: string) {
  return memoryFiles({ [`${FOLDER}/${path}`]: files.get(path)! }).document(`${FOLDER}/${path}`);
}

function applied(files: Configuration, edit: WorkspaceEdit): Configuration {
  const result = new Map(files);
  for (const [path, text] of files) {
    const edits = edit.changes[uriOf(path)];
    if (edits) result.set(path, applyEdits(text, edits));
  }
  return result;
}

/** The case as this tier measures it, or undefined when we find an error (OpenClaw refuses it) or no missing alias. */
function caseOf(entry: OracleCase): Case | undefined {
  const files = configurationOf(entry);
  const service = serviceFor(files);
  const actions: { title: string; edit: WorkspaceEdit }[] = [];
  for (const path of files.keys()) {
    const document = documentIn(files, path);
    const diagnostics = service.getDiagnostics(document);
    if (diagnostics.some((diagnostic) => diagnostic.severity === Severity.Error)) return undefined;
    for (const diagnostic of diagnostics.filter((d) => d.code === 'no-alias')) {
      actions.push(
        ...service
          .getCodeActions(document, { range: diagnostic.range, diagnostics: [diagnostic], only: ['quickfix'] })
          .filter((a) => a.title.startsWith('Add alias')),
      );
    }
  }
  if (actions.length === 0) return undefined;
  const root = documentIn(files, 'openclaw.json');
  const whole = { start: { line: 0, character: 0 }, end: root.positionAt(files.get('openclaw.json')!.length) };
  actions.push(...service.getCodeActions(root, { range: whole, only: ['source.fixAll'] }));
  // The model of each one-model fix: "Add alias 'X' for provider/model", then what it does to /model.
  const refOf = (title: string) => / for (\S+)(?: \(|$)/.exec(title)?.[1];
  const missing = actions.flatMap((action) => (action.title.startsWith('Add alias ') ? (refOf(action.title) ?? []) : []));
  const fixes = new Map<string, Fix>();
  for (const { title, edit } of actions) {
    const fixed = applied(files, edit);
    const key = JSON.stringify([...fixed]);
    const mayAllow = !/lets \/model select/.test(title) ? [] : title.startsWith('Add alias ') ? [refOf(title)!] : missing;
    if (!fixes.has(key)) fixes.set(key, { title, files: fixed, mayAllow });
  }
  return { entry, files, scopes: ['', ...agentsOf(files.get('openclaw.json')!)], fixes: [...fixes.values()] };
}

/** The agent ids the root file names (agents.entries keys, agents.list ids). */
function agentsOf(text: string): string[] {
  const agents = (toValue(parseJson5(text).root) as { agents?: { entries?: object; list?: { id?: unknown }[] } } | undefined)?.agents;
  if (agents?.entries && typeof agents.entries === 'object') return Object.keys(agents.entries);
  return Array.isArray(agents?.list) ? agents.list.flatMap((agent) => (typeof agent?.id === 'string' ? [agent.id] : [])) : [];
}

/** Runs the real OpenClaw on scratch copies of a configuration (the root file first, the files it includes beside it). */
function runOpenClaw(command: string, files: Configuration, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), 'openclaw-allowlist-'));
  const folder = join(home, 'config');
  for (const [path, text] of files) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  // Nothing of the machine's: no AWS credentials or profiles, its own state folder. Node's compile cache
  // (which openclaw turns on) goes to the test cache, not the scratch folder: kept, it makes each of the
  // hundreds of runs start about a third faster.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(AWS_|OPENCLAW_|NODE_DISABLE_COMPILE_CACHE$)/.test(name)),
  );
  const env = {
    ...inherited,
    HOME: home,
    OPENCLAW_STATE_DIR: join(home, '.openclaw'),
    OPENCLAW_CONFIG_PATH: join(folder, 'openclaw.json'),
    NODE_COMPILE_CACHE: COMPILE_CACHE,
  };
  return new Promise((resolve) => {
    execFile(command, args, { env, cwd: home, timeout: RUN_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      rmSync(home, { recursive: true, force: true });
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** At most `parallel` jobs at a time. */
function limiter(parallel: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (job) => {
    while (running >= parallel) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

const CASES = [...CORPUS, ...OWN_CASES].flatMap((entry) => caseOf(entry) ?? []);

describe(`Alias fixes keep what /model may select (openclaw ${ORACLE_VERSION} models status --json)`, function () {
  this.timeout(30 * 60_000);
  const measured = new Map<Case, Measured>();

  before(async () => {
    const command = ensureOpenClaw(log);
    const limit = limiter(PARALLEL_RUNS);
    const started = Date.now();
    let runs = 0;
    const allowed = async (files: Configuration, scope: string): Promise<string[]> => {
      const result = await limit(() => runOpenClaw(command, files, ['models', 'status', '--json', ...(scope ? ['--agent', scope] : [])]));
      runs++;
      if (result.code !== 0)
        throw new Error(`models status ${scope ? `--agent ${scope} ` : ''}exited with ${result.code}: ${result.stderr.slice(0, 2000)}`);
      return (JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as { allowed: string[] }).allowed;
    };
    const validate = async (files: Configuration) => {
      const result = await limit(() => runOpenClaw(command, files, ['config', 'validate', '--json']));
      runs++;
      try {
        const answer = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as {
          valid?: boolean;
          issues?: { path: string; message: string }[];
        };
        return { valid: answer.valid === true, issues: (answer.issues ?? []).map((issue) => `${issue.path}: ${issue.message}`).join('; ') };
      } catch {
        return { valid: false, issues: `no answer (exit ${result.code}): ${result.stderr.slice(0, 2000)}` };
      }
    };
    /** `allowed` for each scope, or what went wrong. */
    const scoped = async (files: Configuration, scopes: string[]): Promise<Map<string, string[]> | string> => {
      try {
        return new Map(await Promise.all(scopes.map(async (scope) => [scope, await allowed(files, scope)] as const)));
      } catch (error) {
        return String(error);
      }
    };
    await Promise.all(
      CASES.map(async (entry) => {
        const before = await scoped(entry.files, entry.scopes);
        // A configuration OpenClaw cannot read says nothing of the fixes: its case fails on that alone.
        const fixes =
          typeof before === 'string'
            ? []
            : await Promise.all(
                entry.fixes.map(async (fix) => {
                  const [after, verdict] = await Promise.all([scoped(fix.files, entry.scopes), validate(fix.files)]);
                  return { fix, after, ...verdict };
                }),
              );
        measured.set(entry, { before, fixes });
      }),
    );
    log(`${CASES.length} configurations, ${runs} runs of openclaw in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  after(() => {
    if (measured.size === 0) return;
    publishTable('allowlist.md', allowlistTable(measured));
  });

  for (const entry of CASES) {
    it(`${entry.entry.name}: each alias fix keeps "allowed" and validates`, () => {
      const { before: allowedBefore, fixes } = measured.get(entry)!;
      if (typeof allowedBefore === 'string')
        throw new assert.AssertionError({ message: `OpenClaw could not tell what /model may select before any fix: ${allowedBefore}` });
      for (const { fix, after, valid, issues } of fixes) {
        const shown = [...fix.files].map(([path, text]) => `--- ${path}\n${text}`).join('\n');
        assert.ok(valid, `after "${fix.title}" OpenClaw refuses the configuration: ${issues}\n${shown}`);
        if (typeof after === 'string') throw new assert.AssertionError({ message: `after "${fix.title}": ${after}\n${shown}` });
        for (const scope of allowedBefore.keys()) {
          // Typed: deepStrictEqual narrows what it is given, which TypeScript cannot follow round a loop.
          const before: string[] = allowedBefore.get(scope)!;
          const now: string[] = after.get(scope)!;
          const where: string = scope ? `agent ${scope}` : 'the defaults';
          if (fix.mayAllow.length === 0) {
            assert.deepStrictEqual(now, before, `"${fix.title}" changed what /model may select for ${where}\n${shown}`);
          } else {
            const expected = [...new Set([...before, ...fix.mayAllow])].sort();
            assert.ok(
              before.every((ref) => now.includes(ref)) && now.every((ref) => expected.includes(ref)),
              `"${fix.title}" for ${where}: ${JSON.stringify(now)}, expected within ${JSON.stringify(expected)}`,
            );
          }
        }
      }
    });
  }

  it('the cases exercise each way a fix keeps the allowlist: the marker, the migration, and a map that only names aliases', () => {
    const titles = [...measured.values()].flatMap((result) => result.fixes.map(({ fix }) => fix.title));
    assert.ok(
      titles.some((title) => title.includes('(marking the map as aliases only')),
      'a fix sets the marker',
    );
    assert.ok(
      titles.some((title) => title.includes('(moving the /model allowlist to agents.defaults.modelPolicy.allow first)')),
      'a fix migrates first',
    );
    assert.ok(
      titles.some((title) => title.startsWith('Add alias ') && !title.includes('(')),
      'a fix adds an alias alone',
    );
    assert.ok(
      [...measured.values()].some((result) => typeof result.before !== 'string' && result.before.get('')!.length > 0),
      'some configuration restricts /model',
    );
    assert.ok(
      [...measured.keys()].some((entry) => entry.scopes.length > 1),
      'some configuration has agents',
    );
  });
});

function allowlistTable(measured: Map<Case, Measured>): string {
  const list = (refs: string[]) => (refs.length === 0 ? 'any (`[]`)' : refs.map((ref) => `\`${ref}\``).join(', '));
  const same = (after: Map<string, string[]> | string, before: Map<string, string[]>) =>
    typeof after !== 'string' && [...before].every(([scope, refs]) => JSON.stringify(after.get(scope)) === JSON.stringify(refs));
  const rows = [...measured].map(([entry, { before, fixes }]) => {
    const scopes = entry.scopes.map((scope) => scope || 'defaults').join(', ');
    const cells =
      typeof before === 'string'
        ? [entry.entry.name, scopes, '**OpenClaw could not tell**', '—', '—']
        : [
            entry.entry.name,
            scopes,
            list(before.get('')!),
            `${fixes.filter(({ after }) => same(after, before)).length}/${fixes.length}`,
            `${fixes.filter((fix) => fix.valid).length}/${fixes.length}`,
          ];
    return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  });
  const count = [...measured.values()].reduce((sum, result) => sum + result.fixes.length, 0);
  return [
    `## Alias fixes and the /model allowlist: openclaw ${ORACLE_VERSION} \`models status --json\` "allowed"`,
    '',
    '| case | scopes | allowed before (defaults) | fixes keeping "allowed" | fixes OpenClaw accepts |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `${count} fixes on ${measured.size} configurations. A fix whose title says it lets /model select a model (where nothing keeps the map to aliases) may add that model.`,
  ].join('\n');
}
