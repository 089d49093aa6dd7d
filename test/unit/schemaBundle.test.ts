import * as assert from 'assert';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { brotliCompressSync } from 'zlib';
import { poolFileOf, SchemaBundle } from '../../server/src/schemaBundle';
import { createLanguageService, Diagnostic, JsonSchema } from '../../server/src/service/languageService';
import { documentOf, REPO_ROOT } from '../helpers';
import { scratchFolders } from '../scratch';

/*
 * The schemas of every stable OpenClaw release, bundled (server/schemas, made by `npm run schemas`),
 * and the whole file checked with them when no `openclaw` is installed. That they equal what each
 * release prints is checked by the oracle tier against the release it installs.
 */

const bundle = SchemaBundle.beside(join(REPO_ROOT, 'server', 'src'))!;

describe('the bundled schemas of OpenClaw releases', () => {
  it('has every stable release from 2026.3.28 to 2026.9.6 that prints a schema, each a whole draft-07 schema', () => {
    const releases = bundle.releases();
    assert.strictEqual(releases[0], '2026.3.28');
    assert.strictEqual(releases.at(-1), '2026.9.6');
    assert.ok(releases.length >= 58, `${releases.length} releases`);
    for (const release of releases) {
      const schema = bundle.load(release);
      assert.strictEqual(schema.$schema, 'http://json-schema.org/draft-07/schema#', release);
      assert.ok(Object.keys(schema.properties ?? {}).length >= 30, release);
      assert.ok(!JSON.stringify(schema).includes('"$chunk"'), `${release}: every shared part put back`);
    }
    assert.strictEqual(Object.keys(bundle.load('2026.9.6').properties!).length, 44);
  });

  it('applies a release to a version: the same, else the newest before it; none before the first', () => {
    assert.strictEqual(bundle.releaseFor('2026.9.6'), '2026.9.6');
    assert.strictEqual(bundle.releaseFor('2026.4.5'), '2026.4.2', '2026.4.5 printed no schema offline: the one before serves');
    assert.strictEqual(bundle.releaseFor('2026.7.1-2'), '2026.7.1-2');
    assert.strictEqual(bundle.releaseFor('2026.9.9'), '2026.9.6');
    assert.strictEqual(bundle.releaseFor('2026.3.2'), undefined);
  });

  it('knows what changed: models.bedrockDiscovery up to 2026.4.2, gone in 2026.9.6; since when a key exists', () => {
    const modelsOf = (release: string) => (bundle.load(release).properties!.models as JsonSchema).properties!;
    assert.ok('bedrockDiscovery' in modelsOf('2026.3.31'));
    assert.ok(!('bedrockDiscovery' in modelsOf('2026.9.6')));
    const since = bundle.since('agents.defaults.modelPolicy');
    assert.ok(since && since > '2026.7', `agents.defaults.modelPolicy since ${since}`);
    assert.strictEqual(bundle.since('models'), undefined, 'keys of the first release have no "since"');
    assert.deepStrictEqual(
      bundle.removedIn('models.bedrockDiscovery'),
      ['2026.4.7'],
      'the first bundled release without it (2026.4.5 is not bundled)',
    );
    assert.deepStrictEqual(bundle.removedIn('canvasHost.enabled'), [], 'a subtree dropped whole is recorded at its top key');
    assert.deepStrictEqual(bundle.removedIn('gateway'), []);
    for (const name of ['constructor', '__proto__', 'toString']) {
      assert.strictEqual(bundle.since(name), undefined, name);
      assert.deepStrictEqual(bundle.removedIn(name), [], name);
    }
  });
});

