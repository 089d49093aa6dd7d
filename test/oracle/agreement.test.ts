import * as assert from 'assert';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { URI } from 'vscode-uri';
import { CliVerdict, detectOpenClaw, OpenClawCli, openClawSchema, validateWithOpenClaw } from '../../server/src/openclawCli';
import { createLanguageService, Diagnostic, LanguageService, SchemaValidator, Severity, validatorPathOf, WorkspaceEdit } from '../../server/src/service/languageService';
import { applyEdits, memoryFiles, REPO_ROOT } from '../helpers';
import { CACHE_DIR } from '../toolCache';
import { CORPUS, OracleCase } from './corpus';
import { ensureOpenClaw, ORACLE_VERSION } from './openclawInstall';

/*
 * The real OpenClaw as oracle. For every configuration of the corpus: OpenClaw's verdict
 * (`openclaw config validate --json`) against our error-level diagnostics, with OpenClaw's schema
 * (as when it is installed) and with ours (as when it is not); then every quick fix, "fix all" and
 * "Add Bedrock Model" is applied and OpenClaw must accept what it wrote. A configuration may span
 * files ($include). The agreement table goes to the test output and to test-output/oracle/agreement.md.
 */

/** A configuration's files by path relative to its folder; openclaw.json first. */
type Configuration = Map<string, string>;
const FOLDER = '/oracle';
/** Models every case gets added, as "Add Bedrock Model" adds them: one on demand, one by inference profile. */
const ADDED_MODELS = ['amazon.nova-lite-v1:0', 'anthropic.claude-opus-4-6-v1'];

interface Verdict {
  valid: boolean;
  /** Sorted, unique: what OpenClaw prints, `<root>` for the file as a whole. */
  paths: string[];
}

interface Fix {
  title: string;
  /** The validator paths of the error diagnostics the fix is about (empty for warnings and hints). */
  fixes: string[];
  files: Configuration;
}

interface CaseResult {
  oracle: Verdict;
  installed: Verdict;
  owned: Verdict;
  fixes: { fix: Fix; oracle: Verdict; ours: Verdict }[];
}

const log = (line: string) => console.log(`      ${line}`);
const PARALLEL_VALIDATIONS = 2;

