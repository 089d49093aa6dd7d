import * as assert from 'assert';
import { CodeAction, createLanguageService } from '../../server/src/service/languageService';
import { parseJson5 } from '../../server/src/service/parser/json5Parser';
import { differenceEdit } from '../../server/src/service/edits/objectEdits';
import { applyEdits, commentsOf, documentOf, editsTo, readSample } from '../helpers';

const FULL_RANGE = { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } };

function actions(text: string, only?: string[], at?: string): CodeAction[] {
  const document = documentOf(text);
  const range = at ? { start: document.positionAt(text.indexOf(at)), end: document.positionAt(text.indexOf(at)) } : FULL_RANGE;
  return createLanguageService().getCodeActions(document, { range, only });
}

/** Applies "Add aliases for all N models" (or the one alias fix when a single model lacks one). */
function fixAll(text: string): string {
  const fixes = actions(text, ['quickfix']);
  const all = fixes.find((a) => a.title.startsWith('Add aliases for all')) ?? fixes.find((a) => a.title.startsWith('Add alias '));
  assert.ok(all, `an alias fix among ${fixes.map((a) => a.title).join(' | ')}`);
  return applyEdits(text, editsTo(all.edit));
}

/** The fixed text parses cleanly, keeps every comment, and has no model left without an alias. */
function assertSound(before: string, after: string): void {
  assert.deepStrictEqual(parseJson5(after).errors, [], `the result parses:\n${after}`);
  assert.deepStrictEqual(commentsOf(after), commentsOf(before), 'comments are kept');
  const left = createLanguageService()
    .getDiagnostics(documentOf(after))
    .filter((d) => d.code === 'no-alias');
  assert.deepStrictEqual(left, []);
}

const PROVIDERS = (indent: string) =>
  `${indent}models: { providers: { "amazon-bedrock": { models: [ { id: "a.one", name: "One" }, { id: "b.two", name: "Two" } ] } } }`;

