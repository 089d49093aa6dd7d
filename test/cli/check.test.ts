import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPO_ROOT, SAMPLE_PATH } from '../helpers';

const CLI = join(REPO_ROOT, 'server', 'out', 'cli.js');

function check(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: REPO_ROOT });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('openclaw-config check (CLI)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'openclaw-cli-'));

  it('on the sample: every finding as file:line:col severity message, exit 1 for the error OpenClaw 2026.9.6 refuses', () => {
    const { code, stdout, stderr } = check('check', 'samples/openclaw.json');
    const lines = stdout.trimEnd().split('\n');
    assert.deepStrictEqual(
      lines.map((line) => /^samples\/openclaw\.json:(\d+:\d+) (\w+) /.exec(line)?.slice(1).join(' ')),
      ['31:19 warning', '97:22 hint', '103:19 warning', '112:19 warning', '121:19 warning', '140:19 warning', '149:19 warning', '160:5 error', '170:7 info'],
    );
    assert.strictEqual(
      lines[5],
      'samples/openclaw.json:140:19 warning amazon-bedrock/openai.gpt-oss-120b-1:0 has no entry in agents.defaults.models. On OpenClaw 2026.9.6 this alias map is still the allowlist (not migrated to modelPolicy.allow), so /model cannot select this model at all.',
    );
    assert.match(lines[7]!, /^samples\/openclaw\.json:160:5 error models\.bedrockDiscovery moved to plugins\.entries\.amazon-bedrock\.config\.discovery in OpenClaw 2026\.4\.5: OpenClaw 2026\.9\.6 rejects the file/);
    assert.strictEqual(stderr, '1 file(s) checked: 1 error(s), 6 warning(s).\n');
    assert.strictEqual(code, 1);
  });

  it('follows $include: the included file\'s findings under its own path', () => {
    const folder = mkdtempSync(join(tmpdir(), 'openclaw-cli-split-'));
    writeFileSync(join(folder, 'openclaw.json'), '{\n  models: { $include: "./models.json5" },\n  agents: { defaults: { models: { "amazon-bedrock/x.one": { alias: "One" } } } },\n}\n');
    writeFileSync(join(folder, 'models.json5'), '{\n  providers: { "amazon-bedrock": { models: [\n    { id: "x.one", name: "One", temperature: 1 },\n  ] } },\n}\n');
    const { code, stdout } = check('check', join(folder, 'openclaw.json'));
    assert.deepStrictEqual(
      stdout.trimEnd().split('\n').map((line) => line.split(' ').slice(0, 2).join(' ')),
      [`${join(folder, 'openclaw.json')}:3:25 info`, `${join(folder, 'models.json5')}:3:33 error`],
      stdout,
    );
    assert.match(stdout, /models\.json5:3:33 error Unrecognized key: "temperature" at models\.providers\.amazon-bedrock\.models\.0:/);
    assert.strictEqual(code, 1);
  });

  it('refuses an include whose symlink leads out of the configuration\'s folder, as OpenClaw does, and reads nothing there', () => {
    const outside = mkdtempSync(join(tmpdir(), 'openclaw-cli-outside-'));
    const folder = mkdtempSync(join(tmpdir(), 'openclaw-cli-links-'));
    try {
      writeFileSync(join(outside, 'secret.json'), '{ models: { providers: { "amazon-bedrock": { models: [{ id: "secret-model-id", name: "S" }] } } } }\n');
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
    } finally {
      rmSync(outside, { recursive: true, force: true });
      rmSync(folder, { recursive: true, force: true });
    }
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
    assert.ok(stdout.startsWith(`${broken}:1:1 error Expected '}' to close the object opened here.\n${broken}:2:11 error Expected '}' to close the object opened here.\n`), stdout);
    assert.strictEqual(stdout.split('\n').filter((line) => line.startsWith(SAMPLE_PATH) && / error /.test(line)).length, 0, 'the sample is valid for 2026.3.31');
    assert.ok(stdout.split('\n').filter((line) => line.startsWith(SAMPLE_PATH)).length >= 2);
  });

  it('takes the OpenClaw version to check against', () => {
    const { stdout } = check('check', '--openclaw-version', '2026.7.2', 'samples/openclaw.json');
    assert.match(stdout, /On OpenClaw 2026\.7\.2 \(openclaw\.version setting\) a non-empty alias map is also the allowlist/);
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
