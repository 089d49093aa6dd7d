import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, symlinkSync, truncateSync, writeFileSync } from 'fs';
import { join } from 'path';
import { REPO_ROOT, SAMPLE_FINDINGS, SAMPLE_PATH } from '../helpers';
import { scratchFolders } from '../scratch';

const CLI = join(REPO_ROOT, 'server', 'out', 'cli.js');

function check(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  // A file that blocks the CLI or fills its memory is stopped after a while (code null) rather than hang the run.
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: REPO_ROOT, timeout: 8000, killSignal: 'SIGKILL' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A configuration with a model id "aé" (the é encoded as the caller encodes the whole text). */
const WITH_ACCENT = `{
  models: {
    providers: {
      "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", models: [ { id: "a\u00e9", name: "A" } ] },
    },
  },
  agents: { defaults: { models: { "amazon-bedrock/a\u00e9": { alias: "A" } } } },
}
`;

describe('openclaw-config check (CLI)', () => {
  const scratchFolder = scratchFolders('openclaw-cli-', 'suite');
  const scratch = scratchFolder();

  it('on the sample: every finding as file:line:col severity message, exit 1 for the error OpenClaw 2026.9.6 refuses', () => {
    const { code, stdout, stderr } = check('check', 'samples/openclaw.json');
    const lines = stdout.trimEnd().split('\n');
    assert.deepStrictEqual(
      lines.map((line) => /^samples\/openclaw\.json:(\d+:\d+) (\w+) /.exec(line)?.slice(1).join(' ')),
      SAMPLE_FINDINGS,
    );
    assert.strictEqual(
      lines[5],
      'samples/openclaw.json:140:19 warning amazon-bedrock/openai.gpt-oss-120b-1:0 has no entry in agents.defaults.models. On OpenClaw 2026.9.6 this alias map is still the allowlist (not migrated to modelPolicy.allow), so /model cannot select this model at all.',
    );
    assert.match(
      lines[7]!,
      /^samples\/openclaw\.json:160:5 error models\.bedrockDiscovery moved to plugins\.entries\.amazon-bedrock\.config\.discovery in OpenClaw 2026\.4\.5: OpenClaw 2026\.9\.6 rejects the file/,
    );
    assert.strictEqual(stderr, '1 file(s) checked: 1 error(s), 6 warning(s).\n');
    assert.strictEqual(code, 1);
  });

  it("follows $include: the included file's findings under its own path", () => {
    const folder = scratchFolder();
    writeFileSync(
      join(folder, 'openclaw.json'),
      '{\n  models: { $include: "./models.json5" },\n  agents: { defaults: { models: { "amazon-bedrock/x.one": { alias: "One" } } } },\n}\n',
    );
    writeFileSync(
      join(folder, 'models.json5'),
      '{\n  providers: { "amazon-bedrock": { models: [\n    { id: "x.one", name: "One", temperature: 1 },\n  ] } },\n}\n',
    );
    const { code, stdout } = check('check', join(folder, 'openclaw.json'));
    assert.deepStrictEqual(
      stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(' ').slice(0, 2).join(' ')),
      [`${join(folder, 'openclaw.json')}:3:25 info`, `${join(folder, 'models.json5')}:3:33 error`],
      stdout,
    );
    assert.match(stdout, /models\.json5:3:33 error Unrecognized key: "temperature" at models\.providers\.amazon-bedrock\.models\.0:/);
    assert.strictEqual(code, 1);
  });

  it("refuses an include whose symlink leads out of the configuration's folder, as OpenClaw does, and reads nothing there", () => {
    const outside = scratchFolder();
    const folder = scratchFolder();
    writeFileSync(
      join(outside, 'secret.json'),
      '{ models: { providers: { "amazon-bedrock": { models: [{ id: "secret-model-id", name: "S" }] } } } }\n',
    );
    writeFileSync(join(outside, 'hostname'), 'vm\n');
    symlinkSync(join(outside, 'secret.json'), join(folder, 'secret-link.json'));
    symlinkSync(outside, join(folder, 'etclink'));
    writeFileSync(join(folder, 'openclaw.json'), '{ "$include": ["./etclink/hostname", "./secret-link.json"] }\n');
    const { code, stdout } = check('check', join(folder, 'openclaw.json'));
    const refused = (column: number, path: string) =>
      `${join(folder, 'openclaw.json')}:1:${column} error Include path resolves outside config directory (symlink): ${path} (root: ${folder}): ` +
      'OpenClaw rejects the configuration, and the gateway does not start.';
    assert.deepStrictEqual(stdout.trimEnd().split('\n'), [refused(16, './etclink/hostname'), refused(38, './secret-link.json')]);
    assert.strictEqual(code, 1);
  });

  it('--exit-zero reports the same and exits 0 (npm start uses it)', () => {
    const { code, stdout } = check('check', '--exit-zero', 'samples/openclaw.json');
    assert.strictEqual(code, 0);
    assert.strictEqual(stdout.trimEnd().split('\n').length, 9);
  });

  it('exits 1 when a file has an error, and checks every file given', () => {
    const broken = join(scratch, 'openclaw.json');
    writeFileSync(broken, '{\n  models: { mode: "merge" \n');
    const { code, stdout } = check('check', '--openclaw-version', '2026.3.31', broken, SAMPLE_PATH);
    assert.strictEqual(code, 1);
    assert.ok(
      stdout.startsWith(
        `${broken}:1:1 error Expected '}' to close the object opened here.\n${broken}:2:11 error Expected '}' to close the object opened here.\n`,
      ),
      stdout,
    );
    assert.strictEqual(
      stdout.split('\n').filter((line) => line.startsWith(SAMPLE_PATH) && / error /.test(line)).length,
      0,
      'the sample is valid for 2026.3.31',
    );
    assert.ok(stdout.split('\n').filter((line) => line.startsWith(SAMPLE_PATH)).length >= 2);
  });

  it('takes the OpenClaw version to check against, and says it came from the command line', () => {
    const { stdout } = check('check', '--openclaw-version', '2026.7.2', 'samples/openclaw.json');
    assert.match(stdout, /On OpenClaw 2026\.7\.2 \(--openclaw-version\) a non-empty alias map is also the allowlist/);
    assert.doesNotMatch(stdout, /openclaw\.version setting/);
  });

  it('refuses a version that is not one, with exit 2, instead of checking against the newest', () => {
    for (const version of ['abc', '1e400', '-1', '2026.9', '2026.9.6 ']) {
      const { code, stdout, stderr } = check('check', '--openclaw-version', version, 'samples/openclaw.json');
      assert.strictEqual(code, 2, version);
      assert.strictEqual(stderr, `--openclaw-version takes a version such as 2026.9.6; '${version}' is not one\n`);
      assert.strictEqual(stdout, '');
    }
    assert.strictEqual(check('check', '--openclaw-version', '2026.3.2-beta.1', '--exit-zero', 'samples/openclaw.json').code, 0);
  });

  it('takes every argument after -- as a file, even one that starts with -', () => {
    const folder = mkdtempSync(join(scratch, 'dashes-'));
    writeFileSync(join(folder, '-weird-name.json'), '{\n  models: { mode: "bogus" },\n}\n');
    const spawned = spawnSync(process.execPath, [CLI, 'check', '--', '-weird-name.json', '--exit-zero'], {
      encoding: 'utf8',
      cwd: folder,
      timeout: 8000,
    });
    assert.match(spawned.stdout, /^-weird-name\.json:2:19 error /);
    assert.match(spawned.stderr, /^--exit-zero: cannot read: ENOENT/m, 'after --, --exit-zero is a file name too');
    assert.strictEqual(spawned.status, 2);
  });

  it('escapes control characters in file names, so each problem stays on one line', () => {
    const folder = mkdtempSync(join(scratch, 'names-'));
    writeFileSync(join(folder, 'a\nb\u001b[31m.json'), '{\n  models: { mode: "bogus" },\n}\n');
    const spawned = spawnSync(process.execPath, [CLI, 'check', 'a\nb\u001b[31m.json', 'missing\n.json'], {
      encoding: 'utf8',
      cwd: folder,
      timeout: 8000,
    });
    assert.deepStrictEqual(
      spawned.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(' ')[0]),
      ['a\\nb\\u001b[31m.json:2:19'],
    );
    assert.match(spawned.stderr, /^missing\\n\.json: cannot read: ENOENT[^\n]*\n2 file\(s\) checked/);
  });

  it('refuses a named pipe, a device, a directory and a file over 8 MB at once, with exit 2', () => {
    const fifo = join(scratch, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const large = join(scratch, 'large.json');
    closeSync(openSync(large, 'w'));
    truncateSync(large, 8 * 1024 * 1024 + 1); // sparse: nothing written
    const folder = join(scratch, 'folder.json');
    mkdirSync(folder);
    const started = Date.now();
    const { code, stdout, stderr } = check('check', fifo, '/dev/zero', folder, large);
    assert.ok(Date.now() - started < 5000, `answered in ${Date.now() - started} ms`);
    assert.strictEqual(code, 2);
    assert.strictEqual(stdout, '');
    assert.deepStrictEqual(stderr.trimEnd().split('\n'), [
      `${fifo}: cannot read: not a regular file (a named pipe)`,
      '/dev/zero: cannot read: not a regular file (a character device)',
      `${folder}: cannot read: not a regular file (a directory)`,
      `${large}: cannot read: 8,388,609 bytes: over the limit of 8,388,608 bytes (8 MB) for a configuration file`,
      '4 file(s) checked: 0 error(s), 0 warning(s).',
    ]);
  });

  it('says a UTF-16 file is UTF-16, once, instead of one syntax error per character', () => {
    const le = join(scratch, 'utf16le.json');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(WITH_ACCENT, 'utf16le')]));
    const be = join(scratch, 'utf16be.json');
    writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(WITH_ACCENT, 'utf16le').swap16()]));
    const { code, stdout } = check('check', le, be);
    assert.ok(!stdout.includes('\u0000'), 'no NUL bytes in the output');
    // The rest is checked too, as the text reads once saved as UTF-8 (here: the allowlist note of 2026.9.6).
    assert.deepStrictEqual(
      stdout
        .trimEnd()
        .split('\n')
        .filter((line) => / error /.test(line)),
      [
        `${le}:1:1 error This file is UTF-16 (byte order mark FF FE); OpenClaw reads UTF-8 and refuses it: save it as UTF-8.`,
        `${be}:1:1 error This file is UTF-16 (byte order mark FE FF); OpenClaw reads UTF-8 and refuses it: save it as UTF-8.`,
      ],
    );
    assert.strictEqual(code, 1);
  });

  it('reads a UTF-8 byte order mark as OpenClaw does (accepted), and counts columns without it', () => {
    const plain = join(scratch, 'plain.json');
    writeFileSync(plain, '{ models: { mode: "bogus" } }\n');
    const marked = join(scratch, 'marked.json');
    writeFileSync(marked, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{ models: { mode: "bogus" } }\n')]));
    const lines = check('check', plain, marked).stdout.trimEnd().split('\n');
    assert.strictEqual(lines.length, 2);
    assert.strictEqual(lines[1], lines[0]!.replace(plain, marked));
  });

  it('points at invalid UTF-8 bytes and says what OpenClaw reads instead', () => {
    const latin1 = join(scratch, 'latin1.json');
    writeFileSync(latin1, Buffer.from(`// caf\u00e9\n${WITH_ACCENT}`, 'latin1'));
    const { code, stdout } = check('check', latin1);
    assert.deepStrictEqual(
      stdout
        .trimEnd()
        .split('\n')
        .filter((line) => / (error|warning|info) Invalid UTF-8/.test(line)),
      [
        `${latin1}:1:7 info Invalid UTF-8 (byte 0xE9) in a comment: OpenClaw reads it as U+FFFD, harmless there; the file is not UTF-8 though.`,
        `${latin1}:5:105 warning Invalid UTF-8 (byte 0xE9): OpenClaw reads it as U+FFFD, so the id becomes 'a\\uFFFD'.`,
        `${latin1}:8:52 warning Invalid UTF-8 (byte 0xE9): OpenClaw reads it as U+FFFD, so the key becomes 'amazon-bedrock/a\\uFFFD'.`,
      ],
    );
    assert.strictEqual(code, 0, 'OpenClaw accepts the file (it reads the ids as a\uFFFD)');
  });

  it('says what is wrong with the command line or a file, with exit 2', () => {
    assert.strictEqual(check().code, 2);
    assert.strictEqual(check('check').code, 2);
    assert.strictEqual(check('check', '--nope', 'x').code, 2);
    const missing = check('check', join(scratch, 'absent.json'));
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /absent\.json: cannot read: ENOENT/);
    const help = check('--help');
    assert.strictEqual(help.code, 0);
    assert.match(help.stdout, /^Usage: openclaw-config check/);
  });
});
