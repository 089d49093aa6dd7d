import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { escapeData, escapeProperty } from '../../server/src/checkReports';
import { REPO_ROOT, SAMPLE_FINDINGS } from '../helpers';
import { scratchFolders } from '../scratch';

const CLI = join(REPO_ROOT, 'server', 'out', 'cli.js');

function check(args: string[], cwd = REPO_ROOT): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8', cwd, timeout: 8000, killSignal: 'SIGKILL' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The sample's findings: [line:column, severity]. */
const SAMPLE_AT = SAMPLE_FINDINGS.map((finding) => finding.split(' ') as [string, string]);
const BROKEN = '{\n  models: { mode: "merge" \n';

interface JsonReport {
  version: number;
  files: {
    file: string;
    diagnostics: {
      severity: string;
      code: string;
      message: string;
      range: { start: { line: number; column: number }; end: { line: number; column: number } };
    }[];
  }[];
  unreadable: { file: string; reason: string }[];
  errors: number;
  warnings: number;
}

/**
 * The SARIF 2.1.0 rules a log must follow to be valid (the properties the schema requires, their types and
 * enums), plus what GitHub code scanning needs of a result (a rule id among the rules, a location with a
 * region). Returns what is wrong, one line each.
 */
function sarifProblems(log: any): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, what: string) => void (ok || problems.push(what));
  const isPositiveInteger = (value: unknown) => Number.isInteger(value) && (value as number) >= 1;
  expect(log.version === '2.1.0', 'version is "2.1.0"');
  expect(typeof log.$schema === 'string' && /sarif.*2\.1\.0/.test(log.$schema), '$schema names SARIF 2.1.0');
  expect(Array.isArray(log.runs) && log.runs.length === 1, 'one run');
  for (const run of log.runs ?? []) {
    const driver = run.tool?.driver;
    expect(typeof driver?.name === 'string' && driver.name.length > 0, 'run.tool.driver.name');
    expect(typeof driver?.version === 'string' && /^\d+\.\d+\.\d+/.test(driver.version), 'run.tool.driver.version');
    const rules: any[] = driver?.rules ?? [];
    expect(
      rules.every((rule) => typeof rule.id === 'string' && typeof rule.shortDescription?.text === 'string'),
      'each rule has an id and a shortDescription.text',
    );
    expect(new Set(rules.map((rule) => rule.id)).size === rules.length, 'rule ids are unique');
    expect(['utf16CodeUnits', 'unicodeCodePoints', undefined].includes(run.columnKind), 'columnKind is one of the enum');
    for (const [name, base] of Object.entries<any>(run.originalUriBaseIds ?? {})) {
      expect(
        typeof base.uri === 'string' && base.uri.startsWith('file:///') && base.uri.endsWith('/'),
        `originalUriBaseIds.${name}.uri is an absolute folder URI`,
      );
    }
    for (const invocation of run.invocations ?? [])
      expect(typeof invocation.executionSuccessful === 'boolean', 'invocation.executionSuccessful (required)');
    expect(Array.isArray(run.results), 'run.results');
    for (const [index, result] of (run.results ?? []).entries()) {
      const at = `results[${index}]`;
      expect(typeof result.message?.text === 'string' && result.message.text.length > 0, `${at}.message.text (required)`);
      expect(
        rules.some((rule) => rule.id === result.ruleId),
        `${at}.ruleId is a rule of the driver`,
      );
      expect(result.ruleIndex === undefined || rules[result.ruleIndex]?.id === result.ruleId, `${at}.ruleIndex points at its rule`);
      expect(['none', 'note', 'warning', 'error'].includes(result.level), `${at}.level is one of the enum`);
      expect(Array.isArray(result.locations) && result.locations.length === 1, `${at}.locations`);
      const physical = result.locations?.[0]?.physicalLocation;
      const uri = physical?.artifactLocation?.uri;
      expect(typeof uri === 'string' && uri.length > 0, `${at} artifactLocation.uri`);
      if (physical?.artifactLocation?.uriBaseId !== undefined) {
        expect(physical.artifactLocation.uriBaseId in (run.originalUriBaseIds ?? {}), `${at} uriBaseId is defined`);
        expect(!/^[a-z]+:/i.test(uri) && !uri.startsWith('/'), `${at} uri under a base is relative`);
      }
      const region = physical?.region ?? {};
      expect(isPositiveInteger(region.startLine) && isPositiveInteger(region.startColumn), `${at} region start (1-based)`);
      expect(isPositiveInteger(region.endLine) && isPositiveInteger(region.endColumn), `${at} region end (1-based)`);
      expect(
        region.endLine > region.startLine || (region.endLine === region.startLine && region.endColumn >= region.startColumn),
        `${at} region ends after it starts`,
      );
    }
  }
  return problems;
}