describe(`Agreement with openclaw ${ORACLE_VERSION} config validate`, function () {
  this.timeout(30 * 60_000);
  let cli: OpenClawCli;
  let installedSchema: SchemaValidator;
  const results = new Map<OracleCase, CaseResult>();

  before(async () => {
    const command = ensureOpenClaw(log);
    const detected = await detectOpenClaw(command);
    assert.strictEqual(detected?.version, ORACLE_VERSION, `${command} --version`);
    cli = detected;
    const started = Date.now();
    const schema = await openClawSchema(cli, join(CACHE_DIR, 'openclaw-schemas'));
    installedSchema = new SchemaValidator(schema, `OpenClaw ${ORACLE_VERSION} (installed)`);
    const withInstalledSchema = (files: Configuration) => serviceFor(files, installedSchema);
    const withOwnSchema = (files: Configuration) => serviceFor(files);
    log(`OpenClaw ${ORACLE_VERSION}'s schema read and compiled in ${Date.now() - started} ms`);

    // Every configuration OpenClaw has to judge (each case, and each case after each fix), judged once, two at a time.
    const pending = new Map<string, Promise<Verdict>>();
    const queue: (() => Promise<void>)[] = [];
    const judge = (files: Configuration): Promise<Verdict> => {
      const key = JSON.stringify([...files]);
      let verdict = pending.get(key);
      if (!verdict) {
        const layout = [...files].map(([path, text]) => ({ path, text }));
        verdict = new Promise<Verdict>((resolve, reject) => queue.push(() => validateWithOpenClaw(cli, layout).then((answer) => resolve(oracleVerdict(answer)), reject)));
        pending.set(key, verdict);
      }
      return verdict;
    };
    const work = CORPUS.map(async (entry) => {
      const files = configurationOf(entry);
      const fixes = fixesFor(withInstalledSchema(files), files);
      const [oracle, ...fixed] = await Promise.all([judge(files), ...fixes.map((fix) => judge(fix.files))]);
      results.set(entry, {
        oracle: oracle!,
        installed: ourVerdict(withInstalledSchema(files), files),
        owned: ourVerdict(withOwnSchema(files), files),
        fixes: fixes.map((fix, index) => ({ fix, oracle: fixed[index]!, ours: ourVerdict(withInstalledSchema(fix.files), fix.files) })),
      });
    });
    const timing = Date.now();
    await Promise.all(Array.from({ length: PARALLEL_VALIDATIONS }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await next();
    }));
    await Promise.all(work);
    log(`${pending.size} distinct configurations validated by OpenClaw in ${((Date.now() - timing) / 1000).toFixed(1)} s`);
  });

  after(() => {
    if (results.size === 0) return;
    const table = agreementTable(results);
    console.log(`\n${table}`);
    const folder = join(REPO_ROOT, 'test-output', 'oracle');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'agreement.md'), `${table}\n`);
  });

  for (const entry of CORPUS) {
    describe(entry.name, () => {
      it('with OpenClaw\'s schema: same verdict, same paths', () => {
        const result = results.get(entry)!;
        assert.deepStrictEqual(result.installed, result.oracle);
      });

      if (entry.owned) {
        it('with the extension\'s own schema: same verdict, same paths', () => {
          const result = results.get(entry)!;
          assert.deepStrictEqual(result.owned, result.oracle);
        });
      }

      it('every quick fix, "fix all" and "Add Bedrock Model" leaves what OpenClaw accepts, but for errors a fix is not about', () => {
        const result = results.get(entry)!;
        for (const { fix, oracle, ours } of result.fixes) {
          const allowed = result.oracle.paths.filter((path) => !fix.fixes.includes(path));
          const added = oracle.paths.filter((path) => !allowed.includes(path));
          const shown = [...fix.files].map(([path, text]) => `--- ${path}\n${text}`).join('\n');
          assert.deepStrictEqual(added, [], `"${fix.title}" left OpenClaw reporting ${added.join(', ')}:\n${shown}`);
          assert.deepStrictEqual(ours, oracle, `after "${fix.title}" the extension and OpenClaw disagree:\n${shown}`);
        }
      });
    });
  }

  it('the corpus exercises quick fixes and "fix all", and some of them clear errors', () => {
    const fixes = [...results.values()].flatMap((result) => result.fixes);
    assert.ok(fixes.some((entry) => entry.fix.title.startsWith('Fix all')), 'some case offers "fix all"');
    assert.ok(fixes.some((entry) => entry.fix.fixes.length > 0), 'some fix is about an error');
    assert.ok(fixes.some((entry) => entry.fix.title.startsWith('Add Bedrock Model') && entry.oracle.valid), 'some added model leaves a valid configuration');
    assert.ok(fixes.length >= 20, `${fixes.length} fixes`);
  });
});

function oracleVerdict(answer: CliVerdict): Verdict {
  return { valid: answer.valid, paths: sortedUnique(answer.issues.map((issue) => issue.path)) };
}

function configurationOf(entry: OracleCase): Configuration {
  return new Map([['openclaw.json', entry.text], ...Object.entries(entry.files ?? {})]);
}

const uriOf = (path: string) => URI.file(`${FOLDER}/${path}`).toString();

/** A language service over a configuration's files (in memory), with OpenClaw's schema or the extension's own. */
function serviceFor(files: Configuration, schema?: SchemaValidator): LanguageService {
  const memory = memoryFiles(Object.fromEntries([...files].map(([path, text]) => [`${FOLDER}/${path}`, text])));
  const service = createLanguageService({ files: memory.source, settings: schema ? { installedVersion: ORACLE_VERSION } : { openclawVersion: ORACLE_VERSION } });
  if (schema) service.setSchema(schema);
  return service;
}

/** Error diagnostics of every file of the configuration, as validator paths. */
function ourVerdict(service: LanguageService, files: Configuration): Verdict {
  const root = documentIn(files, 'openclaw.json');
  const errors = service.getConfigurationDiagnostics(root).flatMap((file) => file.diagnostics).filter((diagnostic) => diagnostic.severity === Severity.Error);
  return { valid: errors.length === 0, paths: sortedUnique(errors.map(validatorPathOf)) };
}

function documentIn(files: Configuration, path: string) {
  return memoryFiles({ [`${FOLDER}/${path}`]: files.get(path)! }).document(`${FOLDER}/${path}`);
}

