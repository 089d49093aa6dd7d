import * as assert from 'assert';
import { fixAllInOnePass, fixAllStepByStep } from '../../server/src/service/features/codeActions';
import { CodeAction, createLanguageService } from '../../server/src/service/languageService';
import { ConfigWorkspace } from '../../server/src/service/config/workspace';
import { applyEdits, commentsOf, documentOf, editsTo, readSample } from '../helpers';

/*
 * Alias fixes must not change what /model may select (OpenClaw's `models status --json` "allowed"; the
 * oracle tier checks it against the real OpenClaw). From 2026.8.1, a non-empty agents.defaults.models
 * without the migration marker and without a modelPolicy object is the allowlist: a fix that creates or
 * first fills it sets the marker, one that adds to it while it restricts migrates it first. Before
 * 2026.8.1 nothing keeps the map to aliases: the fix's title says what it does to /model.
 */

const PROVIDERS =
  '  // two models\n  models: { providers: { "amazon-bedrock": { models: [ { id: "a.one", name: "One" }, { id: "b.two", name: "Two" } ] } } },\n';

function service(version: string) {
  return createLanguageService({ settings: { openclawVersion: version } });
}

function aliasActions(text: string, version: string, at: string): CodeAction[] {
  const document = documentOf(text);
  const position = document.positionAt(text.indexOf(at));
  return service(version)
    .getCodeActions(document, { range: { start: position, end: position }, only: ['quickfix'] })
    .filter((a) => a.title.startsWith('Add alias'));
}

function fixAll(text: string, version: string): CodeAction | undefined {
  const document = documentOf(text);
  return service(version).getCodeActions(document, {
    range: { start: { line: 0, character: 0 }, end: document.positionAt(text.length) },
    only: ['source.fixAll'],
  })[0];
}

function applied(text: string, action: CodeAction): string {
  const after = applyEdits(text, editsTo(action.edit));
  assert.deepStrictEqual(commentsOf(after), commentsOf(text), 'comments are kept');
  return after;
}

