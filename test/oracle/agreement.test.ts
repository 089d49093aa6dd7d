import * as assert from 'assert';
import { execFile } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, dirname, join } from 'path';
import { URI } from 'vscode-uri';
import { detectOpenClaw, OpenClawCli, openClawSchema, validateWithOpenClaw } from '../../server/src/openclawCli';
import {
  Diagnostic,
  LanguageService,
  SchemaValidator,
  Severity,
  validatorPathOf,
  WorkspaceEdit,
} from '../../server/src/service/languageService';
import { applyEdits, REPO_ROOT } from '../helpers';
import { CACHE_DIR } from '../toolCache';
import { CORPUS, OracleCase } from './corpus';
import { ensureOpenClaw, ORACLE_VERSION } from './openclawInstall';
import {
  Configuration,
  configurationOf,
  documentIn,
  FOLDER,
  oracleVerdict,
  ourVerdict,
  publishTable,
  serviceWithBundledSchema,
  serviceWithInstalledSchema,
  Verdict,
} from './verdicts';

/*
 * The real OpenClaw as oracle. For every configuration of the corpus: OpenClaw's verdict
 * (`openclaw config validate --json`) against our error-level diagnostics, checked as the release the
 * oracle runs (ORACLE_VERSION) three ways: with OpenClaw's own schema (as when it is installed), with
 * the schema bundled with the extension (as when it is not), and by `openclaw-config check` run with
 * no openclaw on PATH; then every quick fix, "fix all" and "Add Bedrock Model" is applied and OpenClaw
 * must accept what it wrote. A configuration may span files ($include). The agreement table goes to
 * the test output and to test-output/oracle/agreement.md.
 */

/** Models every case gets added, as "Add Bedrock Model" adds them: one on demand, one by inference profile. */
const ADDED_MODELS = ['amazon.nova-lite-v1:0', 'anthropic.claude-opus-4-6-v1'];

/** What `openclaw-config check` printed for a configuration: its error lines, over all its files. */
interface CliCheck {
  valid: boolean;
  errors: number;
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
  bundled: Verdict;
  /** Error diagnostics with the bundled schema, counted as `openclaw-config check` should print them. */
  bundledErrors: number;
  cli: CliCheck;
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
    const withInstalledSchema = (files: Configuration) => serviceWithInstalledSchema(files, installedSchema);
    log(`OpenClaw ${ORACLE_VERSION}'s schema read and compiled in ${Date.now() - started} ms`);
    const cliChecks = checkWithoutOpenClaw(CORPUS.map(configurationOf));