describe('reading the bundle', () => {
  const scratch = scratchFolders('openclaw-schema-bundle-');

  /** A bundle of one month whose stream holds these chunks (hash → text). */
  function handMadeBundle(chunks: Record<string, string>, root: string): SchemaBundle {
    const dir = scratch();
    const index = { source: 'test', eras: ['2026.1'], releases: { '2026.1.1': root }, notBundled: {} };
    writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
    const lines = Object.entries(chunks).map(([hash, text]) => `${hash}\t${text}`);
    writeFileSync(join(dir, poolFileOf('2026.1')), brotliCompressSync(Buffer.from(lines.join('\n'))));
    return new SchemaBundle(dir);
  }

  it('puts a schema together from its chunks: nested, shared, beside text in any script, never inside a string', async () => {
    const bundle = handMadeBundle(
      {
        root: '{"title":"Größe ✓","properties":{"a":{"$chunk":"leaf"},"b":{"$chunk":"mid"}},"description":"{\\"$chunk\\":\\"leaf\\"}"}',
        mid: '{"items":[{"$chunk":"leaf"},{"$chunk":"leaf"}],"const":"日本"}',
        leaf: '{"type":"string","enum":["🦀"]}',
        unused: '{"type":"number"}',
      },
      'root',
    );
    const leaf = { type: 'string', enum: ['🦀'] };
    const expected = {
      title: 'Größe ✓',
      properties: { a: leaf, b: { items: [leaf, leaf], const: '日本' } },
      description: '{"$chunk":"leaf"}',
    };
    assert.deepStrictEqual(bundle.load('2026.1.1'), expected);
    assert.deepStrictEqual(await bundle.loadAsync('2026.1.1'), expected);
  });

  it('says the bundle is damaged when a chunk is missing or a placeholder unfinished', () => {
    assert.throws(
      () => handMadeBundle({ root: '{"a":{"$chunk":"gone"}}' }, 'root').load('2026.1.1'),
      /^Error: The bundled schema of OpenClaw 2026\.1\.1 is damaged: chunk gone is missing$/,
    );
    assert.throws(
      () => handMadeBundle({ root: '{"a":{"$chunk":"leaf' }, 'root').load('2026.1.1'),
      /^Error: The bundled schema of OpenClaw 2026\.1\.1 is damaged: chunk root has an unfinished placeholder$/,
    );
  });

  it('reads a release without blocking (loadAsync) as it reads it at once (load): the newest, and the oldest, spread over every stream', async () => {
    for (const release of [bundle.releases().at(-1)!, bundle.releases()[0]!])
      assert.deepStrictEqual(await bundle.loadAsync(release), bundle.load(release), release);
  });

  it('says since when a key of a file exists, trying each key as named and as any key of a map', () => {
    assert.strictEqual(bundle.sinceOfPath(['agents', 'defaults', 'modelPolicy']), bundle.since('agents.defaults.modelPolicy'));
    assert.strictEqual(
      bundle.sinceOfPath(['channels', 'telegram', 'accounts', 'work', 'dm']),
      bundle.since('channels.telegram.accounts.*.dm'),
    );
    assert.ok(bundle.since('channels.telegram.accounts.*.dm'), 'a key that came later');
    assert.strictEqual(bundle.sinceOfPath(['models']), undefined);
    assert.strictEqual(bundle.sinceOfPath([]), undefined);
  });
});

