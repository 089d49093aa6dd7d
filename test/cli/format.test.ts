import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { lstatSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { readFixture, REPO_ROOT } from '../helpers';
import { scratchFolders } from '../scratch';

const CLI = join(REPO_ROOT, 'server', 'out', 'cli.js');

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: REPO_ROOT, timeout: 8000, killSignal: 'SIGKILL' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What OpenClaw writes for the reference configuration (JSON.stringify, 2 spaces, a final newline). */
const OPENCLAW_WRITES = JSON.stringify(JSON.parse(readFixture('reference.json')), null, 2).trimEnd() + '\n';
const JSON5_TEXT = "{\n    // Bedrock\n    models: {mode: 'merge'},\n    agents: {defaults: {}},\n}\n";
const JSON5_FORMATTED = "{\n  // Bedrock\n  models: {mode: 'merge'},\n  agents: {defaults: {}},\n}\n";

describe('openclaw-config format (CLI)', () => {
  const scratch = scratchFolders('openclaw-format-');

  it('rewrites the files that change, in place, prints their names, and leaves a file OpenClaw wrote as it is', () => {
    const folder = scratch();
    const json5 = join(folder, 'openclaw.json5');
    const written = join(folder, 'openclaw.json');
    writeFileSync(json5, JSON5_TEXT);
    writeFileSync(written, OPENCLAW_WRITES);
    const { code, stdout, stderr } = run('format', json5, written);
    assert.strictEqual(code, 0, stderr);
    assert.strictEqual(stdout, `${json5}\n`);
    assert.strictEqual(stderr, '2 file(s): 1 reformatted, 1 already formatted, 0 not formatted.\n');
    assert.strictEqual(readFileSync(json5, 'utf8'), JSON5_FORMATTED);
    assert.strictEqual(readFileSync(written, 'utf8'), OPENCLAW_WRITES);
  });

  it("gives OpenClaw's bytes back from a re-indented copy of what it wrote", () => {
    const file = join(scratch(), 'openclaw.json');
    writeFileSync(file, JSON.stringify(JSON.parse(OPENCLAW_WRITES), null, '\t'));
    assert.strictEqual(run('format', file).code, 0);
    assert.strictEqual(readFileSync(file, 'utf8'), OPENCLAW_WRITES);
  });

  it('--check writes nothing, lists the files that would change and exits 1; 0 when none would', () => {
    const folder = scratch();
    const json5 = join(folder, 'openclaw.json5');
    const written = join(folder, 'openclaw.json');
    writeFileSync(json5, JSON5_TEXT);
    writeFileSync(written, OPENCLAW_WRITES);
    const checked = run('format', '--check', written, json5);
    const summary = '2 file(s): 1 would be reformatted, 1 already formatted, 0 not formatted.\n';
    assert.deepStrictEqual([checked.code, checked.stdout, checked.stderr], [1, `${json5}\n`, summary]);
    assert.strictEqual(readFileSync(json5, 'utf8'), JSON5_TEXT);
    assert.strictEqual(run('format', '--check', written).code, 0);
  });

  it('keeps the encoding, the byte order mark and the line breaks: UTF-8 with a BOM and CRLF, UTF-16LE', () => {
    const folder = scratch();
    const marked = join(folder, 'marked.json5');
    const crlf = (text: string) => text.replace(/\n/g, '\r\n').replace("'merge'", "'m\u00e9rge'");
    const withBom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf(text))]);
    writeFileSync(marked, withBom(JSON5_TEXT));
    const utf16 = join(folder, 'utf16.json5');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON5_TEXT, 'utf16le')]));
    assert.strictEqual(run('format', marked, utf16).code, 0);
    assert.deepStrictEqual(readFileSync(marked), withBom(JSON5_FORMATTED));
    assert.deepStrictEqual(readFileSync(utf16), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON5_FORMATTED, 'utf16le')]));
  });

  it('writes through a symbolic link: the link stays a link', () => {
    const folder = scratch();
    const target = join(folder, 'real.json5');
    const link = join(folder, 'openclaw.json5');
    writeFileSync(target, JSON5_TEXT);
    symlinkSync(target, link);
    assert.strictEqual(run('format', link).code, 0);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.strictEqual(readFileSync(target, 'utf8'), JSON5_FORMATTED);
  });

  it('leaves a file with a syntax error or invalid UTF-8 as it is, says why, formats the others, and exits 2', () => {
    const folder = scratch();
    const broken = join(folder, 'broken.json5');
    const latin1 = join(folder, 'latin1.json5');
    const good = join(folder, 'good.json5');
    writeFileSync(broken, '{\n  models: { mode: "merge" \n');
    writeFileSync(latin1, Buffer.from('{ name:  "caf\u00e9" }', 'latin1'));
    writeFileSync(good, JSON5_TEXT);
    const { code, stdout, stderr } = run('format', broken, latin1, good, join(folder, 'absent.json'));
    assert.strictEqual(code, 2);
    assert.strictEqual(stdout, `${good}\n`);
    const lines = stderr.trimEnd().split('\n');
    assert.deepStrictEqual(lines.slice(0, 2), [
      `${broken}: Not formatted: the file has a syntax error at line 1, column 1 (and 1 more): ` +
        "Expected '}' to close the object opened here. Formatting changes nothing until it parses.",
      `${latin1}: not formatted: the file has 1 invalid UTF-8 sequence(s), which writing it back would replace with U+FFFD; ` +
        'fix its encoding first',
    ]);
    assert.ok(lines[2]!.startsWith(`${join(folder, 'absent.json')}: cannot read: ENOENT`), lines[2]);
    assert.strictEqual(lines[3], '4 file(s): 1 reformatted, 0 already formatted, 3 not formatted.');
    assert.strictEqual(readFileSync(broken, 'utf8'), '{\n  models: { mode: "merge" \n');
    assert.deepStrictEqual(readFileSync(latin1), Buffer.from('{ name:  "caf\u00e9" }', 'latin1'));
    assert.strictEqual(readFileSync(good, 'utf8'), JSON5_FORMATTED);
  });

  it('--indent N and --indent tab; anything else is a bad command line (exit 2)', () => {
    const file = join(scratch(), 'openclaw.json');
    writeFileSync(file, OPENCLAW_WRITES);
    assert.strictEqual(run('format', '--indent', '4', file).code, 0);
    assert.strictEqual(readFileSync(file, 'utf8'), JSON.stringify(JSON.parse(OPENCLAW_WRITES), null, 4) + '\n');
    assert.strictEqual(run('format', '--indent', 'tab', file).code, 0);
    assert.strictEqual(readFileSync(file, 'utf8'), JSON.stringify(JSON.parse(OPENCLAW_WRITES), null, '\t') + '\n');
    for (const bad of ['0', '17', 'two', '']) {
      const result = run('format', '--indent', bad, file);
      assert.strictEqual(result.code, 2, bad);
      assert.match(result.stderr, /^--indent takes a number of spaces \(1 to 16\) or 'tab'/);
    }
    assert.strictEqual(run('format').code, 2);
    assert.strictEqual(run('format', '--nope', file).code, 2);
    const usage = run('--help').stdout.split('\n');
    assert.match(usage[0]!, /^Usage: openclaw-config check /);
    assert.strictEqual(usage[1], '       openclaw-config format [--check] [--indent N|tab] FILE...');
  });
});
