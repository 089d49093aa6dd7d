import * as assert from 'assert';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { CliVerdict, detectOpenClaw, OpenClawCli, openClawSchema, validateWithOpenClaw } from '../../server/src/openclawCli';
import { createLanguageService, Diagnostic, LanguageService, SchemaValidator, Severity, validatorPathOf } from '../../server/src/service/languageService';
import { applyEdits, documentOf, REPO_ROOT } from '../helpers';
import { CACHE_DIR } from '../toolCache';
import { CORPUS, OracleCase } from './corpus';
import { ensureOpenClaw, ORACLE_VERSION } from './openclawInstall';

/*
 * The real OpenClaw as oracle. For every configuration of the corpus: OpenClaw's verdict
 * (`openclaw config validate --json`) against our error-level diagnostics, with OpenClaw's schema
 * (as when it is installed) and with ours (as when it is not); then every quick fix and "fix all"
 * is applied and OpenClaw must accept what it wrote. The agreement table goes to the test output
 * and to test-output/oracle/agreement.md.
 */

interface Verdict {
  valid: boolean;
  /** Sorted, unique: what OpenClaw prints, `<root>` for the file as a whole. */
  paths: string[];
}

interface Fix {
  title: string;
  /** The validator paths of the error diagnostics the fix is about (empty for warnings and hints). */
  fixes: string[];
  text: string;
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
  let withInstalledSchema: LanguageService;
  let withOwnSchema: LanguageService;
  const results = new Map<OracleCase, CaseResult>();

  before(async () => {
    const command = ensureOpenClaw(log);
    const detected = await detectOpenClaw(command);
    assert.strictEqual(detected?.version, ORACLE_VERSION, `${command} --version`);
    cli = detected;
    const started = Date.now();
    const schema = await openClawSchema(cli, join(CACHE_DIR, 'openclaw-schemas'));
    withInstalledSchema = createLanguageService({ settings: { installedVersion: ORACLE_VERSION } });
    withInstalledSchema.setSchema(new SchemaValidator(schema, `OpenClaw ${ORACLE_VERSION} (installed)`));
    withOwnSchema = createLanguageService({ settings: { openclawVersion: ORACLE_VERSION } });
    log(`OpenClaw ${ORACLE_VERSION}'s schema read and compiled in ${Date.now() - started} ms`);

    // Every text OpenClaw has to judge (each case, and each case after each fix), judged once, two at a time.
    const pending = new Map<string, Promise<Verdict>>();
    const queue: (() => Promise<void>)[] = [];
    const judge = (text: string): Promise<Verdict> => {
      let verdict = pending.get(text);
      if (!verdict) {
        verdict = new Promise<Verdict>((resolve, reject) =>
          queue.push(() => validateWithOpenClaw(cli, text, 'openclaw.json').then((answer) => resolve(oracleVerdict(answer)), reject)),
        );
        pending.set(text, verdict);
      }
      return verdict;
    };
    const work = CORPUS.map(async (entry) => {
      const fixes = fixesFor(withInstalledSchema, entry.text);
      const [oracle, ...fixed] = await Promise.all([judge(entry.text), ...fixes.map((fix) => judge(fix.text))]);
      results.set(entry, {
        oracle: oracle!,
        installed: ourVerdict(withInstalledSchema, entry.text),
        owned: ourVerdict(withOwnSchema, entry.text),
        fixes: fixes.map((fix, index) => ({ fix, oracle: fixed[index]!, ours: ourVerdict(withInstalledSchema, fix.text) })),
      });
    });
    const timing = Date.now();
    await Promise.all(Array.from({ length: PARALLEL_VALIDATIONS }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await next();
    }));
    await Promise.all(work);
    log(`${pending.size} distinct files validated by OpenClaw in ${((Date.now() - timing) / 1000).toFixed(1)} s`);
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

      it('every quick fix and "fix all" leaves a file OpenClaw accepts, but for errors the fix is not about', () => {
        const result = results.get(entry)!;
        for (const { fix, oracle, ours } of result.fixes) {
          const allowed = result.oracle.paths.filter((path) => !fix.fixes.includes(path));
          const added = oracle.paths.filter((path) => !allowed.includes(path));
          assert.deepStrictEqual(added, [], `"${fix.title}" left OpenClaw reporting ${added.join(', ')}:\n${fix.text}`);
          assert.deepStrictEqual(ours, oracle, `after "${fix.title}" the extension and OpenClaw disagree:\n${fix.text}`);
        }
      });
    });
  }

  it('the corpus exercises quick fixes and "fix all", and some of them clear errors', () => {
    const fixes = [...results.values()].flatMap((result) => result.fixes);
    assert.ok(fixes.some((entry) => entry.fix.title.startsWith('Fix all')), 'some case offers "fix all"');
    assert.ok(fixes.some((entry) => entry.fix.fixes.length > 0), 'some fix is about an error');
    assert.ok(fixes.length >= 20, `${fixes.length} fixes`);
  });
});

function oracleVerdict(answer: CliVerdict): Verdict {
  return { valid: answer.valid, paths: sortedUnique(answer.issues.map((issue) => issue.path)) };
}

function errorsOf(service: LanguageService, text: string): Diagnostic[] {
  return service.getDiagnostics(documentOf(text)).filter((diagnostic) => diagnostic.severity === Severity.Error);
}

function ourVerdict(service: LanguageService, text: string): Verdict {
  const errors = errorsOf(service, text);
  return { valid: errors.length === 0, paths: sortedUnique(errors.map(validatorPathOf)) };
}

/** Each quick fix of each diagnostic, and "fix all", as the text it leaves; one entry per distinct text. */
function fixesFor(service: LanguageService, text: string): Fix[] {
  const document = documentOf(text);
  const diagnostics = service.getDiagnostics(document);
  const fixes = new Map<string, Fix>();
  const add = (title: string, about: Diagnostic[], edits: Parameters<typeof applyEdits>[1]) => {
    const fixed = applyEdits(text, edits);
    const errors = about.filter((diagnostic) => diagnostic.severity === Severity.Error).map(validatorPathOf);
    if (fixed !== text && !fixes.has(fixed)) fixes.set(fixed, { title, fixes: errors, text: fixed });
  };
  for (const diagnostic of diagnostics) {
    for (const action of service.getCodeActions(document, { range: diagnostic.range, diagnostics: [diagnostic], only: ['quickfix'] })) {
      add(action.title, action.diagnostics ?? [diagnostic], action.edits);
    }
  }
  const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  for (const action of service.getCodeActions(document, { range: whole, diagnostics, only: ['source.fixAll'] })) {
    add(action.title, action.diagnostics ?? [], action.edits);
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