    // Every configuration OpenClaw has to judge (each case, and each case after each fix), judged once, two at a time.
    const pending = new Map<string, Promise<Verdict>>();
    const queue: (() => Promise<void>)[] = [];
    const judge = (files: Configuration): Promise<Verdict> => {
      const key = JSON.stringify([...files]);
      let verdict = pending.get(key);
      if (!verdict) {
        const layout = [...files].map(([path, text]) => ({ path, text }));
        verdict = new Promise<Verdict>((resolve, reject) =>
          queue.push(() => validateWithOpenClaw(cli, layout).then((answer) => resolve(oracleVerdict(answer)), reject)),
        );
        pending.set(key, verdict);
      }
      return verdict;
    };
    const work = CORPUS.map(async (entry, index) => {
      const files = configurationOf(entry);
      const fixes = fixesFor(withInstalledSchema(files), files);
      const [oracle, ...fixed] = await Promise.all([judge(files), ...fixes.map((fix) => judge(fix.files))]);
      const bundled = serviceWithBundledSchema(files);
      results.set(entry, {
        oracle: oracle!,
        installed: ourVerdict(withInstalledSchema(files), files),
        bundled: ourVerdict(bundled, files),
        bundledErrors: errorsOf(bundled, files).length,
        cli: (await cliChecks)[index]!,
        fixes: fixes.map((fix, index) => ({ fix, oracle: fixed[index]!, ours: ourVerdict(withInstalledSchema(fix.files), fix.files) })),
      });
    });
    const timing = Date.now();
    await Promise.all(
      Array.from({ length: PARALLEL_VALIDATIONS }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await next();
      }),
    );
    await Promise.all(work);
    log(`${pending.size} distinct configurations validated by OpenClaw in ${((Date.now() - timing) / 1000).toFixed(1)} s`);
  });

  after(() => {
    if (results.size === 0) return;
    publishTable('agreement.md', agreementTable(results));
  });

  for (const entry of CORPUS) {
    describe(entry.name, () => {
      it("with OpenClaw's schema: same verdict, same paths", () => {
        const result = results.get(entry)!;
        assert.deepStrictEqual(result.installed, result.oracle);
      });

      it('without openclaw, with the schema bundled with the extension: same verdict, same paths', () => {
        const result = results.get(entry)!;
        assert.deepStrictEqual(result.bundled, result.oracle);
      });

      it('openclaw-config check with no openclaw on PATH: same verdict, every error of the bundled schema printed', () => {
        const result = results.get(entry)!;
        assert.strictEqual(result.cli.valid, result.oracle.valid);
        assert.strictEqual(result.cli.errors, result.bundledErrors);
      });

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
    assert.ok(
      fixes.some((entry) => entry.fix.title.startsWith('Fix all')),
      'some case offers "fix all"',
    );
    assert.ok(
      fixes.some((entry) => entry.fix.fixes.length > 0),
      'some fix is about an error',
    );
    assert.ok(
      fixes.some((entry) => entry.fix.title.startsWith('Add Bedrock Model') && entry.oracle.valid),
      'some added model leaves a valid configuration',
    );
    assert.ok(fixes.length >= 20, `${fixes.length} fixes`);
  });
});

/** Error diagnostics of every file of the configuration. */
function errorsOf(service: LanguageService, files: Configuration): Diagnostic[] {
  return service
    .getConfigurationDiagnostics(documentIn(files, 'openclaw.json'))
    .flatMap((file) => file.diagnostics)
    .filter((diagnostic) => diagnostic.severity === Severity.Error);
}

const uriOf = (path: string) => URI.file(`${FOLDER}/${path}`).toString();

/**
 * `openclaw-config check` (the built CLI) on every configuration at once, each in a folder of its
 * own, as ORACLE_VERSION (--openclaw-version: an explicit choice wins over the file's
 * meta.lastTouchedVersion), with no openclaw on PATH and none of the variables the cases leave unset.
 */
function checkWithoutOpenClaw(configurations: Configuration[]): Promise<CliCheck[]> {
  const root = mkdtempSync(join(tmpdir(), 'oracle-cli-'));
  const folders = configurations.map((files, index) => {
    const folder = String(index).padStart(3, '0');
    for (const [path, text] of files) {
      mkdirSync(dirname(join(root, folder, path)), { recursive: true });
      writeFileSync(join(root, folder, path), text);
    }
    return folder;
  });
  const cli = join(REPO_ROOT, 'server', 'out', 'cli.js');
  const args = [
    cli,
    'check',
    '--openclaw-version',
    ORACLE_VERSION,
    '--exit-zero',
    '--',
    ...folders.map((folder) => `${folder}/openclaw.json`),
  ];
  // PATH keeps node's folder only: no openclaw can be found there.
  const env = { HOME: root, PATH: [dirname(process.execPath)].join(delimiter) };
  return new Promise<CliCheck[]>((resolve, reject) => {
    execFile(process.execPath, args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      rmSync(root, { recursive: true, force: true });
      if (error) return reject(error);
      const errorLines = stdout.split('\n').filter((line) => /^\d{3}\/[^:]*:\d+:\d+ error /.test(line));
      resolve(
        folders.map((folder) => {
          const errors = errorLines.filter((line) => line.startsWith(`${folder}/`)).length;
          return { valid: errors === 0, errors };
        }),
      );
    });
  });
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
  const countAt = (paths: string[]) =>
    paths.reduce((counts, path) => counts.set(path, (counts.get(path) ?? 0) + 1), new Map<string, number>());
  const errorsAt = countAt(errorsOf(service, files).map(validatorPathOf));
  const add = (title: string, about: Diagnostic[], edit: WorkspaceEdit) => {
    const fixed = applied(files, edit);
    const key = JSON.stringify([...fixed]);
    // A path the fix is about: every error there is one of the fix's (OpenClaw reports two unknown keys of an object at the same path).
    const aboutAt = countAt(about.filter((diagnostic) => diagnostic.severity === Severity.Error).map(validatorPathOf));
    const errors = [...aboutAt].filter(([path, count]) => count >= (errorsAt.get(path) ?? 0)).map(([path]) => path);
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
    for (const action of service.getCodeActions(document, { range: whole, diagnostics, only: ['source.fixAll'] }))
      add(action.title, action.diagnostics ?? [], action.edit);
    for (const id of ADDED_MODELS) {
      const result = service.getAddModel(document, id);
      if (typeof result !== 'string') add(`Add Bedrock Model ${id}`, [], result.edit);
    }
  }
  return [...fixes.values()];
}

