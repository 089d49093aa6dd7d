import * as assert from 'assert';
import { createLanguageService, Diagnostic, LanguageService, Position, TextDocumentLike } from '../../server/src/service/languageService';
import { applyEdits, memoryFiles } from '../helpers';

/*
 * A configuration split with `$include`: the parts count together (no false "unknown model" or
 * "no alias"), each file shows its own findings, a failing include is an error on its string while
 * everything else keeps working, and the features follow references from file to file.
 */

const PROVIDER = `{
  // included at models
  providers: {
    "amazon-bedrock": {
      baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
      api: "bedrock-converse-stream",
      models: [
        { id: "zai.glm-4.7", name: "GLM 4.7" },
        { id: "qwen.qwen3-32b-v1:0", name: "Qwen3 32B" },
      ],
    },
  },
}
`;

const ROOT = `{
  models: { $include: "./models.json5" },
  agents: {
    defaults: {
      model: { primary: "GLM", fallbacks: ["amazon-bedrock/qwen.qwen3-32b-v1:0"] },
      models: {
        "amazon-bedrock/zai.glm-4.7": { alias: "GLM" },
      },
    },
  },
}
`;

function setUp(
  files: Record<string, string>,
  links: Record<string, string> = {},
): { service: LanguageService; files: ReturnType<typeof memoryFiles> } {
  const memory = memoryFiles(files, links);
  return { service: createLanguageService({ files: memory.source, settings: { openclawVersion: '2026.9.6' } }), files: memory };
}