describe('the whole file checked with the bundled schema, no openclaw installed', () => {
  const service = (openclawVersion?: string) => createLanguageService({ settings: { openclawVersion }, schemas: bundle });
  const errors = (text: string, openclawVersion?: string): Diagnostic[] =>
    service(openclawVersion)
      .getDiagnostics(documentOf(text))
      .filter((d) => d.severity === 1);
  const summary = (list: Diagnostic[]) => list.map((d) => `${d.data?.path ?? ''}: ${d.message.split(':')[0]}`);

  it('refuses what OpenClaw 2026.9.6 refuses outside the models: a misspelt or retired root key, wrong types in gateway and agents', () => {
    const text = `{
  gateway: { port: "18789" },
  agents: { defaults: { timeoutSeconds: "600" } },
  agent: {},
  routing: {},
  mdoels: {},
}`;
    assert.deepStrictEqual(summary(errors(text)), [
      'gateway.port: Invalid value',
      'agents.defaults.timeoutSeconds: Invalid value',
      ': Unrecognized key',
      ': Unrecognized key',
      ': Unrecognized key',
    ]);
    assert.strictEqual(
      errors(text)[0]!.message,
      'Invalid value: expected integer, got string at gateway.port: OpenClaw 2026.9.6 rejects the file, and the gateway does not start.',
    );
    assert.strictEqual(
      errors(text)[4]!.message,
      'Unrecognized key: "mdoels": OpenClaw 2026.9.6 rejects the file, and the gateway does not start. Did you mean \'models\'?',
    );
    assert.deepStrictEqual(
      errors('{ channels: { discord: { enabled: false } } }'),
      [],
      'a key with a default may be left out (OpenClaw accepts it)',
    );
  });

  it('refuses a channel OpenClaw does not know, as its second phase does: the QA transport too; a channel plugin named in plugins only warns', () => {
    const all = (text: string) =>
      service()
        .getDiagnostics(documentOf(text))
        .filter((d) => d.code === 'schema')
        .map((d) => [d.severity, d.data?.path, d.message.split(' at ')[0]]);
    assert.deepStrictEqual(all('{ channels: { telgram: { enabled: true }, "qa-channel": {}, telegram: {}, defaults: {} } }'), [
      [1, 'channels.telgram', 'unknown channel id: telgram'],
      [1, 'channels.qa-channel', 'unknown channel id: qa-channel'],
    ]);
    assert.deepStrictEqual(
      all('{ channels: { Telegram: {} } }'),
      [[1, 'channels.Telegram', 'unknown channel id: Telegram']],
      'ids are not folded',
    );
    assert.deepStrictEqual(
      all('{ channels: { bluebubbles: { enabled: true } }, plugins: { entries: { BlueBubbles: { enabled: true } } } }'),
      [
        [
          2,
          'channels.bluebubbles',
          'unknown channel id: bluebubbles (a channel plugin that is not installed: OpenClaw ignores its settings)',
        ],
      ],
    );
  });

  it("shows the second phase's findings (channels, plugin settings) as warnings while the core schema has errors, as OpenClaw reports them later", () => {
    const text = '{ agents: { defaults: { timeoutSeconds: "600" } }, channels: { telegram: { streamMode: "partial" }, telgram: {} } }';
    const found = service()
      .getDiagnostics(documentOf(text))
      .filter((d) => d.code === 'schema');
    assert.deepStrictEqual(
      found.map((d) => [d.severity, d.data?.path]),
      [
        [1, 'agents.defaults.timeoutSeconds'],
        [2, 'channels.telegram'],
        [2, 'channels.telgram'],
      ],
    );
    assert.match(
      found[1]!.message,
      /^Unrecognized key: "streamMode" at channels\.telegram: OpenClaw 2026\.9\.6 checks channels and plugin settings once the rest of the file is valid, then rejects it\.$/,
    );
    const later = '{ channels: { telegram: { streamMode: "partial" } } }';
    assert.deepStrictEqual(
      errors(later).map((d) => d.data?.path),
      ['channels.telegram'],
      'alone, it is an error',
    );
  });

  it('refuses the numbers OpenClaw refuses, on the number: NaN, ±Infinity, literals that overflow', () => {
    const text = `{ models: { providers: { "amazon-bedrock": { models: [
  { id: "a", name: "A", cost: { input: NaN, output: Infinity, cacheRead: -Infinity, cacheWrite: 1e400 }, contextWindow: 1e300, maxTokens: -1E+999 },
] } } } }`;
    const found = errors(text).map((d) => [
      d.range.start.character,
      d.range.end.character - d.range.start.character,
      d.message.split(' at ')[0],
    ]);
    assert.deepStrictEqual(found, [
      [39, 3, 'Invalid value: expected number, received NaN'],
      [52, 8, 'Invalid value: expected number, received Infinity'],
      [73, 9, 'Invalid value: expected number, received -Infinity'],
      [96, 5, 'Invalid value: 1e400 overflows to Infinity (expected number, received Infinity)'],
      [138, 7, 'Invalid value: -1E+999 overflows to -Infinity (expected number, received -Infinity)'],
    ]);
  });

  it('reads the file as JSON5.parse does: of equal keys the last, in JSON and JSON5 alike; a key without a value is absent', () => {
    for (const text of [
      '{ gateway: { port: "18789", port: 18789 }, agents: { defaults: { timeoutSeconds: 600, timeoutSeconds: "600" } } }',
      '{ "gateway": { "port": "18789", "port": 18789 }, "agents": { "defaults": { "timeoutSeconds": 600, "timeoutSeconds": "600" } } }',
    ]) {
      const found = errors(text).filter((d) => d.data?.path !== undefined);
      assert.deepStrictEqual(summary(found), ['agents.defaults.timeoutSeconds: Invalid value'], text);
      assert.strictEqual(found[0]!.range.start.character, text.lastIndexOf('"600"'), text);
    }
    // A half-typed key is a syntax error, and no more: not an unknown or wrongly typed key.
    const halfTyped = errors('{ gateway: { port: 18789, mode: } }');
    assert.ok(halfTyped.length > 0);
    assert.deepStrictEqual(
      halfTyped.filter((d) => d.data?.path !== undefined),
      [],
    );
  });

  it('names the literal that overflows in a strict JSON file too (read as JSON.parse reads it, Infinity)', () => {
    const text =
      '{\n  "models": {\n    "providers": {\n      "amazon-bedrock": {\n        "models": [\n          { "id": "a", "name": "A", "maxTokens": 1e400 }\n        ]\n      }\n    }\n  }\n}\n';
    const [overflow, ...others] = errors(text);
    assert.deepStrictEqual(others, []);
    assert.strictEqual(
      overflow!.message,
      'Invalid value: 1e400 overflows to Infinity (expected number, received Infinity) at models.providers.amazon-bedrock.models.0.maxTokens: ' +
        'OpenClaw 2026.9.6 rejects the file, and the gateway does not start.',
    );
    assert.deepStrictEqual(overflow!.range, { start: { line: 5, character: 49 }, end: { line: 5, character: 54 } });
    const digits = `1${'0'.repeat(400)}`;
    const long = errors(text.replace('1e400', digits))[0]!.message;
    assert.ok(long.startsWith('Invalid value: 1000') && long.includes('(401 characters) overflows to Infinity'), long);
  });

  it('checks against the version chosen, not the one that last wrote the file: 2026.9.6 refuses what 2026.3.2 wrote', () => {
    const text = '{ meta: { lastTouchedVersion: "2026.3.2" }, models: { bedrockDiscovery: { enabled: true } } }';
    assert.deepStrictEqual(errors(text), [], 'without a choice, the release that wrote it');
    assert.deepStrictEqual(
      errors(text, '2026.9.6').map((d) => [d.data?.path, d.message]),
      [
        [
          'models',
          'OpenClaw 2026.3.2 wrote this file (meta.lastTouchedVersion) with models.bedrockDiscovery, which moved to ' +
            'plugins.entries.amazon-bedrock.config.discovery in OpenClaw 2026.4.5: OpenClaw 2026.9.6 (openclaw.version setting) rejects the file, ' +
            'and the gateway does not start. ("openclaw doctor --fix" of this version deletes it.)',
        ],
      ],
    );
    const laterWriter = text.replace('2026.3.2', '2026.5.7');
    assert.match(
      errors(laterWriter, '2026.9.6')[0]!.message,
      /^models\.bedrockDiscovery moved to plugins/,
      'a release that refused it too is not named',
    );
  });

  it('says which release wrote the file when a key it accepted is unknown to the release checked, older or newer', () => {
    const older =
      '{ meta: { lastTouchedVersion: "2026.7.35" }, cli: { banner: { taglineMode: "off" } }, ui: { assistant: { name: "C" } }, gatwy: {} }';
    assert.deepStrictEqual(
      errors(older, '2026.9.6').map((d) => d.message),
      [
        'Unrecognized key: "cli": OpenClaw 2026.7.35 wrote this file (meta.lastTouchedVersion) and accepted this key; ' +
          'OpenClaw 2026.9.6 (openclaw.version setting) rejects the file, and the gateway does not start.',
        'Unrecognized key: "assistant" at ui: OpenClaw 2026.7.35 wrote this file (meta.lastTouchedVersion) and accepted this key; ' +
          'OpenClaw 2026.9.6 (openclaw.version setting) rejects the file, and the gateway does not start.',
        'Unrecognized key: "gatwy": OpenClaw 2026.9.6 (openclaw.version setting) rejects the file, and the gateway does not start. Did you mean \'gateway\'?',
      ],
    );
    const newer = '{ meta: { lastTouchedVersion: "2026.9.6" }, agents: { defaults: { modelPolicy: { allow: [] } } } }';
    assert.deepStrictEqual(
      errors(newer, '2026.7.1').map((d) => d.message),
      [
        'Unrecognized key: "modelPolicy" at agents.defaults: OpenClaw 2026.9.6 wrote this file (meta.lastTouchedVersion) and accepts this key, ' +
          'new in OpenClaw 2026.8.1; OpenClaw 2026.7.1 (openclaw.version setting) rejects the file, and the gateway does not start.',
      ],
    );
    const installed = createLanguageService({ settings: { installedVersion: '2026.9.6' }, schemas: bundle });
    const fromInstalled = installed.getDiagnostics(documentOf(older)).filter((d) => d.severity === 1)[0]!.message;
    assert.ok(
      fromInstalled.endsWith('accepted this key; OpenClaw 2026.9.6 (installed) rejects the file, and the gateway does not start.'),
      fromInstalled,
    );
  });
});

