import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { commentsOf, REPO_ROOT } from '../helpers';
import { scratchFolders } from '../scratch';

const CLI = join(REPO_ROOT, 'server', 'out', 'cli.js');

function check(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8', cwd, timeout: 8000, killSignal: 'SIGKILL' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A configuration with the legacy discovery key (an error) and a model without an alias in an included file, with comments. */
const CONFIG = `// Bedrock for the team
{
  models: {
    // discovery, the old way
    bedrockDiscovery: { enabled: true },
    providers: {
      "amazon-bedrock": {
        baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
        models: [
          { id: "anthropic.claude-3-haiku-20240307-v1:0", name: "Haiku" }, // cheap
        ],
      },
    },
  },
  agents: { $include: "./agents.json5" },
}
`;
const AGENTS = `{
  // team defaults
  defaults: {
    model: { primary: "amazon-bedrock/anthropic.claude-3-haiku-20240307-v1:0" },
    models: {
      // none yet
    },
  },
}
`;

describe('openclaw-config check --fix (CLI)', () => {
  const scratch = scratchFolders('openclaw-fix-');

  function project(config = CONFIG): string {
    const folder = scratch();
    writeFileSync(join(folder, 'openclaw.json'), config);
    writeFileSync(join(folder, 'agents.json5'), AGENTS);
    return folder;
  }

  it('applies the one-answer fixes to the file and the file it includes, keeps the comments, says what it changed, reports what is left', () => {
    const folder = project();
    const before = check(['openclaw.json'], folder);
    assert.strictEqual(before.code, 1);
    assert.deepStrictEqual(
      before.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(' ').slice(0, 2).join(' ')),
      ['openclaw.json:5:5 error', 'openclaw.json:10:17 info'],
    );

    const { code, stdout, stderr } = check(['--fix', 'openclaw.json'], folder);
    assert.deepStrictEqual(stderr.trimEnd().split('\n'), [
      'openclaw.json: fixed: migrate the allowlist',
      'openclaw.json: fixed: add aliases',
      'openclaw.json: fixed: remove models.bedrockDiscovery',
      'openclaw.json: wrote agents.json5',
      '1 file(s) checked: 0 error(s), 0 warning(s).',
    ]);
    assert.strictEqual(stdout, '', 'nothing is left');
    assert.strictEqual(code, 0, 'exits by what is left: no error');
    const config = readFileSync(join(folder, 'openclaw.json'), 'utf8');
    const agents = readFileSync(join(folder, 'agents.json5'), 'utf8');
    assert.deepStrictEqual(commentsOf(config), commentsOf(CONFIG));
    assert.deepStrictEqual(commentsOf(agents), commentsOf(AGENTS));
    assert.doesNotMatch(config, /bedrockDiscovery/);
    assert.match(config, /meta: \{\n {4}migrations: \{\n {6}modelPolicyAllowlist: true,\n/);
    assert.match(agents, /\/\/ none yet\n {6}"amazon-bedrock\/anthropic\.claude-3-haiku-20240307-v1:0": \{ alias: "Haiku" \},\n/);
    // The rest of the layout stays: only the lines the fixes touch differ.
    const migrated = '  meta: {\n    migrations: {\n      modelPolicyAllowlist: true,\n    },\n  },\n}\n';
    assert.strictEqual(config, CONFIG.replace('    bedrockDiscovery: { enabled: true },\n', '').replace(/\}\n$/, migrated));

    const again = check(['--fix', 'openclaw.json'], folder);
    assert.deepStrictEqual(
      [again.code, again.stdout, again.stderr],
      [0, '', '1 file(s) checked: 0 error(s), 0 warning(s).\n'],
      'a second run changes nothing',
    );
    assert.strictEqual(readFileSync(join(folder, 'openclaw.json'), 'utf8'), config);
    assert.strictEqual(readFileSync(join(folder, 'agents.json5'), 'utf8'), agents);
  });

  it('exits 1 when an error no fix can settle is left, and reports it in the format asked for', () => {
    const folder = project(CONFIG.replace('name: "Haiku" }', 'name: "Haiku", temperature: 1 }'));
    const { code, stdout, stderr } = check(['--fix', '--format', 'json', 'openclaw.json'], folder);
    assert.strictEqual(code, 1);
    assert.match(stderr, /^openclaw\.json: fixed: remove models\.bedrockDiscovery$/m);
    const report = JSON.parse(stdout);
    assert.deepStrictEqual(
      report.files[0].diagnostics.map((d: { code: string; severity: string }) => `${d.code} ${d.severity}`),
      ['schema error'],
    );
    assert.doesNotMatch(readFileSync(join(folder, 'openclaw.json'), 'utf8'), /bedrockDiscovery/);
  });

  it('leaves a file that does not parse, or is not valid UTF-8, as it is, says why, and exits 2; fixes the others', () => {
    const folder = project();
    const broken = '{\n  models: { bedrockDiscovery: { enabled: true }, \n';
    writeFileSync(join(folder, 'broken.json'), broken);
    const latin1 = Buffer.from('// caf\u00e9\n{ models: { bedrockDiscovery: { enabled: true } } }\n', 'latin1');
    writeFileSync(join(folder, 'latin1.json'), latin1);
    const { code, stderr } = check(['--fix', 'broken.json', 'latin1.json', 'openclaw.json'], folder);
    assert.strictEqual(code, 2);
    const lines = stderr.trimEnd().split('\n');
    assert.deepStrictEqual(lines.slice(0, 2), [
      'broken.json: not fixed: the file has a syntax error; fix it first',
      'latin1.json: not fixed: the file has 1 invalid UTF-8 sequence(s), which writing it back would replace with U+FFFD; fix its encoding first',
    ]);
    assert.ok(lines.includes('openclaw.json: fixed: remove models.bedrockDiscovery'), stderr);
    assert.strictEqual(readFileSync(join(folder, 'broken.json'), 'utf8'), broken);
    assert.deepStrictEqual(readFileSync(join(folder, 'latin1.json')), latin1);
    assert.doesNotMatch(readFileSync(join(folder, 'openclaw.json'), 'utf8'), /bedrockDiscovery/);
  });

  it('writes nothing when an included file the fixes touch is not valid UTF-8', () => {
    const folder = project();
    const agents = Buffer.from(AGENTS.replace('// team defaults', '// \u00e9quipe'), 'latin1');
    writeFileSync(join(folder, 'agents.json5'), agents);
    const { code, stderr } = check(['--fix', 'openclaw.json'], folder);
    assert.strictEqual(code, 2);
    assert.match(stderr, /^openclaw\.json: not fixed: agents\.json5 has 1 invalid UTF-8 sequence\(s\)/);
    assert.strictEqual(readFileSync(join(folder, 'openclaw.json'), 'utf8'), CONFIG);
    assert.deepStrictEqual(readFileSync(join(folder, 'agents.json5')), agents);
  });
});
