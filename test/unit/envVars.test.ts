import * as assert from 'assert';
import { createLanguageService, Diagnostic } from '../../server/src/service/languageService';
import { envReferences } from '../../server/src/service/config/envVars';
import { memoryFiles } from '../helpers';

/*
 * `${VAR}` in strings: what OpenClaw substitutes from its environment. OpenClaw 2026.9.6 adds to its process's
 * environment $OPENCLAW_STATE_DIR/.env; without that variable ~/.openclaw/.env, the .env in the folder of the
 * configuration ($OPENCLAW_CONFIG_PATH's) and ~/.config/openclaw/gateway.env; and the .env of the folder the
 * gateway starts in, which the editor cannot know. The extension says whether each is set where it can see,
 * never the value.
 */

const CONFIG = `{
  models: {
    providers: {
      "amazon-bedrock": {
        baseUrl: "https://bedrock-runtime.\${OC_REGION}.amazonaws.com",
        models: [{ id: "\${OC_MODEL}", name: "\${OC_NAME} and $\${NOT_A_VARIABLE} and \${lower}" }],
      },
    },
  },
}
`;

const HOME = '/home/u';

/** The configuration at `configPath`, with the env files given (by path), and the server's environment. */
function check(
  env: Record<string, string>,
  dotenv?: string,
  where: { configPath?: string; files?: Record<string, string> } = {},
): { diagnostics: Diagnostic[]; hover: (needle: string) => string | undefined } {
  const configPath = where.configPath ?? `${HOME}/.openclaw/openclaw.json`;
  const files = memoryFiles({
    [configPath]: CONFIG,
    ...(dotenv !== undefined ? { [`${HOME}/.openclaw/.env`]: dotenv } : {}),
    ...where.files,
  });
  const service = createLanguageService({ files: files.source, settings: { env: { HOME, ...env }, openclawVersion: '2026.9.6' } });
  const document = files.document(configPath);
  return {
    diagnostics: service.getDiagnostics(document).filter((d) => d.code === 'env-var'),
    hover: (needle) => service.getHover(document, document.positionAt(CONFIG.indexOf(needle) + 2))?.contents,
  };
}

const unsetIn = (files: string) => `not set in the environment the language server sees, nor in ${files}`;
const CWD = '(unless the .env of the folder the gateway starts in sets it, which the editor cannot see)';