describe('reading a bundled schema ahead of need (prepareSchema)', () => {
  /** The bundle, counting how each release was read. */
  const counting = (failAsync = false) => {
    const reads: string[] = [];
    const source = {
      releaseFor: (version: string) => bundle.releaseFor(version),
      load: (release: string) => (reads.push(`load ${release}`), bundle.load(release)),
      loadAsync: (release: string) => (
        reads.push(`loadAsync ${release}`),
        failAsync ? Promise.reject(new Error('damaged')) : bundle.loadAsync(release)
      ),
    };
    return { reads, source };
  };
  const gatewayPort = '{ gateway: { port: "18789" } }';

  it('reads the schema of the version the settings point to without blocking, once; a document then needs nothing more', async () => {
    const { reads, source } = counting();
    const service = createLanguageService({ settings: { openclawVersion: '2026.7.35' }, schemas: source });
    const preparing = service.prepareSchema();
    assert.ok(preparing, 'something to wait for');
    assert.strictEqual(service.prepareSchema(), preparing, 'asked again meanwhile: the same read');
    await preparing;
    assert.strictEqual(service.prepareSchema(documentOf(gatewayPort)), undefined, 'ready: nothing to wait for');
    assert.deepStrictEqual(
      service.getDiagnostics(documentOf(gatewayPort)).map((d) => d.data?.path),
      ['gateway.port'],
    );
    assert.deepStrictEqual(reads, ['loadAsync 2026.7.35']);
  });

  it('prepares the version a document is checked with (its meta.lastTouchedVersion), and nothing for a version before the bundle', async () => {
    const { reads, source } = counting();
    const service = createLanguageService({ schemas: source });
    await service.prepareSchema(documentOf('{ meta: { lastTouchedVersion: "2026.5.7" } }'));
    assert.strictEqual(service.prepareSchema(documentOf('{ meta: { lastTouchedVersion: "2026.3.2" } }')), undefined);
    assert.deepStrictEqual(reads, ['loadAsync 2026.5.7']);
  });

  it('a read that fails ahead leaves the schema to be read when needed, as without it', async () => {
    const { reads, source } = counting(true);
    const service = createLanguageService({ schemas: source });
    await service.prepareSchema();
    assert.deepStrictEqual(
      service.getDiagnostics(documentOf(gatewayPort)).map((d) => d.data?.path),
      ['gateway.port'],
    );
    assert.deepStrictEqual(reads, ['loadAsync 2026.9.6', 'load 2026.9.6']);
  });
});

