import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createLanguageService, createTextDocument, FormattingOptions } from '../../server/src/service/languageService';
import { applyEdits } from '../helpers';
import { CORPUS } from './corpus';
import { ensureOpenClaw, ORACLE_VERSION } from './openclawInstall';

/*
 * Formatting against what OpenClaw writes when it saves its configuration (`openclaw config set`):
 * JSON.stringify(config, null, 2).trimEnd() + "\n". A file it wrote must format to itself, and a
 * re-indented copy of it must format back to its bytes. For the strict-JSON cases of the corpus it
 * cannot be made to write (invalid ones), JSON.stringify computed here stands in for it.
 */

const TWO_SPACES: FormattingOptions = { tabSize: 2, insertSpaces: true };

function format(text: string): string {
  const result = createLanguageService().getFormatting(createTextDocument('file:///oracle/openclaw.json', text), TWO_SPACES);
  if (typeof result === 'string') assert.fail(result);
  return applyEdits(text, result);
}

const stringified = (value: unknown) => JSON.stringify(value, null, 2).trimEnd() + '\n';

describe(`Formatting gives what openclaw ${ORACLE_VERSION} writes`, function () {
  this.timeout(120_000);
  let command: string;
  let home: string | undefined;

  before(() => {
    command = ensureOpenClaw((line) => console.log(`      ${line}`));
    home = mkdtempSync(join(tmpdir(), 'openclaw-format-oracle-'));
  });

  after(() => home && rmSync(home, { recursive: true, force: true }));

  /** The file OpenClaw writes after `config set models.mode replace` on a scratch copy of `text`. */
  const writtenByOpenClaw = (name: string, text: string): string => {
    const path = join(home!, `${name}.json`);
    writeFileSync(path, text);
    execFileSync(command, ['config', 'set', 'models.mode', 'replace'], {
      env: {
        ...process.env,
        HOME: home,
        OPENCLAW_STATE_DIR: join(home!, '.openclaw'),
        OPENCLAW_CONFIG_PATH: path,
        // openclaw.mjs would keep a compile cache in TMPDIR, which the run checks is left empty.
        NODE_DISABLE_COMPILE_CACHE: '1',
      },
      stdio: 'pipe',
      timeout: 60_000,
    });
    const written = readFileSync(path, 'utf8');
    assert.notStrictEqual(written, text, 'OpenClaw saved the file');
    return written;
  };

  const sources = [
    'reference after openclaw 2026.9.6 rewrote it (migrated allowlist)',
    'JSON5: comments, unquoted keys, single quotes, trailing commas, .5 and hex',
  ];
  for (const source of sources) {
    it(`a file openclaw saved (from "${source}") formats to itself, and a re-indented copy back to its bytes`, () => {
      const written = writtenByOpenClaw(source.split(':')[0]!.replace(/\W+/g, '-'), CORPUS.find((c) => c.name === source)!.text);
      assert.strictEqual(written, stringified(JSON.parse(written)), 'OpenClaw writes JSON.stringify(config, null, 2) and a newline');
      assert.strictEqual(format(written), written);
      const value = JSON.parse(written) as unknown;
      const loose = written.replace(/\n/g, '\n\n').replace(/": /g, '" :  ');
      for (const copy of [JSON.stringify(value, null, 4), JSON.stringify(value, null, '\t'), JSON.stringify(value), loose]) {
        assert.strictEqual(format(copy), written);
      }
    });
  }

  it('every strict-JSON case of the corpus formats to JSON.stringify(config, null, 2) and a newline', () => {
    const strict = CORPUS.filter((c) => {
      try {
        JSON.parse(c.text);
        return true;
      } catch {
        return false;
      }
    });
    assert.ok(strict.length >= 5, strict.map((c) => c.name).join(', '));
    for (const c of strict) {
      if (hasNonFinite(JSON.parse(c.text))) {
        // 1e400 has no JSON text of its own (JSON.stringify writes null): OpenClaw refuses the file and never
        // writes it, and formatting keeps every number as written.
        assert.match(format(c.text), /: -?1e400\b/, c.name);
        continue;
      }
      assert.strictEqual(format(c.text), stringified(JSON.parse(c.text)), c.name);
    }
  });
});

function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value && typeof value === 'object') return Object.values(value).some(hasNonFinite);
  return false;
}