describe('${VAR} in strings', () => {
  it('reads the references OpenClaw substitutes: upper-case names, not $${escaped}', () => {
    assert.deepStrictEqual(envReferences('${A}-${B_2}-$${ESC}-${lower}-${A}'), ['A', 'B_2']);
  });

  it('an unset variable in baseUrl or a model id is a warning; elsewhere information; each names the files OpenClaw reads', () => {
    const { diagnostics } = check({});
    const files = unsetIn('~/.openclaw/.env or ~/.config/openclaw/gateway.env');
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.severity, d.message.split(': ')[0]]),
      [
        [2, `\${OC_REGION} is ${files} ${CWD}`],
        [2, `\${OC_MODEL} is ${files} ${CWD}`],
        [3, `\${OC_NAME} is ${files} ${CWD}`],
      ],
    );
    assert.match(diagnostics[0]!.message, /requests to the provider fail/);
  });

  it("a variable set in the environment or in the state folder's .env is fine", () => {
    assert.deepStrictEqual(check({ OC_REGION: 'us-west-2', OC_MODEL: 'zai.glm-4.7', OC_NAME: 'GLM' }).diagnostics, []);
    assert.deepStrictEqual(check({ OC_NAME: 'GLM' }, 'OC_REGION=us-west-2\nexport OC_MODEL="zai.glm-4.7"\n').diagnostics, []);
    assert.strictEqual(check({ OC_REGION: '' }).diagnostics.length, 3, 'an empty value counts as unset');
  });

  it('a configuration elsewhere: ~/.openclaw/.env, the .env in its folder and gateway.env all count, without OPENCLAW_STATE_DIR', () => {
    const configPath = '/work/project/openclaw.json';
    const files = { [`${HOME}/.config/openclaw/gateway.env`]: 'OC_MODEL=m\n', '/work/project/.env': 'OC_NAME=n\n' };
    const { diagnostics, hover } = check({}, 'OC_REGION=r\n', { configPath, files });
    assert.deepStrictEqual(diagnostics, []);
    assert.match(hover('${OC_NAME}')!.replace(/\\/g, ''), /`\$\{OC_NAME\}`: set in \/work\/project\/\.env\./);
    assert.match(hover('${OC_MODEL}')!.replace(/\\/g, ''), /`\$\{OC_MODEL\}`: set in ~\/\.config\/openclaw\/gateway\.env\./);
    const none = check({}, undefined, { configPath }).diagnostics[0]!;
    assert.strictEqual(
      none.message.split(': ')[0],
      `\${OC_REGION} is ${unsetIn('~/.openclaw/.env, /work/project/.env or ~/.config/openclaw/gateway.env')} ${CWD}`,
    );
  });

  it('with OPENCLAW_STATE_DIR (~ expanded), only its .env counts: not ~/.openclaw/.env, nor the one beside the configuration', () => {
    const configPath = '/work/project/openclaw.json';
    const files = { '/work/project/.env': 'OC_REGION=r\nOC_MODEL=m\nOC_NAME=n\n', [`${HOME}/state/.env`]: 'OC_NAME=n\n' };
    const { diagnostics } = check({ OPENCLAW_STATE_DIR: '~/state' }, 'OC_REGION=r\nOC_MODEL=m\n', { configPath, files });
    assert.deepStrictEqual(
      diagnostics.map((d) => d.message.split(': ')[0]),
      [`\${OC_REGION} is ${unsetIn('~/state/.env')} ${CWD}`, `\${OC_MODEL} is ${unsetIn('~/state/.env')} ${CWD}`],
    );
  });

  it("an AWS_* variable: the .env of the gateway's folder does not count (OpenClaw 2026.9 ignores AWS_* keys there)", () => {
    const text = CONFIG.replace('${OC_NAME}', '${AWS_PROFILE}');
    const files = memoryFiles({ [`${HOME}/.openclaw/openclaw.json`]: text });
    const service = createLanguageService({ files: files.source, settings: { env: { HOME }, openclawVersion: '2026.9.6' } });
    const diagnostic = service
      .getDiagnostics(files.document(`${HOME}/.openclaw/openclaw.json`))
      .find((d) => d.message.startsWith('${AWS_PROFILE}'))!;
    assert.strictEqual(
      diagnostic.message.split(': ')[0],
      `\${AWS_PROFILE} is ${unsetIn('~/.openclaw/.env or ~/.config/openclaw/gateway.env')} (OpenClaw 2026.9 ignores AWS_* keys in the .env of the folder it starts in)`,
    );
  });

  it('hover says where each variable is set, and never shows its value', () => {
    const unset = check({}).hover('${OC_REGION}')!;
    assert.match(unset, /`\$\{OC_REGION\}`: not set in the environment the language server sees/);
    const set = check({ OC_MODEL: 'secret-model-id' }, 'OC_NAME=secret-name\n');
    const model = set.hover('${OC_MODEL}')!;
    assert.match(model, /`\$\{OC_MODEL\}`: set in the environment the language server sees\./);
    assert.ok(!model.includes('secret-model-id'));
    const name = set.hover('${OC_NAME}')!;
    assert.match(name.replace(/\\/g, ''), /`\$\{OC_NAME\}`: set in ~\/\.openclaw\/\.env\./, 'the path, Markdown-escaped');
    assert.ok(!name.includes('secret-name'));
  });

  it('a key with an unset variable is information, underlined on the key, before the value it holds', () => {
    const text = `{ models: { providers: { "amazon-bedrock": { headers: { "X-\${OC_KEY}": "\${OC_VALUE}" } } } } }`;
    const files = memoryFiles({ [`${HOME}/.openclaw/openclaw.json`]: text });
    const service = createLanguageService({ files: files.source, settings: { env: { HOME }, openclawVersion: '2026.9.6' } });
    const document = files.document(`${HOME}/.openclaw/openclaw.json`);
    const found = service.getDiagnostics(document).filter((d) => d.code === 'env-var');
    assert.deepStrictEqual(
      found.map((d) => [d.severity, d.message.split(' is ')[0], document.offsetAt(d.range.start), document.offsetAt(d.range.end)]),
      [
        [3, '${OC_KEY}', text.indexOf('"X-'), text.indexOf('": "') + 1],
        [3, '${OC_VALUE}', text.indexOf('"${OC_VALUE}'), text.lastIndexOf('"') + 1],
      ],
    );
  });
});