describe("versions older than the bundle: the extension's own schema serves", () => {
  it('checks the sections it owns (models, the model settings of agents) and leaves the rest open, never calling a valid file broken', () => {
    const service = createLanguageService({ settings: { openclawVersion: '2026.3.2' }, schemas: bundle });
    const text = `{
  gatewayy: {},
  models: {
    bedrockDiscovery: { enabled: true },
    providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", models: [{ id: "a", name: "A", temperature: 1, contextWindow: NaN }] } },
  },
  agents: { defaults: { models: { "amazon-bedrock/a": { alias: "A", nick: "a" } } } },
}`;
    const found = service.getDiagnostics(documentOf(text)).filter((d) => d.severity === 1);
    assert.deepStrictEqual(
      found.map((d) => [d.data?.path, d.message.split(' at ')[0]]),
      [
        ['models.providers.amazon-bedrock.models.0', 'Unrecognized key: "temperature"'],
        ['models.providers.amazon-bedrock.models.0.contextWindow', 'Invalid value: expected number, received NaN'],
        ['agents.defaults.models.amazon-bedrock/a', 'Unrecognized key: "nick"'],
      ],
    );
    assert.match(found[0]!.message, /OpenClaw 2026\.3\.2 \(openclaw\.version setting\) rejects the file/);
  });
});