describe('code actions: aliases', () => {
  it('offers one fix per model at its id, plus "all", each with a title naming the alias', () => {
    const text = readSample();
    const here = actions(text, undefined, '"openai.gpt-oss-120b-1:0"');
    assert.deepStrictEqual(
      here.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        // The sample's alias map still is the allowlist on 2026.9.6: moved to modelPolicy.allow first, it stays as it is.
        [
          "Add alias 'GPT OSS 120B' for amazon-bedrock/openai.gpt-oss-120b-1:0 (moving the /model allowlist to agents.defaults.modelPolicy.allow first)",
          'quickfix',
          true,
        ],
        ['Add aliases for all 2 models (moving the /model allowlist to agents.defaults.modelPolicy.allow first)', 'quickfix', false],
      ],
    );
    assert.deepStrictEqual(actions(text, undefined, '"qwen.qwen3-coder-next"'), [], 'nothing where no alias is missing');
  });

  it('fix-all is a source.fixAll action, offered for source and source.fixAll but not for quickfix', () => {
    const text = readSample();
    assert.deepStrictEqual(
      actions(text, ['source.fixAll']).map((a) => [a.title, a.kind]),
      [['Fix all: migrate the allowlist, add aliases, remove models.bedrockDiscovery', 'source.fixAll.openclaw']],
    );
    assert.strictEqual(actions(text, ['source']).length, 1);
    assert.ok(actions(text, ['quickfix']).every((a) => a.kind === 'quickfix'));
  });

  it('fix-all names the diagnostics it resolves, among those the editor sent', () => {
    const text = readSample();
    const service = createLanguageService();
    const document = documentOf(text);
    const diagnostics = service.getDiagnostics(document);
    const [fix] = service.getCodeActions(document, { range: FULL_RANGE, diagnostics, only: ['source.fixAll'] });
    assert.deepStrictEqual([...new Set(fix!.diagnostics!.map((d) => d.code))].sort(), ['legacy-allowlist', 'legacy-key', 'no-alias']);
    assert.ok(
      diagnostics.some((d) => d.code === 'needs-inference-profile'),
      'a diagnostic fix-all leaves (a choice of profile) is not claimed',
    );
  });

  it('in the sample (JSON with comments): appends entries in its style after migrating the allowlist, and keeps everything else', () => {
    const before = readSample();
    const after = fixAll(before);
    const migrate = actions(before, ['quickfix']).find((a) => a.title.startsWith('Migrate the allowlist'))!;
    const migrated = applyEdits(before, editsTo(migrate.edit));
    const lastOld = '        "amazon-bedrock/mistral.mistral-large-3-675b-instruct": {"alias": "Mistral Large 3"}';
    assert.ok(
      after.includes(
        `${lastOld},\n        "amazon-bedrock/openai.gpt-oss-120b-1:0": {"alias": "GPT OSS 120B"},\n        "amazon-bedrock/qwen.qwen3-32b-v1:0": {"alias": "Qwen3 32B"}\n      }`,
      ),
    );
    assert.strictEqual(
      after.replace(/,\n {8}"amazon-bedrock\/openai[^\n]*\n[^\n]*Qwen3 32B"\}/, ''),
      migrated,
      'the migration, and nothing else, changed',
    );
    assertSound(before, after);
  });

  it('in JSON5 style: unquoted keys, single quotes, trailing commas, 4 spaces, a comment after the last entry', () => {
    const before = `{
    models: {
        providers: {
            'amazon-bedrock': {
                models: [
                    { id: 'a.one', name: 'One', },
                    { id: 'b.two', name: 'Two', },
                ],
            },
        },
    },
    agents: {
        defaults: {
            models: {
                'amazon-bedrock/a.one': { alias: 'One' }, // the first
            },
        },
    },
}
`;
    const after = fixAll(before);
    assert.strictEqual(
      after,
      before
        .replace(
          "{ alias: 'One' }, // the first\n",
          "{ alias: 'One' }, // the first\n                'amazon-bedrock/b.two': { alias: 'Two' },\n",
        )
        // The map restricted /model to a.one (2026.9.6, not migrated): it still does, as modelPolicy.allow.
        .replace(
          '            },\n        },\n    },\n}\n',
          "            },\n            modelPolicy: {\n                allow: [\n                    'amazon-bedrock/a.one',\n                ],\n            },\n        },\n    },\n" +
            '    meta: {\n        migrations: {\n            modelPolicyAllowlist: true,\n        },\n    },\n}\n',
        ),
    );
    assertSound(before, after);
  });

  it('adds the comma after the last value, before its comment', () => {
    const before = `{\n  ${PROVIDERS('').trim()},\n  agents: { defaults: { models: {\n    "amazon-bedrock/a.one": { "alias": "One" } // keep me\n  } } }\n}`;
    const after = fixAll(before);
    assert.ok(
      after.includes(`"amazon-bedrock/a.one": { "alias": "One" }, // keep me\n    "amazon-bedrock/b.two": { "alias": "Two" }\n  }`),
      after,
    );
    assertSound(before, after);
  });

  it('creates agents.defaults.models when agents is missing, at the end of the root', () => {
    const before = `{\n  // models only\n${PROVIDERS('  ')}\n}\n`;
    const after = fixAll(before);
    assert.strictEqual(
      after,
      // The marker keeps the new map to aliases: without it, OpenClaw 2026.9.6 would allow only these two models in /model.
      `{\n  // models only\n${PROVIDERS('  ')},\n  meta: {\n    migrations: {\n      modelPolicyAllowlist: true\n    }\n  },\n` +
        '  agents: {\n    defaults: {\n      models: {\n        "amazon-bedrock/a.one": { alias: "One" },\n        "amazon-bedrock/b.two": { alias: "Two" }\n      }\n    }\n  }\n}\n',
    );
    assertSound(before, after);
  });

  it('creates defaults.models inside an existing agents, and models inside an existing defaults', () => {
    const noDefaults = `{\n${PROVIDERS('  ')},\n  agents: {\n    list: [],\n  },\n}`;
    const afterNoDefaults = fixAll(noDefaults);
    assert.ok(
      afterNoDefaults.includes(
        `    list: [],\n    defaults: {\n      models: {\n        "amazon-bedrock/a.one": { alias: "One" },\n        "amazon-bedrock/b.two": { alias: "Two" },\n      },\n    },\n  },`,
      ),
      afterNoDefaults,
    );
    assertSound(noDefaults, afterNoDefaults);

    const emptyDefaults = `{\n${PROVIDERS('  ')},\n  agents: { defaults: {} }\n}`;
    const afterEmpty = fixAll(emptyDefaults);
    assert.ok(
      afterEmpty.includes(
        `agents: { defaults: {\n    models: {\n      "amazon-bedrock/a.one": { alias: "One" },\n      "amazon-bedrock/b.two": { alias: "Two" }\n    }\n  } }`,
      ),
      afterEmpty,
    );
    assertSound(emptyDefaults, afterEmpty);
  });

  it('fills an empty alias map, and one that holds only a comment', () => {
    const empty = `{\n${PROVIDERS('  ')},\n  agents: { defaults: { models: {} } }\n}`;
    const afterEmpty = fixAll(empty);
    assert.ok(
      afterEmpty.includes(
        `models: {\n    "amazon-bedrock/a.one": { alias: "One" },\n    "amazon-bedrock/b.two": { alias: "Two" }\n  } } }`,
      ),
      afterEmpty,
    );
    assertSound(empty, afterEmpty);

    const commented = `{\n${PROVIDERS('  ')},\n  agents: { defaults: { models: {\n    // none yet\n  } } }\n}`;
    const afterCommented = fixAll(commented);
    assert.ok(
      afterCommented.includes(
        `models: {\n    // none yet\n    "amazon-bedrock/a.one": { alias: "One" },\n    "amazon-bedrock/b.two": { alias: "Two" }\n  } } }`,
      ),
      afterCommented,
    );
    assertSound(commented, afterCommented);
  });

  it('adds the alias inside an existing entry, and fills an empty alias', () => {
    const before = `{\n${PROVIDERS('  ')},\n  agents: { defaults: { models: {\n    "amazon-bedrock/a.one": { params: { temperature: 0.2 } },\n    "amazon-bedrock/b.two": { alias: "" },\n  } } }\n}`;
    const after = fixAll(before);
    assert.ok(after.includes(`"amazon-bedrock/a.one": { params: { temperature: 0.2 }, alias: "One" },`), after);
    assert.ok(after.includes(`"amazon-bedrock/b.two": { alias: "Two" },`), after);
    assertSound(before, after);

    const emptyEntry = `{\n${PROVIDERS('  ')},\n  agents: { defaults: { models: { "amazon-bedrock/a.one": {}, "amazon-bedrock/b.two": { alias: "Two" } } } }\n}`;
    const afterEmptyEntry = fixAll(emptyEntry);
    assert.ok(afterEmptyEntry.includes(`"amazon-bedrock/a.one": { alias: "One" },`), afterEmptyEntry);
    assertSound(emptyEntry, afterEmptyEntry);
  });

  it('makes aliases unique, case-insensitively, against existing ones and each other', () => {
    const before = `{
  models: { providers: { "amazon-bedrock": { models: [ { id: "a.one", name: "Claude" }, { id: "b.two", name: "claude" }, { id: "c.three" } ] } } },
  agents: { defaults: { models: { "openai/gpt-5": { alias: "CLAUDE" } } } },
}`;
    const after = fixAll(before);
    assert.ok(
      after.includes(
        `{ "openai/gpt-5": { alias: "CLAUDE" }, "amazon-bedrock/a.one": { alias: "Claude 2" }, "amazon-bedrock/b.two": { alias: "claude 3" }, "amazon-bedrock/c.three": { alias: "c.three" } }`,
      ),
      after,
    );
    assertSound(before, after);
  });

  it('keeps CRLF line ends and tab indentation', () => {
    const before = `{\r\n\tmodels: { providers: { "amazon-bedrock": { models: [ { id: "a.one", name: "One" } ] } } },\r\n\tagents: {\r\n\t\tdefaults: {\r\n\t\t\tmodels: {\r\n\t\t\t\t"x/y": { alias: "Y" }\r\n\t\t\t}\r\n\t\t}\r\n\t}\r\n}\r\n`;
    const after = fixAll(before);
    assert.ok(
      after.includes(`\t\t\t\t"x/y": { alias: "Y" },\r\n\t\t\t\t"amazon-bedrock/a.one": { alias: "One" }\r\n\t\t\t}`),
      JSON.stringify(after),
    );
    assert.ok(!/[^\r]\n/.test(after), 'no bare LF');
  });

  it('offers nothing where no edit is safe: an unclosed alias map, or agents that is not an object', () => {
    const unclosed = `{\n${PROVIDERS('  ')},\n  agents: { defaults: { models: {\n    "amazon-bedrock/a.one": { alias: "One" },\n`;
    assert.deepStrictEqual(actions(unclosed, ['source.fixAll']), []);
    const notObject = `{\n${PROVIDERS('  ')},\n  agents: 5\n}`;
    assert.deepStrictEqual(actions(notObject, ['source.fixAll']), []);
    assert.strictEqual(
      createLanguageService()
        .getDiagnostics(documentOf(notObject))
        .filter((d) => d.code === 'no-alias').length,
      2,
      'still diagnosed',
    );
  });

  it('a single fix only touches its own model', () => {
    const before = readSample();
    const [single] = actions(before, undefined, '"qwen.qwen3-32b-v1:0"');
    assert.strictEqual(
      single!.title,
      "Add alias 'Qwen3 32B' for amazon-bedrock/qwen.qwen3-32b-v1:0 (moving the /model allowlist to agents.defaults.modelPolicy.allow first)",
    );
    const after = applyEdits(before, editsTo(single!.edit));
    const left = createLanguageService()
      .getDiagnostics(documentOf(after))
      .filter((d) => d.code === 'no-alias');
    assert.deepStrictEqual(
      left.map((d) => d.message.split(' ')[0]),
      ['amazon-bedrock/openai.gpt-oss-120b-1:0'],
    );
  });
});

