import * as assert from 'assert';
import { createLanguageService, Diagnostic } from '../../server/src/service/languageService';
import { envReferences } from '../../server/src/service/envVars';
import { memoryFiles } from '../helpers';

/*
 * `${VAR}` in strings: what OpenClaw substitutes from its environment (the process's and ~/.openclaw/.env).
 * The extension says whether each is set where it can see, never the value.
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

function check(env: Record<string, string>, dotenv?: string): { diagnostics: Diagnostic[]; hover: (needle: string) => string | undefined } {
  const files = memoryFiles({ '/home/u/.openclaw/openclaw.json': CONFIG, ...(dotenv !== undefined ? { '/home/u/.openclaw/.env': dotenv } : {}) });
  const service = createLanguageService({ files: files.source, settings: { env, openclawVersion: '2026.9.6' } });
  const document = files.document('/home/u/.openclaw/openclaw.json');
  return {
    diagnostics: service.getDiagnostics(document).filter((d) => d.code === 'env-var'),
    hover: (needle) => service.getHover(document, document.positionAt(CONFIG.indexOf(needle) + 2))?.contents,
  };
}

describe('${VAR} in strings', () => {
  it('reads the references OpenClaw substitutes: upper-case names, not $${escaped}', () => {
    assert.deepStrictEqual(envReferences('${A}-${B_2}-$${ESC}-${lower}-${A}'), ['A', 'B_2']);
  });

  it('an unset variable in baseUrl or a model id is a warning; elsewhere information', () => {
    const { diagnostics } = check({});
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.severity, d.message.split(':')[0]]),
      [
        [2, '${OC_REGION} is not set in the environment the language server sees, nor in /home/u/.openclaw/.env'],
        [2, '${OC_MODEL} is not set in the environment the language server sees, nor in /home/u/.openclaw/.env'],
        [3, '${OC_NAME} is not set in the environment the language server sees, nor in /home/u/.openclaw/.env'],
      ],
    );
    assert.match(diagnostics[0]!.message, /requests to the provider fail/);
  });

  it('a variable set in the environment or in the .env beside the configuration is fine', () => {
    assert.deepStrictEqual(check({ OC_REGION: 'us-west-2', OC_MODEL: 'zai.glm-4.7', OC_NAME: 'GLM' }).diagnostics, []);
    assert.deepStrictEqual(check({ OC_NAME: 'GLM' }, 'OC_REGION=us-west-2\nexport OC_MODEL="zai.glm-4.7"\n').diagnostics, []);
    assert.strictEqual(check({ OC_REGION: '' }).diagnostics.length, 3, 'an empty value counts as unset');
  });

  it('hover says where each variable is set, and never shows its value', () => {
    const unset = check({}).hover('${OC_REGION}')!;
    assert.match(unset, /`\$\{OC_REGION\}`: not set in the environment the language server sees/);
    const set = check({ OC_MODEL: 'secret-model-id' }, 'OC_NAME=secret-name\n');
    const model = set.hover('${OC_MODEL}')!;
    assert.match(model, /`\$\{OC_MODEL\}`: set in the environment the language server sees\./);
    assert.ok(!model.includes('secret-model-id'));
    const name = set.hover('${OC_NAME}')!;
    assert.match(name.replace(/\\/g, ''), /`\$\{OC_NAME\}`: set in \/home\/u\/\.openclaw\/\.env\./, 'the path, Markdown-escaped');
    assert.ok(!name.includes('secret-name'));
  });
});