const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.severity} ${d.code} ${d.data?.path ?? ''}`.trim());

/** The position of the n-th occurrence (0-based) of `needle` in a text, plus `shift` characters. */
function at(text: string, needle: string, shift = 1, occurrence = 0): Position {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} in the text`);
  const before = text.slice(0, offset + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

describe('$include: one configuration across files', () => {
  it('counts models and aliases wherever they are written, and each file shows its own findings', () => {
    const { service, files } = setUp({ '/cfg/openclaw.json': ROOT, '/cfg/models.json5': PROVIDER });
    const problems = service.getDiagnostics(files.document('/cfg/openclaw.json')).filter((d) => d.severity <= 2);
    assert.deepStrictEqual(summary(problems), [], 'no unknown model, no missing alias in the root');
    const included = service.getDiagnostics(files.document('/cfg/models.json5'));
    assert.deepStrictEqual(
      summary(included),
      ['2 no-alias', '3 missing-facts', '3 missing-facts'],
      "the model without an alias is flagged where it is written (and what the catalog knows of both models' figures)",
    );
    assert.match(included[0]!.message, /^amazon-bedrock\/qwen\.qwen3-32b-v1:0 has no entry in agents\.defaults\.models/);
    assert.deepStrictEqual(service.getConfigurationFiles(files.document('/cfg/models.json5')), [
      files.uri('/cfg/openclaw.json'),
      files.uri('/cfg/models.json5'),
    ]);
  });

  it('merges as OpenClaw does: arrays concatenate (included first), a sibling scalar wins, objects merge', () => {
    const root = `{
  models: {
    $include: "./models.json5",
    mode: "replace",
    providers: { "amazon-bedrock": { models: [{ id: "deepseek.r1-v1:0", name: "R1" }] } },
  },
  agents: { defaults: { model: "amazon-bedrock/deepseek.r1-v1:0", models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" } } } },
}`;
    const { service, files } = setUp({ '/cfg/openclaw.json': root, '/cfg/models.json5': PROVIDER });
    const targets = service.getTestTargets(files.document('/cfg/openclaw.json')).map((target) => target.ref);
    assert.deepStrictEqual(targets, [
      'amazon-bedrock/zai.glm-4.7',
      'amazon-bedrock/qwen.qwen3-32b-v1:0',
      'amazon-bedrock/deepseek.r1-v1:0',
    ]);
    const hover = service.getHover(files.document('/cfg/openclaw.json'), at(root, 'deepseek.r1-v1:0"', 3, 1))!;
    assert.match(hover.contents, /\*\*R1\*\*/);
  });

  it("validates the merged configuration: an unknown key in an included file is an error there, at OpenClaw's path", () => {
    const broken = PROVIDER.replace('name: "GLM 4.7" }', 'name: "GLM 4.7", temperature: 1 }');
    const { service, files } = setUp({ '/cfg/openclaw.json': ROOT, '/cfg/models.json5': broken });
    const [error] = service.getDiagnostics(files.document('/cfg/models.json5')).filter((d) => d.severity === 1);
    assert.strictEqual(error!.data?.path, 'models.providers.amazon-bedrock.models.0');
    assert.match(error!.message, /^Unrecognized key: "temperature"/);
    assert.deepStrictEqual(error!.range.start, at(broken, 'temperature', 0));
    assert.deepStrictEqual(
      service.getDiagnostics(files.document('/cfg/openclaw.json')).filter((d) => d.severity === 1),
      [],
    );
  });

  it("reports a failing include on its string with OpenClaw's message, and keeps everything else working", () => {
    const cases: [include: string, message: RegExp][] = [
      ['"./nope.json5"', /^Failed to read include file: \.\/nope\.json5 \(resolved: \/cfg\/nope\.json5\)/],
      ['"../outside.json5"', /^Include path escapes config directory: \.\.\/outside\.json5 \(root: \/cfg\)/],
      ['42', /^Invalid \$include value: expected string or array of strings, got number/],
      ['["./models.json5", true]', /^Invalid \$include array item: expected string, got boolean/],
    ];
    for (const [include, message] of cases) {
      const root = `{ models: { $include: ${include} }, agents: { defaults: { model: "amazon-bedrock/zai.glm-4.7", models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM", nickname: 1 } } } } }`;
      const { service, files } = setUp({ '/cfg/openclaw.json': root, '/cfg/models.json5': PROVIDER, '/outside.json5': '{}' });
      const diagnostics = service.getDiagnostics(files.document('/cfg/openclaw.json'));
      const include_ = diagnostics.find((d) => d.code === 'include')!;
      assert.match(include_.message, message, include);
      assert.strictEqual(include_.severity, 1);
      assert.strictEqual(include_.data?.path, '<root>');
      const failing = include.startsWith('[') ? 'true' : include;
      assert.deepStrictEqual(include_.range.start, at(root, failing, 0), include);
      // The rest still works; the schema's finding waits behind the include (OpenClaw stops there).
      const schema = diagnostics.find((d) => d.code === 'schema')!;
      assert.strictEqual(schema.severity, 2, include);
    }
  });

  it('detects cycles and the depth limit as OpenClaw does', () => {
    const cycle = setUp({
      '/cfg/openclaw.json': '{ models: { $include: "./a.json5" } }',
      '/cfg/a.json5': '{ $include: "./openclaw.json" }',
    });
    assert.match(
      cycle.service.getDiagnostics(cycle.files.document('/cfg/a.json5')).find((d) => d.code === 'include')!.message,
      /^Circular include detected: \/cfg\/openclaw\.json -> \/cfg\/a\.json5 -> \/cfg\/openclaw\.json/,
    );
    const chain: Record<string, string> = { '/cfg/openclaw.json': '{ models: { $include: "./f1.json5" } }' };
    for (let i = 1; i <= 11; i++) chain[`/cfg/f${i}.json5`] = i < 11 ? `{ $include: "./f${i + 1}.json5" }` : '{ mode: "merge" }';
    const deep = setUp(chain);
    assert.deepStrictEqual(
      deep.service
        .getConfigurationDiagnostics(deep.files.document('/cfg/openclaw.json'))
        .flatMap(({ uri, diagnostics }) => diagnostics.map((d) => `${uri.split('/').pop()}: ${d.message.split(':')[0]}`)),
      ['f10.json5: Maximum include depth (10) exceeded at'],
    );
  });

  it('sees an included file opened on its own as part of the configuration in its folder', () => {
    const { service, files } = setUp({ '/cfg/openclaw.json': ROOT, '/cfg/models.json5': PROVIDER });
    const hover = service.getHover(files.document('/cfg/models.json5'), at(PROVIDER, '"zai.glm-4.7"', 2))!;
    assert.match(hover.contents, /GLM/);
    assert.match(hover.contents, /alias/i);
    const completion = service.getCompletion(files.document('/cfg/models.json5'), at(PROVIDER, 'id: "zai', 5));
    assert.ok(
      completion.items.some((item) => item.label === 'anthropic.claude-opus-4-6-v1'),
      "model ids complete at the included file's logical path",
    );
  });
});

describe('$include: navigation and edits across files', () => {
  const setUpSplit = () => setUp({ '/cfg/openclaw.json': ROOT, '/cfg/models.json5': PROVIDER });

  it('goes to the model entry from a reference, an alias-map key and an alias, in the file that holds it: one place, so the editor jumps', () => {
    const { service, files } = setUpSplit();
    const root = files.document('/cfg/openclaw.json');
    const modelsUri = files.uri('/cfg/models.json5');
    const glm = { uri: modelsUri, range: { start: at(PROVIDER, '"zai.glm-4.7"', 0), end: at(PROVIDER, '"zai.glm-4.7"', 13) } };
    assert.deepStrictEqual(service.getDefinition(root, at(ROOT, '"amazon-bedrock/zai.glm-4.7"', 3)), [glm]);
    assert.deepStrictEqual(
      service.getDefinition(root, at(ROOT, '"GLM"', 2)),
      [glm],
      'a bare alias: the model entry alone, not a peek of two',
    );
    assert.deepStrictEqual(service.getDefinition(root, at(ROOT, '"GLM"', 2, 1)), [glm], 'the alias value itself');
    assert.deepStrictEqual(service.getDefinition(root, at(ROOT, 'qwen.qwen3', 2))[0]!.uri, modelsUri);
  });

  it('finds every reference to a model from its id in another file', () => {
    const { service, files } = setUpSplit();
    const references = service.getReferences(files.document('/cfg/models.json5'), at(PROVIDER, '"zai.glm-4.7"', 2), true);
    assert.deepStrictEqual(
      references.map((location) => `${location.uri.split('/').pop()}:${location.range.start.line}`),
      ['models.json5:7', 'openclaw.json:4', 'openclaw.json:6'],
      'the id, primary "GLM" (through the alias), the alias-map key',
    );
  });

  it('renames a model id in its entry and in every reference, across files', () => {
    const { service, files } = setUpSplit();
    const models = files.document('/cfg/models.json5');
    const position = at(PROVIDER, '"zai.glm-4.7"', 2);
    assert.deepStrictEqual(service.prepareRename(models, position), {
      range: { start: at(PROVIDER, 'zai.glm-4.7', 0), end: at(PROVIDER, 'zai.glm-4.7', 11) },
      placeholder: 'zai.glm-4.7',
    });
    const edit = service.getRename(models, position, 'zai.glm-5');
    assert.ok(typeof edit !== 'string');
    assert.ok(applyEdits(PROVIDER, edit.changes[files.uri('/cfg/models.json5')]!).includes('{ id: "zai.glm-5", name: "GLM 4.7" }'));
    const root = applyEdits(ROOT, edit.changes[files.uri('/cfg/openclaw.json')]!);
    assert.ok(root.includes('"amazon-bedrock/zai.glm-5": { alias: "GLM" }'));
    assert.ok(root.includes('primary: "GLM"'), 'a reference through the alias stays');
    assert.strictEqual(service.getRename(models, position, 'has space'), 'A model id cannot be empty or contain spaces.');
  });

  it('renames an alias and every reference that uses it', () => {
    const { service, files } = setUpSplit();
    const root = files.document('/cfg/openclaw.json');
    const edit = service.getRename(root, at(ROOT, '"GLM"', 2), 'Fast');
    assert.ok(typeof edit !== 'string');
    const after = applyEdits(ROOT, edit.changes[files.uri('/cfg/openclaw.json')]!);
    assert.ok(after.includes('primary: "Fast"') && after.includes('{ alias: "Fast" }'), after);
    assert.deepStrictEqual(Object.keys(edit.changes), [files.uri('/cfg/openclaw.json')]);
  });

  it('adds a missing alias to the alias map in the root file, from a model written in the included file', () => {
    const { service, files } = setUpSplit();
    const models = files.document('/cfg/models.json5');
    const [diagnostic] = service.getDiagnostics(models);
    const [fix] = service.getCodeActions(models, { range: diagnostic!.range, diagnostics: [diagnostic!], only: ['quickfix'] });
    assert.strictEqual(
      fix!.title,
      "Add alias 'Qwen3 32B' for amazon-bedrock/qwen.qwen3-32b-v1:0 (moving the /model allowlist to agents.defaults.modelPolicy.allow first)",
    );
    assert.deepStrictEqual(Object.keys(fix!.edit.changes), [files.uri('/cfg/openclaw.json')]);
    assert.ok(
      applyEdits(ROOT, fix!.edit.changes[files.uri('/cfg/openclaw.json')]!).includes(
        '"amazon-bedrock/qwen.qwen3-32b-v1:0": { alias: "Qwen3 32B" },',
      ),
    );
  });

  it("moves models.bedrockDiscovery written with an $include as written: the $include moves, the included file's text stays in its file", () => {
    const root = `{
  models: {
    bedrockDiscovery: { $include: "./discovery.json5", enabled: true },
  },
}
`;
    const { service, files } = setUp({
      '/cfg/openclaw.json': root,
      '/cfg/discovery.json5': '{ region: "us-west-2", providerFilter: ["anthropic"] }\n',
    });
    const document = files.document('/cfg/openclaw.json');
    const move = service
      .getCodeActions(document, {
        range: { start: at(root, 'bedrockDiscovery', 0), end: at(root, 'bedrockDiscovery', 0) },
        only: ['quickfix'],
      })
      .find((action) => action.title.startsWith('Move models.bedrockDiscovery'))!;
    assert.deepStrictEqual(Object.keys(move.edit.changes), [files.uri('/cfg/openclaw.json')]);
    const moved = applyEdits(root, move.edit.changes[files.uri('/cfg/openclaw.json')]!);
    assert.match(moved, /discovery: \{\s*\$include: "\.\/discovery\.json5",\s*enabled: true,?\s*\}/);
    assert.ok(!moved.includes('us-west-2') && !moved.includes('bedrockDiscovery'), moved);
  });

  it('an include path no file can have (a lone surrogate) fails to read, as any missing file', () => {
    const root = '{ models: { $include: "./\\uD800.json5" } }';
    const { service, files } = setUp({ '/cfg/openclaw.json': root });
    const include = service.getDiagnostics(files.document('/cfg/openclaw.json')).find((d) => d.code === 'include')!;
    assert.match(include.message, /^Failed to read include file: \.\/\uD800\.json5 \(resolved: \/cfg\/\uD800\.json5\): OpenClaw rejects/);
  });
});

describe("$include through symlinks: followed as OpenClaw follows them, never out of the configuration's folder", () => {
  const SECRET = '{ models: { providers: { "amazon-bedrock": { models: [{ id: "secret-model-id", name: "Secret" }] } } } }';
  const outside = {
    '/etc/hostname': 'vm\n',
    '/home/user/secret.json': SECRET,
    '/home/user/sub/x.json5': '{}',
    '/home/user/models.json5': SECRET,
  };
  const includeMessages = (service: LanguageService, document: TextDocumentLike) =>
    service
      .getDiagnostics(document)
      .filter((d) => d.code === 'include')
      .map((d) => d.message.split(': OpenClaw rejects')[0]);

  it("refuses a link to a file or a folder outside, with OpenClaw's message, and reads nothing there", () => {
    const root = '{ "$include": ["./etclink/hostname", "./secret-link.json"] }';
    const links = { '/cfg/etclink': '/etc', '/cfg/secret-link.json': '../home/user/secret.json' };
    const { service, files } = setUp({ '/cfg/openclaw.json': root, ...outside }, links);
    const document = files.document('/cfg/openclaw.json');
    assert.deepStrictEqual(includeMessages(service, document), [
      'Include path resolves outside config directory (symlink): ./etclink/hostname (root: /cfg)',
      'Include path resolves outside config directory (symlink): ./secret-link.json (root: /cfg)',
    ]);
    assert.deepStrictEqual(service.getConfigurationFiles(document), [files.uri('/cfg/openclaw.json')]);
    assert.ok(!JSON.stringify(service.getConfigurationDiagnostics(document)).includes('secret-model-id'));
    assert.deepStrictEqual([...files.reads.keys()], ['/cfg/openclaw.json'], 'nothing outside the folder was read');
  });

  it('follows links that stay inside: to a file of the folder, out and back in, and a configuration folder that is itself a link', () => {
    const root =
      '{ models: { $include: "./out-and-back.json5" }, agents: { defaults: { models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" } } } } }';
    const links = {
      '/cfg/out-and-back.json5': '/elsewhere/back.json5',
      '/elsewhere/back.json5': '/cfg/inner-link.json5',
      '/cfg/inner-link.json5': 'models.json5',
      '/link': '/cfg',
    };
    const { service, files } = setUp({ '/cfg/openclaw.json': root, '/cfg/models.json5': PROVIDER }, links);
    for (const configuration of ['/cfg/openclaw.json', '/link/openclaw.json']) {
      const document = files.document(configuration);
      assert.deepStrictEqual(includeMessages(service, document), [], configuration);
      assert.deepStrictEqual(service.getConfigurationFiles(document).length, 2, configuration);
      assert.deepStrictEqual(
        summary(service.getDiagnostics(document).filter((d) => d.severity <= 2)),
        [],
        `${configuration}: the models count`,
      );
    }
  });

  it("takes `..` after a link as written (the folder's own file), links it cannot follow and dangling ones as OpenClaw does", () => {
    const root = '{ "$include": ["./dirlink/../models.json5", "./loop-a.json", "./dangling.json"] }';
    const links = {
      '/cfg/dirlink': '/home/user/sub',
      '/cfg/loop-a.json': 'loop-b.json',
      '/cfg/loop-b.json': 'loop-a.json',
      '/cfg/dangling.json': 'x.json',
    };
    const { service, files } = setUp(
      { '/cfg/openclaw.json': root, '/cfg/models.json5': '{ models: { mode: "merge" } }', ...outside },
      links,
    );
    assert.deepStrictEqual(includeMessages(service, files.document('/cfg/openclaw.json')), [
      'Failed to resolve include file realpath: ./loop-a.json (resolved: /cfg/loop-a.json)',
      'Failed to read include file: ./dangling.json (resolved: /cfg/dangling.json)',
    ]);
    assert.deepStrictEqual([...files.reads.keys()].sort(), ['/cfg/models.json5', '/cfg/openclaw.json']);
  });
});

describe('$include fan-out: each file processed once per chain, the expansion bounded', () => {
  it('a file included twice shows each finding once, and a model it holds says so rather than naming its own line', () => {
    const models = '{ models: { providers: { "amazon-bedrock": { models: [{ id: "zai.glm-4.7", name: "GLM" }] } } } }';
    const { service, files } = setUp({ '/cfg/openclaw.json': '{ "$include": ["./m.json5", "./m.json5"] }', '/cfg/m.json5': models });
    const diagnostics = service.getDiagnostics(files.document('/cfg/m.json5'));
    assert.deepStrictEqual(
      diagnostics.map((d) => d.code),
      ['no-alias', 'duplicate-model-id', 'missing-facts'],
    );
    assert.strictEqual(
      diagnostics[1]!.message,
      "Model id 'zai.glm-4.7' is defined more than once in provider 'amazon-bedrock' (its file is included more than once): keep one entry.",
    );
  });

  /** Ten files, each including the next one six times: 6^9 copies of the last one, as OpenClaw would expand it. */
  function fanOut(includeOf: (next: string) => string, last: string): Record<string, string> {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++)
      files[i === 0 ? '/fan/openclaw.json' : `/fan/f${i}.json5`] = i < 9 ? includeOf(JSON.stringify(`./f${i + 1}.json5`)) : last;
    return files;
  }

  it('merges what repeats into the same values without expanding it again: no limit reached, each file read once', () => {
    const leaf = '{ agents: { defaults: { models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" } } } } }';
    const { service, files } = setUp(fanOut((next) => `{ "$include": [${Array(6).fill(next).join(', ')}] }`, leaf));
    const configuration = service.getConfigurationDiagnostics(files.document('/fan/openclaw.json'));
    assert.strictEqual(configuration.length, 10, 'every file is part of it');
    assert.deepStrictEqual(
      configuration.flatMap(({ diagnostics }) => diagnostics.filter((d) => d.code === 'include' || d.code === 'include-limit')),
      [],
    );
    assert.deepStrictEqual(new Set(files.reads.values()), new Set([1]), 'each file read once');
  });

  it('stops expanding at the limit with a warning on the $include that would pass it, and checks what it has', () => {
    const leaf = '{ models: { providers: { "amazon-bedrock": { models: [{ id: "zai.glm-4.7", name: "GLM" }] } } } }';
    const keys = (next: string) => `{ ${['a', 'b', 'c', 'd', 'e', 'f'].map((key) => `${key}: { $include: ${next} }`).join(', ')} }`;
    const arrays = (next: string) => `{ "$include": [${Array(6).fill(next).join(', ')}] }`;
    for (const [shape, includeOf] of [
      ['arrays', arrays],
      ['keys', keys],
    ] as const) {
      const { service, files } = setUp(fanOut(includeOf, leaf));
      const configuration = service.getConfigurationDiagnostics(files.document('/fan/openclaw.json'));
      const limits = configuration.flatMap(({ diagnostics }) => diagnostics.filter((d) => d.code === 'include-limit'));
      assert.ok(limits.length > 0, shape);
      assert.match(
        limits[0]!.message,
        /^\.\/f\d\.json5 is not checked: with it the configuration would hold more than 500,000 values once every \$include/,
      );
      assert.ok(
        limits[0]!.message.endsWith(
          '(a file included again is copied again). OpenClaw sets no such limit; the extension stops here to stay responsive.',
        ),
      );
      assert.ok(
        limits.every((d) => d.severity === 2),
        'a warning: OpenClaw itself would read on',
      );
      if (shape === 'arrays') {
        // The last file is checked, each finding once though its model is in the merged list thousands of times.
        const last = configuration.find(({ uri }) => uri === files.uri('/fan/f9.json5'))!;
        assert.deepStrictEqual(
          last.diagnostics.map((d) => d.code),
          ['no-alias', 'duplicate-model-id', 'missing-facts'],
        );
        assert.match(last.diagnostics[1]!.message, /\(its file is included more than once\): keep one entry\.$/);
      }
      assert.deepStrictEqual(new Set(files.reads.values()), new Set([1]), `${shape}: each file read once`);
    }
  });
});