/** The configuration after a workspace edit. */
function applied(files: Configuration, edit: WorkspaceEdit): Configuration {
  const result = new Map(files);
  for (const [path, text] of files) {
    const edits = edit.changes[uriOf(path)];
    if (edits) result.set(path, applyEdits(text, edits));
  }
  return result;
}

/**
 * Each quick fix of each diagnostic (in every file), "fix all", and adding two catalog models, as the
 * configuration each leaves; one entry per distinct result.
 */
function fixesFor(service: LanguageService, files: Configuration): Fix[] {
  const fixes = new Map<string, Fix>();
  const add = (title: string, about: Diagnostic[], edit: WorkspaceEdit) => {
    const fixed = applied(files, edit);
    const key = JSON.stringify([...fixed]);
    const errors = about.filter((diagnostic) => diagnostic.severity === Severity.Error).map(validatorPathOf);
    if (key !== JSON.stringify([...files]) && !fixes.has(key)) fixes.set(key, { title, fixes: errors, files: fixed });
  };
  for (const path of files.keys()) {
    const document = documentIn(files, path);
    const diagnostics = service.getDiagnostics(document);
    for (const diagnostic of diagnostics) {
      for (const action of service.getCodeActions(document, { range: diagnostic.range, diagnostics: [diagnostic], only: ['quickfix'] })) {
        add(action.title, action.diagnostics ?? [diagnostic], action.edit);
      }
    }
    if (path !== 'openclaw.json') continue;
    const whole = { start: { line: 0, character: 0 }, end: document.positionAt(files.get(path)!.length) };
    for (const action of service.getCodeActions(document, { range: whole, diagnostics, only: ['source.fixAll'] })) add(action.title, action.diagnostics ?? [], action.edit);
    for (const id of ADDED_MODELS) {
      const result = service.getAddModel(document, id);
      if (typeof result !== 'string') add(`Add Bedrock Model ${id}`, [], result.edit);
    }
  }
  return [...fixes.values()];
}

function sortedUnique(paths: string[]): string[] {
  return [...new Set(paths)].sort();
}

function agreementTable(results: Map<OracleCase, CaseResult>): string {
  const describe = (verdict: Verdict) => (verdict.valid ? 'valid' : `**invalid** ${verdict.paths.map((path) => `\`${path}\``).join(', ')}`);
  const agrees = (ours: Verdict, oracle: Verdict) => (JSON.stringify(ours) === JSON.stringify(oracle) ? 'agrees' : `**differs**: ${describe(ours)}`);
  const rows = [...results].map(([entry, result]) => {
    const accepted = result.fixes.filter(({ fix, oracle }) => oracle.paths.every((path) => result.oracle.paths.includes(path) && !fix.fixes.includes(path))).length;
    const cells = [
      entry.name,
      describe(result.oracle),
      agrees(result.installed, result.oracle),
      agrees(result.owned, result.oracle) + (entry.owned ? '' : ' (outside the sections it owns)'),
      result.fixes.length === 0 ? '—' : `${accepted}/${result.fixes.length}`,
    ];
    return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  });
  const count = (pick: (result: CaseResult, entry: OracleCase) => boolean) => [...results].filter(([entry, result]) => pick(result, entry)).length;
  const ownedCases = [...results.keys()].filter((entry) => entry.owned).length;
  const summary = [
    `With OpenClaw's schema: ${count((result) => JSON.stringify(result.installed) === JSON.stringify(result.oracle))}/${results.size} cases agree.`,
    `With the extension's own schema: ${count((result, entry) => entry.owned && JSON.stringify(result.owned) === JSON.stringify(result.oracle))}/${ownedCases} cases in the sections it owns agree.`,
    `Fixes OpenClaw accepts: ${[...results.values()].reduce((sum, result) => sum + result.fixes.filter(({ fix, oracle }) => oracle.paths.every((path) => result.oracle.paths.includes(path) && !fix.fixes.includes(path))).length, 0)}/${[...results.values()].reduce((sum, result) => sum + result.fixes.length, 0)} (a fix may leave errors it is not about).`,
  ];
  return [
    `## Agreement with openclaw ${ORACLE_VERSION} \`config validate --json\``,
    '',
    '| case | OpenClaw | extension, OpenClaw\'s schema | extension, own schema | fixes accepted |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    ...summary,
  ].join('\n');
}
