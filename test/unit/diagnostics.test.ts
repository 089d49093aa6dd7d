import * as assert from 'assert';
import { createLanguageService, Diagnostic, Severity } from '../../server/src/service/languageService';
import { documentOf, readSample } from '../helpers';

/** The checks of the first issue (references, aliases, duplicates, syntax); the others have their own tests. */
const CORE_CODES = new Set([
  'syntax',
  'not-an-object',
  'duplicate-key',
  'no-alias',
  'unknown-model',
  'unresolved-reference',
  'duplicate-alias',
  'duplicate-model-id',
]);

function diagnose(text: string, openclawVersion?: string): Diagnostic[] {
  return createLanguageService({ settings: { openclawVersion } })
    .getDiagnostics(documentOf(text))
    .filter((d) => CORE_CODES.has(d.code));
}

/** `line:col severity code` per diagnostic, 1-based like the CLI. */
function brief(text: string, openclawVersion?: string): string[] {
  return diagnose(text, openclawVersion).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code}`);
}

const TWO_MODELS = (extra = '') => `{
  ${extra}
  models: { providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", models: [
    { id: "a.one", name: "One" },
    { id: "b.two", name: "Two" },
  ] } } },
  agents: { defaults: {
    model: { primary: "amazon-bedrock/b.two" },
    models: { "amazon-bedrock/a.one": { alias: "One" } },
  } },
}`;

describe('diagnostics', () => {
  it('on the sample: the two models added without aliases, and what OpenClaw 2026.9.6 and the built-in catalog say of the reference, nothing else', () => {
    const text = readSample();
    const diagnostics = createLanguageService().getDiagnostics(documentOf(text));
    const lines = text.split('\n');
    assert.deepStrictEqual(
      diagnostics
        .map((d) => [d.range.start.line + 1, d.severity, d.code, lines[d.range.start.line]!.trim()] as const)
        .sort((a, b) => a[0] - b[0]),
      [
        [31, Severity.Warning, 'needs-inference-profile', '"id": "deepseek.r1-v1:0",'],
        [97, Severity.Hint, 'image-input', '"input": ["text"],'],
        [103, Severity.Warning, 'needs-inference-profile', '"id": "anthropic.claude-opus-4-6-v1",'],
        [112, Severity.Warning, 'needs-inference-profile', '"id": "meta.llama4-scout-17b-instruct-v1:0",'],
        [121, Severity.Warning, 'needs-inference-profile', '"id": "meta.llama4-maverick-17b-instruct-v1:0",'],
        [140, Severity.Warning, 'no-alias', '"id": "openai.gpt-oss-120b-1:0",'],
        [149, Severity.Warning, 'no-alias', '"id": "qwen.qwen3-32b-v1:0",'],
        [160, Severity.Error, 'legacy-key', '"bedrockDiscovery": {'],
        [170, Severity.Information, 'legacy-allowlist', '"models": {'],
      ],
    );
    const noAlias = diagnostics.find((d) => d.code === 'no-alias')!;
    assert.strictEqual(
      noAlias.message,
      'amazon-bedrock/openai.gpt-oss-120b-1:0 has no entry in agents.defaults.models. On OpenClaw 2026.9.6 this alias map is still the allowlist (not migrated to modelPolicy.allow), so /model cannot select this model at all.',
    );
    assert.strictEqual(noAlias.range.end.character - noAlias.range.start.character, '"openai.gpt-oss-120b-1:0"'.length);
  });

  describe('no alias, by OpenClaw version', () => {
    it('up to 2026.7 a non-empty alias map is the allowlist: the model cannot be selected at all', () => {
      const [diagnostic] = diagnose(TWO_MODELS('meta: { lastTouchedVersion: "2026.7.2" },'));
      assert.strictEqual(
        diagnostic!.message,
        'amazon-bedrock/b.two has no entry in agents.defaults.models. On OpenClaw 2026.7.2 (meta.lastTouchedVersion) a non-empty alias map is also the allowlist, so /model cannot select this model at all (it still runs as the primary or a fallback).',
      );
    });

    it("takes the version from the setting, over the file's meta.lastTouchedVersion; from the file without a setting", () => {
      assert.match(
        diagnose(TWO_MODELS(), '2026.4.5')[0]!.message,
        /On OpenClaw 2026\.4\.5 \(openclaw\.version setting\) a non-empty alias map is also the allowlist/,
      );
      const migrated = TWO_MODELS('meta: { lastTouchedVersion: "2026.9.1", migrations: { modelPolicyAllowlist: true } },');
      assert.match(
        diagnose(migrated, '2026.4.5')[0]!.message,
        /On OpenClaw 2026\.4\.5 \(openclaw\.version setting\) a non-empty alias map is also the allowlist/,
      );
      assert.match(
        diagnose(migrated)[0]!.message,
        /cannot be picked with \/model <alias> \(OpenClaw 2026\.9\.1 \(meta\.lastTouchedVersion\)\)/,
      );
    });

    it('from 2026.8.1 an unmigrated alias map still restricts; once migrated, modelPolicy.allow decides', () => {
      assert.match(
        diagnose(TWO_MODELS())[0]!.message,
        /On OpenClaw 2026\.9\.6 this alias map is still the allowlist \(not migrated to modelPolicy\.allow\), so \/model cannot select this model at all \(it still runs as the primary or a fallback\)\.$/,
      );
      const policy = TWO_MODELS().replace('model: { primary', 'modelPolicy: { allow: ["One"] },\n    model: { primary');
      assert.match(
        diagnose(policy)[0]!.message,
        /agents\.defaults\.modelPolicy\.allow does not list it, so \/model cannot select it at all/,
      );
      const wildcard = TWO_MODELS().replace('model: { primary', 'modelPolicy: { allow: ["amazon-bedrock/*"] },\n    model: { primary');
      assert.match(diagnose(wildcard)[0]!.message, /so it cannot be picked with \/model <alias> \(OpenClaw 2026\.9\.6\)\.$/);
    });

    it('an entry without an alias is reported as such', () => {
      const text = TWO_MODELS().replace(
        '"amazon-bedrock/a.one": { alias: "One" }',
        '"amazon-bedrock/a.one": { alias: "One" }, "amazon-bedrock/b.two": { params: {} }',
      );
      const diagnostics = diagnose(text);
      assert.deepStrictEqual(
        diagnostics.map((d) => d.message),
        ['amazon-bedrock/b.two has an entry in agents.defaults.models but no alias, so it cannot be picked with /model <alias>.'],
      );
    });
  });

  describe('no alias: a warning where /model cannot select the model, information where an alias is a convenience', () => {
    /** Two models, primary none of them, and what the file says of aliases and the allowlist. */
    const FILE = (agents: string, root = '') => `{
  ${root}
  models: { providers: { "amazon-bedrock": { models: [ { id: "a.one", name: "One" }, { id: "b.two", name: "Two" } ] } } },
  agents: { defaults: { ${agents} } },
}`;
    const noAlias = (text: string, version?: string) =>
      diagnose(text, version)
        .filter((d) => d.code === 'no-alias')
        .map((d) => `${d.severity} ${d.message.split(' ')[0]} ${d.message.includes('cannot select') ? 'not selectable' : 'convenience'}`);
    const INFO = Severity.Information;
    const WARN = Severity.Warning;

    it('no alias map, or an empty one: information (nothing limits /model), on every version', () => {
      for (const version of ['2026.7.2', '2026.9.6']) {
        assert.deepStrictEqual(noAlias(FILE(''), version), [
          `${INFO} amazon-bedrock/a.one convenience`,
          `${INFO} amazon-bedrock/b.two convenience`,
        ]);
        assert.deepStrictEqual(noAlias(FILE('models: {}'), version), [
          `${INFO} amazon-bedrock/a.one convenience`,
          `${INFO} amazon-bedrock/b.two convenience`,
        ]);
      }
      assert.strictEqual(
        diagnose(FILE('')).find((d) => d.code === 'no-alias')!.message,
        'amazon-bedrock/a.one has no alias in agents.defaults.models, so it cannot be picked with /model <alias> (OpenClaw 2026.9.6).',
      );
    });

    it('a map that is the allowlist (2026.7, or 2026.9.6 not migrated): a warning for a model it leaves out, information for one it lists', () => {
      const text = FILE('models: { "openai/gpt-5": { alias: "GPT" }, "amazon-bedrock/a.one": { params: {} } }');
      for (const version of ['2026.7.2', '2026.9.6']) {
        assert.deepStrictEqual(noAlias(text, version), [
          `${INFO} amazon-bedrock/a.one convenience`,
          `${WARN} amazon-bedrock/b.two not selectable`,
        ]);
      }
    });

    it("a wildcard key of a map that is the allowlist lets /model select the provider's models: information", () => {
      assert.deepStrictEqual(noAlias(FILE('models: { "amazon-bedrock/*": {} }')), [
        `${INFO} amazon-bedrock/a.one convenience`,
        `${INFO} amazon-bedrock/b.two convenience`,
      ]);
    });

    it('a migrated map (the marker, or a modelPolicy object) names aliases only: information, unless the policy leaves the model out', () => {
      const map = 'models: { "openai/gpt-5": { alias: "GPT" } }';
      const migrated = FILE(map, 'meta: { migrations: { modelPolicyAllowlist: true } },');
      assert.deepStrictEqual(noAlias(migrated), [`${INFO} amazon-bedrock/a.one convenience`, `${INFO} amazon-bedrock/b.two convenience`]);
      assert.deepStrictEqual(noAlias(FILE(`${map}, modelPolicy: {}`)), [
        `${INFO} amazon-bedrock/a.one convenience`,
        `${INFO} amazon-bedrock/b.two convenience`,
      ]);
      assert.deepStrictEqual(noAlias(FILE(`${map}, modelPolicy: { allow: ["amazon-bedrock/a.one"] }`)), [
        `${INFO} amazon-bedrock/a.one convenience`,
        `${WARN} amazon-bedrock/b.two not selectable`,
      ]);
      assert.deepStrictEqual(noAlias(FILE(`${map}, modelPolicy: { allow: ["amazon-bedrock/*"] }`)), [
        `${INFO} amazon-bedrock/a.one convenience`,
        `${INFO} amazon-bedrock/b.two convenience`,
      ]);
    });

    it('one diagnostic per model reference, when a provider lists an id twice', () => {
      const twice = `{
  models: { providers: { "amazon-bedrock": { models: [ { id: "a.one", name: "One" }, { id: "a.one", name: "One again" } ] } } },
}`;
      const diagnostics = diagnose(twice).filter((d) => d.code === 'no-alias');
      assert.deepStrictEqual(
        diagnostics.map((d) => [d.range.start.line, d.severity]),
        [[1, INFO]],
      );
      assert.strictEqual(diagnostics[0]!.range.start.character, twice.split('\n')[1]!.indexOf('"a.one"'), 'at the first entry');
      const aliased = twice.replace('\n}', '\n  agents: { defaults: { models: { "amazon-bedrock/a.one": { alias: "One" } } } },\n}');
      assert.deepStrictEqual(
        diagnose(aliased).filter((d) => d.code === 'no-alias'),
        [],
        'its alias names both entries',
      );
    });
  });

  describe('references', () => {
    const withRefs = (refs: string) => `{
      models: { providers: {
        "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", models: [ { id: "qwen.qwen3-coder-next", name: "Q" } ] },
        openai: { baseUrl: "https://api.openai.com/v1", models: [ { id: "gpt-5", name: "G" } ] },
      } },
      agents: { defaults: { models: { "amazon-bedrock/qwen.qwen3-coder-next": { alias: "Q" }, "openai/gpt-5": { alias: "G" } }, ${refs} } },
    }`;

    it('an unknown amazon-bedrock model is a warning (OpenClaw starts, the model fails), with a suggestion', () => {
      const diagnostics = diagnose(withRefs('model: "amazon-bedrock/qwen.qwen3-coder-nxt"'));
      assert.strictEqual(diagnostics.length, 1);
      assert.strictEqual(diagnostics[0]!.severity, Severity.Warning);
      assert.strictEqual(
        diagnostics[0]!.message,
        `Unknown model amazon-bedrock/qwen.qwen3-coder-nxt: 'amazon-bedrock' lists its models explicitly, which replaces the list Bedrock discovery would bring, and none has the id 'qwen.qwen3-coder-nxt'. OpenClaw starts, but fails with "Unknown model: amazon-bedrock/qwen.qwen3-coder-nxt" when this reference is used. Did you mean amazon-bedrock/qwen.qwen3-coder-next?`,
      );
    });

    it('an alias map key for a model no provider lists is reported too', () => {
      const text = withRefs('').replace('{ alias: "G" } }', '{ alias: "G" }, "amazon-bedrock/gone": { alias: "Gone" } }');
      assert.deepStrictEqual(
        diagnose(text).map((d) => [d.severity, d.code]),
        [[Severity.Warning, 'unknown-model']],
      );
    });

    it('a model of a provider with a built-in catalog is at most a hint', () => {
      assert.deepStrictEqual(
        diagnose(withRefs('model: "openai/gpt-6"')).map((d) => [d.severity, d.message]),
        [[Severity.Hint, "openai/gpt-6 is not defined in this file; OpenClaw's built-in catalog for 'openai' may provide it."]],
      );
    });

    it('a provider the file does not configure is never flagged, unless it looks like a typo', () => {
      assert.deepStrictEqual(diagnose(withRefs('model: "anthropic/claude-opus-4"')), []);
      assert.deepStrictEqual(
        diagnose(withRefs('model: "amazon-bedrok/qwen.qwen3-coder-next"')).map((d) => [d.severity, d.message]),
        [[Severity.Hint, "Provider 'amazon-bedrok' is not configured in this file. Did you mean 'amazon-bedrock'?"]],
      );
    });

    it('aliases, wildcards and auth profiles resolve without diagnostics', () => {
      assert.deepStrictEqual(
        diagnose(
          withRefs(
            'model: { primary: "q", fallbacks: ["amazon-bedrock/Q"] }, modelPolicy: { allow: ["amazon-bedrock/*", "Q", "openai/gpt-5@work"] }',
          ),
        ),
        [],
      );
    });

    it('a bare word that is no alias is a hint with the closest alias', () => {
      const diagnostics = diagnose(withRefs('model: "Qx"'));
      assert.deepStrictEqual(
        diagnostics.map((d) => [d.severity, d.message]),
        [
          [
            Severity.Hint,
            "'Qx' is not an alias or a model id defined in this file; OpenClaw will look for it in its built-in catalogs. Did you mean the alias 'Q'?",
          ],
        ],
      );
    });

    it('per-agent models in agents.list and agents.entries are checked', () => {
      assert.deepStrictEqual(
        brief(
          withRefs(
            '}, list: [ { id: "a", model: "amazon-bedrock/x" } ], entries: { b: { model: { primary: "amazon-bedrock/y" } } }, defaults2: {',
          ),
        ).filter((d) => d.endsWith('unknown-model')).length,
        2,
      );
    });
  });

  it('two entries with the same alias, in any case, are both reported', () => {
    const text = TWO_MODELS().replace(
      '"amazon-bedrock/a.one": { alias: "One" }',
      '"amazon-bedrock/a.one": { alias: "Same" }, "amazon-bedrock/b.two": { alias: "SAME" }',
    );
    const messages = diagnose(text).map((d) => d.message);
    assert.deepStrictEqual(messages, [
      "Alias 'Same' is also given to amazon-bedrock/b.two (line 9): the last one wins, so 'Same' selects amazon-bedrock/b.two.",
      "Alias 'SAME' is also given to amazon-bedrock/a.one (line 9): this entry wins, as the last one.",
    ]);
  });

  it('a model id listed twice in one provider is reported on both', () => {
    const text = TWO_MODELS().replace('{ id: "b.two", name: "Two" },', '{ id: "b.two", name: "Two" }, { id: "b.two", name: "Again" },');
    const duplicates = diagnose(text).filter((d) => d.code === 'duplicate-model-id');
    assert.strictEqual(duplicates.length, 2);
    assert.strictEqual(
      duplicates[0]!.message,
      "Model id 'b.two' is defined more than once in provider 'amazon-bedrock' (also on line 5): keep one entry.",
    );
  });

  it('a model id listed many times: each entry reported once, naming three others and how many more', () => {
    const entries = Array.from({ length: 300 }, (_, i) => `{ id: "b.two", name: "Copy ${i}" },\n`).join('');
    const text = TWO_MODELS().replace('{ id: "b.two", name: "Two" },', entries);
    const duplicates = diagnose(text).filter((d) => d.code === 'duplicate-model-id');
    assert.strictEqual(duplicates.length, 300);
    assert.strictEqual(
      duplicates[0]!.message,
      "Model id 'b.two' is defined more than once in provider 'amazon-bedrock' (also on line 6, line 7, line 8 and 296 more): keep one entry.",
    );
  });

  it('a key written twice: the earlier one is reported, as JSON5 keeps the last', () => {
    const diagnostics = diagnose('{ models: { mode: "merge", mode: "replace" } }');
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.code, d.range.start.character, d.message]),
      [['duplicate-key', 12, "Duplicate key 'mode': OpenClaw ignores this one and keeps the one on line 1."]],
    );
  });

  it('syntax errors are errors at their position, and the rest of the file is still checked', () => {
    const text = TWO_MODELS().replace('{ id: "b.two", name: "Two" },', '{ id: "b.two" name: "Two" },');
    assert.deepStrictEqual(brief(text), ['5:19 1 syntax', '5:11 2 no-alias']);
    assert.strictEqual(diagnose(text)[0]!.message, "Expected ',' between properties.");
  });

  it('a document that is not an object says so', () => {
    assert.deepStrictEqual(brief('[ "amazon-bedrock/x" ]'), ['1:1 1 not-an-object']);
  });
});