describe('the edit between two texts', () => {
  it('never starts or ends between \r and \n, or inside a surrogate pair: editors cannot take such a position', () => {
    const cases: [before: string, after: string][] = [
      ['{\r\n}', '{\r\n  a: 1,\r\n}'],
      ['{ a: 1 }\r\n', '{ a: 1, b: 2 }\n\r\n'],
      ['x\r\ny', 'x\r\r\ny'],
      ['"😀"', '"😁"'],
      ['"😀😀"', '"😀x😀"'],
    ];
    for (const [before, after] of cases) {
      const edit = differenceEdit(before, after);
      const end = edit.offset + edit.length;
      for (const edge of [edit.offset, end]) {
        assert.ok(
          !(before[edge - 1] === '\r' && before[edge] === '\n'),
          `${JSON.stringify(before)} → ${JSON.stringify(after)}: edge ${edge} splits \\r\\n`,
        );
        assert.ok(
          !/[\uD800-\uDBFF]/.test(before[edge - 1] ?? '') || !/[\uDC00-\uDFFF]/.test(before[edge] ?? ''),
          `${JSON.stringify(before)}: edge ${edge} splits a surrogate pair`,
        );
      }
      assert.strictEqual(before.slice(0, edit.offset) + edit.newText + before.slice(end), after);
    }
  });
});