function agreementTable(results: Map<OracleCase, CaseResult>): string {
  const describe = (verdict: Verdict) => (verdict.valid ? 'valid' : `**invalid** ${verdict.paths.map((path) => `\`${path}\``).join(', ')}`);
  const same = (ours: Verdict, oracle: Verdict) => JSON.stringify(ours) === JSON.stringify(oracle);
  const agrees = (ours: Verdict, oracle: Verdict) => (same(ours, oracle) ? 'agrees' : `**differs**: ${describe(ours)}`);
  const cliAgrees = (result: CaseResult) => result.cli.valid === result.oracle.valid && result.cli.errors === result.bundledErrors;
  const describeCli = (result: CaseResult) =>
    cliAgrees(result)
      ? `agrees (${result.cli.errors} ${result.cli.errors === 1 ? 'error' : 'errors'})`
      : `**differs**: ${result.cli.valid ? 'valid' : 'invalid'}, ${result.cli.errors} errors printed`;
  const accepted = (result: CaseResult) =>
    result.fixes.filter(({ fix, oracle }) => oracle.paths.every((path) => result.oracle.paths.includes(path) && !fix.fixes.includes(path)))
      .length;
  const rows = [...results].map(([entry, result]) => {
    const cells = [
      entry.name,
      describe(result.oracle),
      agrees(result.installed, result.oracle),
      agrees(result.bundled, result.oracle),
      describeCli(result),
      result.fixes.length === 0 ? '—' : `${accepted(result)}/${result.fixes.length}`,
    ];
    return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  });
  const count = (pick: (result: CaseResult) => boolean) => [...results.values()].filter(pick).length;
  const all = [...results.values()];
  const summary = [
    `With OpenClaw's schema (installed): ${count((result) => same(result.installed, result.oracle))}/${results.size} cases agree.`,
    `Without openclaw, with the bundled schema: ${count((result) => same(result.bundled, result.oracle))}/${results.size} cases agree.`,
    `\`openclaw-config check\` with no openclaw on PATH: ${count(cliAgrees)}/${results.size} cases agree.`,
    `Fixes OpenClaw accepts: ${all.reduce((sum, result) => sum + accepted(result), 0)}/${all.reduce((sum, result) => sum + result.fixes.length, 0)} (a fix may leave errors it is not about).`,
  ];
  return [
    `## Agreement with openclaw ${ORACLE_VERSION} \`config validate --json\``,
    '',
    `Every case checked as OpenClaw ${ORACLE_VERSION}. Paths are those \`openclaw config validate\` prints; \`<root>\` is the file as a whole.`,
    '',
    '| case | OpenClaw | extension, installed schema | extension, bundled schema (no openclaw) | openclaw-config check (no openclaw) | fixes accepted |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    ...summary,
  ].join('\n');
}