describe('alias fixes keep what /model may select', () => {
  it('no alias map (2026.9.6): each fix creates it with the marker, one fix per model and one for all', () => {
    const text = `{\n${PROVIDERS}}\n`;
    const actions = aliasActions(text, '2026.9.6', '"b.two"');
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ["Add alias 'Two' for amazon-bedrock/b.two (marking the map as aliases only, so it does not limit /model)", true],
        ['Add aliases for all 2 models (marking the map as aliases only, so it does not limit /model)', false],
      ],
    );
    // The file writes trailing commas (after its last property): the new lines do too.
    const marker = '  meta: {\n    migrations: {\n      modelPolicyAllowlist: true,\n    },\n  },\n';
    assert.strictEqual(
      applied(text, actions[0]!),
      `{\n${PROVIDERS}${marker}  agents: {\n    defaults: {\n      models: {\n        "amazon-bedrock/b.two": { alias: "Two" },\n      },\n    },\n  },\n}\n`,
    );
    assert.strictEqual(
      applied(text, actions[1]!),
      `{\n${PROVIDERS}${marker}  agents: {\n    defaults: {\n      models: {\n        "amazon-bedrock/a.one": { alias: "One" },\n        "amazon-bedrock/b.two": { alias: "Two" },\n      },\n    },\n  },\n}\n`,
    );

    const document = documentOf(text);
    const diagnostics = service('2026.9.6')
      .getDiagnostics(document)
      .filter((d) => d.code === 'no-alias');
    const [attached] = service('2026.9.6').getCodeActions(document, { range: diagnostics[1]!.range, diagnostics, only: ['quickfix'] });
    assert.deepStrictEqual(attached!.diagnostics, [diagnostics[1]], 'the fix names the diagnostic it is about');
  });

  it('an empty alias map under existing agents and meta (2026.9.6): the marker goes into meta, the entry into the map', () => {
    const text = `{\n${PROVIDERS}  agents: { defaults: { models: {} } }, // none yet\n  meta: { lastTouchedVersion: "2026.9.6" },\n}\n`;
    const [single] = aliasActions(text, '2026.9.6', '"a.one"');
    assert.strictEqual(
      single!.title,
      "Add alias 'One' for amazon-bedrock/a.one (marking the map as aliases only, so it does not limit /model)",
    );
    assert.strictEqual(
      applied(text, single!),
      `{\n${PROVIDERS}  agents: { defaults: { models: {\n    "amazon-bedrock/a.one": { alias: "One" },\n  } } }, // none yet\n` +
        '  meta: { lastTouchedVersion: "2026.9.6", migrations: {\n    modelPolicyAllowlist: true,\n  } },\n}\n',
    );
  });

  it('the marker: set to true when it is not, never written twice; a map already migrated takes the alias alone', () => {
    const text = `{\n${PROVIDERS}  meta: { migrations: { modelPolicyAllowlist: false } },\n}\n`;
    const [single] = aliasActions(text, '2026.9.6', '"a.one"');
    const after = applied(text, single!);
    assert.ok(after.includes('meta: { migrations: { modelPolicyAllowlist: true } },'), after);
    assert.strictEqual(after.split('modelPolicyAllowlist').length, 2, after);

    for (const extra of [
      'meta: { migrations: { modelPolicyAllowlist: true } },',
      'agents: { defaults: { modelPolicy: { allow: ["amazon-bedrock/*"] } } },',
    ]) {
      const migrated = `{\n${PROVIDERS}  ${extra}\n}\n`;
      const [plain] = aliasActions(migrated, '2026.9.6', '"a.one"');
      assert.strictEqual(plain!.title, "Add alias 'One' for amazon-bedrock/a.one");
      const fixed = applied(migrated, plain!);
      assert.ok(fixed.includes('"amazon-bedrock/a.one": { alias: "One" }'), fixed);
      assert.strictEqual(fixed.split('modelPolicy').length, migrated.split('modelPolicy').length, `nothing else: ${fixed}`);
    }
  });

  it('a map that restricts /model (2026.9.6, not migrated): moved to modelPolicy.allow as it was, then the alias added', () => {
    const text = `{\n${PROVIDERS}  agents: {\n    defaults: {\n      models: {\n        "openai/gpt-5": { alias: "GPT" }, // the only one /model may pick\n      },\n    },\n  },\n}\n`;
    const actions = aliasActions(text, '2026.9.6', '"a.one"');
    assert.strictEqual(
      actions[0]!.title,
      "Add alias 'One' for amazon-bedrock/a.one (moving the /model allowlist to agents.defaults.modelPolicy.allow first)",
    );
    assert.strictEqual(
      applied(text, actions[0]!),
      `{\n${PROVIDERS}  agents: {\n    defaults: {\n      models: {\n        "openai/gpt-5": { alias: "GPT" }, // the only one /model may pick\n` +
        '        "amazon-bedrock/a.one": { alias: "One" },\n      },\n      modelPolicy: {\n        allow: [\n          "openai/gpt-5",\n        ],\n      },\n    },\n  },\n' +
        '  meta: {\n    migrations: {\n      modelPolicyAllowlist: true,\n    },\n  },\n}\n',
    );

    // An entry without an alias: the entry already lets /model select the model, only the alias is added.
    const entry = `{\n${PROVIDERS}  agents: { defaults: { models: { "amazon-bedrock/a.one": { params: {} }, "amazon-bedrock/b.two": { alias: "Two" } } } },\n}\n`;
    const [single] = aliasActions(entry, '2026.9.6', '"a.one"');
    assert.strictEqual(single!.title, "Add alias 'One' for amazon-bedrock/a.one");
    assert.strictEqual(applied(entry, single!), entry.replace('{ params: {} }', '{ params: {}, alias: "One" }'));
  });

  it('a map with a key doctor cannot migrate stays the allowlist: the title says the fix lets /model select the model', () => {
    const text = `{\n${PROVIDERS}  agents: { defaults: { models: { "gpt-5": {} } } },\n}\n`;
    const [single, all] = aliasActions(text, '2026.9.6', '"a.one"');
    assert.strictEqual(
      single!.title,
      "Add alias 'One' for amazon-bedrock/a.one (which also lets /model select it: the alias map is its allowlist)",
    );
    assert.strictEqual(all!.title, 'Add aliases for all 2 models (which also lets /model select them: the alias map is its allowlist)');
    assert.strictEqual(applied(text, single!), text.replace('"gpt-5": {} }', '"gpt-5": {}, "amazon-bedrock/a.one": { alias: "One" } }'));
  });

  it('before 2026.8.1 the map is the allowlist once it has an entry: the titles say so, and no marker is written', () => {
    const none = `{\n${PROVIDERS}}\n`;
    const [single] = aliasActions(none, '2026.7.2', '"a.one"');
    assert.strictEqual(single!.title, "Add alias 'One' for amazon-bedrock/a.one (the alias map then limits /model to its entries)");
    assert.ok(!applied(none, single!).includes('modelPolicyAllowlist'));
    assert.strictEqual(fixAll(none, '2026.7.2')!.title, 'Fix all: add aliases (the alias map then limits /model to its entries)');

    const restricting = `{\n${PROVIDERS}  agents: { defaults: { models: { "openai/gpt-5": { alias: "GPT" } } } },\n}\n`;
    const [extend] = aliasActions(restricting, '2026.7.2', '"a.one"');
    assert.strictEqual(
      extend!.title,
      "Add alias 'One' for amazon-bedrock/a.one (which also lets /model select it: the alias map is its allowlist)",
    );
    assert.strictEqual(
      applied(restricting, extend!),
      restricting.replace('{ alias: "GPT" } }', '{ alias: "GPT" }, "amazon-bedrock/a.one": { alias: "One" } }'),
    );
  });

  it('fix all: the marker with the new map; the migration before the aliases where the map restricts', () => {
    const none = `{\n${PROVIDERS}}\n`;
    const marked = fixAll(none, '2026.9.6')!;
    assert.strictEqual(marked.title, 'Fix all: add aliases (marking the map as aliases only, so it does not limit /model)');
    assert.strictEqual(applied(none, marked), applied(none, aliasActions(none, '2026.9.6', '"a.one"')[1]!), 'as "Add aliases for all"');

    const restricting = `{\n${PROVIDERS}  agents: { defaults: { models: { "openai/gpt-5": { alias: "GPT" } } } },\n}\n`;
    const migrated = fixAll(restricting, '2026.9.6')!;
    assert.strictEqual(migrated.title, 'Fix all: migrate the allowlist, add aliases');
    const after = applied(restricting, migrated);
    assert.ok(
      after.includes(
        '}, modelPolicy: {\n    allow: [\n      "openai/gpt-5",\n    ],\n  } } },\n  meta: {\n    migrations: {\n      modelPolicyAllowlist: true,',
      ),
      after,
    );
    assert.ok(
      after.includes(
        '"openai/gpt-5": { alias: "GPT" }, "amazon-bedrock/a.one": { alias: "One" }, "amazon-bedrock/b.two": { alias: "Two" } }',
      ),
      after,
    );
  });

  it('fix all plans every step on the file as it is, with no analysis in between (one pass), and makes what step by step makes', () => {
    const restricting = `{\n${PROVIDERS}  agents: { defaults: { models: { "openai/gpt-5": { alias: "GPT" } } } },\n}\n`;
    const metaFirst = `{\n  meta: { lastTouchedVersion: "2026.9.6" },\n${PROVIDERS}  agents: { defaults: { models: { "openai/gpt-5": {} } } },\n}\n`;
    const discovery = `{\n  models: { bedrockDiscovery: { enabled: true }, providers: { "amazon-bedrock": { models: [ { id: "a.one" } ] } } },\n}\n`;
    const cases: [string, string][] = [
      [readSample(), '2026.9.6'],
      [readSample(), '2026.5.12'],
      [restricting, '2026.9.6'],
      [restricting, '2026.7.2'],
      [`{\n${PROVIDERS}}\n`, '2026.9.6'],
      [`{\n${PROVIDERS}}\n`, '2026.7.2'],
      [metaFirst, '2026.9.6'],
      [discovery, '2026.9.6'],
      [discovery, '2026.4.20'],
    ];
    let onePass = 0;
    for (const [text, version] of cases) {
      const document = documentOf(text);
      const workspace = new ConfigWorkspace(undefined, () => []);
      const analysis = workspace.analyze(document);
      const reanalyze = (texts: ReadonlyMap<string, string>) => workspace.reanalyze(document, texts);
      const target = { version } as Parameters<typeof fixAllStepByStep>[1]['target'];
      const fast = fixAllInOnePass(analysis, version);
      const stepByStep = fixAllStepByStep(analysis, { target, reanalyze });
      if (fast) {
        onePass++;
        assert.deepStrictEqual(fast, stepByStep, `${version}: ${text}`);
      }
    }
    // Only steps that create objects at the same place (the root's end, twice) need the texts between them.
    assert.strictEqual(onePass, cases.length - 1, `${onePass} of ${cases.length} in one pass`);
  });
});