describe('openclaw-config check --format (CLI)', () => {
  const scratch = scratchFolders('openclaw-formats-');

  it('text is the default and the same as --format text', () => {
    const byDefault = check(['samples/openclaw.json']);
    const text = check(['--format', 'text', 'samples/openclaw.json']);
    assert.deepStrictEqual(text, byDefault);
    assert.deepStrictEqual(
      byDefault.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(' ').slice(0, 2).join(' ')),
      SAMPLE_AT.map(([at, severity]) => `samples/openclaw.json:${at} ${severity}`),
    );
  });

  it("json: one document with each file's diagnostics (1-based ranges, severity, code, message); the same exit code", () => {
    const { code, stdout, stderr } = check(['--format', 'json', 'samples/openclaw.json']);
    assert.strictEqual(code, 1);
    assert.strictEqual(stderr, '1 file(s) checked: 1 error(s), 6 warning(s).\n');
    const report = JSON.parse(stdout) as JsonReport;
    assert.strictEqual(report.version, 1);
    assert.deepStrictEqual(
      report.files.map((file) => file.file),
      ['samples/openclaw.json'],
    );
    const [diagnostics] = report.files.map((file) => file.diagnostics);
    assert.deepStrictEqual(
      diagnostics!.map(({ range, severity }) => [`${range.start.line}:${range.start.column}`, severity]),
      SAMPLE_AT,
    );
    assert.deepStrictEqual(diagnostics![7], {
      severity: 'error',
      code: 'legacy-key',
      message: diagnostics![7]!.message,
      range: { start: { line: 160, column: 5 }, end: { line: 160, column: 23 } },
    });
    assert.match(diagnostics![7]!.message, /^models\.bedrockDiscovery moved to plugins\.entries/);
    assert.deepStrictEqual([report.errors, report.warnings, report.unreadable], [1, 6, []]);
    // The text output says the same, line for line.
    const text = check(['samples/openclaw.json']).stdout.trimEnd().split('\n');
    assert.deepStrictEqual(
      diagnostics!.map((d) => `samples/openclaw.json:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.message}`),
      text,
    );
  });

  it('json on a broken file and an unreadable one: the syntax errors, the unreadable file with its reason, exit 2', () => {
    const folder = scratch();
    writeFileSync(join(folder, 'broken.json'), BROKEN);
    const { code, stdout } = check(['--format', 'json', 'broken.json', 'absent.json'], folder);
    assert.strictEqual(code, 2);
    const report = JSON.parse(stdout) as JsonReport;
    assert.deepStrictEqual(
      report.files[0]!.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.column]),
      [
        ['syntax', 'error', 1, 1],
        ['syntax', 'error', 2, 11],
      ],
    );
    assert.deepStrictEqual(
      report.unreadable.map(({ file, reason }) => [file, reason.split(':')[0]]),
      [['absent.json', 'ENOENT']],
    );
    assert.strictEqual(report.errors, 2);
  });

  it('sarif: a valid SARIF 2.1.0 log for code scanning, one result per finding, uris relative to the working folder', () => {
    const { code, stdout } = check(['--format', 'sarif', 'samples/openclaw.json']);
    assert.strictEqual(code, 1);
    const log = JSON.parse(stdout);
    assert.deepStrictEqual(sarifProblems(log), []);
    const [run] = log.runs;
    assert.strictEqual(run.tool.driver.name, 'openclaw-config');
    assert.strictEqual(
      run.tool.driver.version,
      (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
    assert.ok(run.tool.driver.rules.some((rule: { id: string }) => rule.id === 'no-alias'));
    assert.deepStrictEqual(
      run.results.map((r: any) => [
        `${r.locations[0].physicalLocation.region.startLine}:${r.locations[0].physicalLocation.region.startColumn}`,
        r.level,
      ]),
      SAMPLE_AT.map(([at, severity]) => [at, severity === 'hint' || severity === 'info' ? 'note' : severity]),
    );
    const legacy = run.results[7];
    assert.strictEqual(legacy.ruleId, 'legacy-key');
    assert.deepStrictEqual(legacy.locations[0].physicalLocation, {
      artifactLocation: { uri: 'samples/openclaw.json', uriBaseId: 'SRCROOT' },
      region: { startLine: 160, startColumn: 5, endLine: 160, endColumn: 23 },
    });
    assert.strictEqual(run.originalUriBaseIds.SRCROOT.uri, `file://${REPO_ROOT}/`);
    assert.deepStrictEqual(run.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('sarif on a broken file, an included file and an unreadable one: still valid, the failure in the invocation', () => {
    const folder = scratch();
    writeFileSync(join(folder, 'broken.json'), BROKEN);
    writeFileSync(join(folder, 'openclaw.json'), '{ models: { $include: "./sub dir/models.json5" } }\n');
    const sub = join(folder, 'sub dir');
    mkdirSync(sub);
    writeFileSync(join(sub, 'models.json5'), '{ mode: "bogus" }\n');
    const { code, stdout } = check(['--format', 'sarif', 'broken.json', join(folder, 'openclaw.json'), 'absent.json'], folder);
    assert.strictEqual(code, 2);
    const log = JSON.parse(stdout);
    assert.deepStrictEqual(sarifProblems(log), []);
    const [run] = log.runs;
    assert.deepStrictEqual(
      run.results.map((r: any) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri]),
      [
        ['syntax', 'broken.json'],
        ['syntax', 'broken.json'],
        ['schema', 'sub%20dir/models.json5'],
      ],
    );
    assert.strictEqual(run.invocations[0].executionSuccessful, false);
    assert.match(run.invocations[0].toolExecutionNotifications[0].message.text, /^absent\.json: cannot read: ENOENT/);
  });

  it('github: one workflow command per finding (error, warning, notice) with file, line, col, endLine, endColumn, title', () => {
    const { code, stdout } = check(['--format', 'github', 'samples/openclaw.json']);
    assert.strictEqual(code, 1);
    const lines = stdout.trimEnd().split('\n');
    assert.deepStrictEqual(
      lines.map((line) =>
        /^::(\w+) file=samples\/openclaw\.json,line=(\d+),col=(\d+),endLine=\d+,endColumn=\d+,title=[^:]+::/.exec(line)?.slice(1).join(' '),
      ),
      SAMPLE_AT.map(([at, severity]) => `${severity === 'hint' || severity === 'info' ? 'notice' : severity} ${at!.replace(':', ' ')}`),
    );
    assert.match(
      lines[7]!,
      /^::error file=samples\/openclaw\.json,line=160,col=5,endLine=160,endColumn=23,title=openclaw legacy-key::models\.bedrockDiscovery moved/,
    );
  });

  it('github escapes %, CR and LF in messages, and also : and , in properties (a file name with them)', () => {
    assert.strictEqual(escapeData('50% a\r\nb: c, d'), '50%25 a%0D%0Ab: c, d');
    assert.strictEqual(escapeProperty('a,b:c%d\ne'), 'a%2Cb%3Ac%25d%0Ae');
    const folder = scratch();
    writeFileSync(join(folder, 'team,a:b%.json'), '{\n  models: { "50%\\nof": 1 },\n}\n');
    const { code, stdout } = check(['--format', 'github', 'team,a:b%.json'], folder);
    assert.strictEqual(code, 1);
    const lines = stdout.trimEnd().split('\n');
    assert.strictEqual(lines.length, 1, stdout);
    // The key holds a line break, which the message quotes as it is: escaped, it stays one command.
    assert.match(
      lines[0]!,
      /^::error file=team%2Ca%3Ab%25\.json,line=2,col=13,endLine=2,endColumn=22,title=openclaw schema::Unrecognized key: "50%25%0Aof" at models: /,
    );
  });

  it('github on a broken file: the syntax errors as error annotations', () => {
    const folder = scratch();
    writeFileSync(join(folder, 'broken.json'), BROKEN);
    const { code, stdout } = check(['--format', 'github', 'broken.json'], folder);
    assert.strictEqual(code, 1);
    assert.deepStrictEqual(
      stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split('::')[1]),
      [
        'error file=broken.json,line=1,col=1,endLine=1,endColumn=2,title=openclaw syntax',
        'error file=broken.json,line=2,col=11,endLine=2,endColumn=12,title=openclaw syntax',
      ],
    );
  });

  it('refuses a format it does not know, with exit 2', () => {
    for (const args of [['--format', 'xml'], ['--format'], ['--format=']]) {
      const { code, stderr, stdout } = check([...args, 'samples/openclaw.json']);
      assert.strictEqual(code, 2, args.join(' '));
      assert.match(stderr, /^--format takes text, json, sarif, github; '[^']*' is none of them\n$/);
      assert.strictEqual(stdout, '');
    }
    assert.strictEqual(check(['--format=json', 'samples/openclaw.json']).stdout.startsWith('{'), true);
  });
});
