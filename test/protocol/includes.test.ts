import * as assert from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Diagnostic, Hover, Location, MarkupContent, PrepareRenameResult, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import {
  ADD_MODEL_COMMAND,
  AddModelResult,
  CONFIGURATION_FILES_NOTIFICATION,
  MODEL_CHOICES_COMMAND,
  ModelChoicesResult,
} from '../../server/src/protocol';
import { applyEdits } from '../helpers';
import { LspSession } from './lspClient';

/*
 * A configuration in two files on disk, through the real server: diagnostics for each file (the
 * included one published though it is not open), definitions, references and rename across them,
 * "Add Bedrock Model", and edits to either file (in the editor or on disk) reflected in the other.
 */

const ROOT = `{
  // the models live in models.json5
  models: { $include: "./models.json5" },
  agents: {
    defaults: {
      model: { primary: "GLM", fallbacks: ["amazon-bedrock/qwen.qwen3-32b-v1:0"] },
      models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" } },
    },
  },
}
`;

const MODELS = `{
  providers: {
    "amazon-bedrock": {
      baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
      models: [
        { id: "zai.glm-4.7", name: "GLM 4.7" },
        { id: "qwen.qwen3-32b-v1:0", name: "Qwen3 32B", temperature: 0.2 },
      ],
    },
  },
}
`;

function positionOf(text: string, needle: string, shift = 1): { line: number; character: number } {
  const before = text.slice(0, text.indexOf(needle) + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

describe('a configuration split with $include, over the protocol', function () {
  let folder: string;
  let rootUri: string;
  let modelsUri: string;
  let session: LspSession;
  const configurationFiles: string[][] = [];

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'openclaw-include-'));
    writeFileSync(join(folder, 'openclaw.json'), ROOT);
    writeFileSync(join(folder, 'models.json5'), MODELS);
    rootUri = URI.file(join(folder, 'openclaw.json')).toString();
    modelsUri = URI.file(join(folder, 'models.json5')).toString();
    session = new LspSession({ settings: { version: '2026.9.6', catalog: { live: false } } });
    session.connection.onNotification(
      CONFIGURATION_FILES_NOTIFICATION,
      (params: { uris: string[] }) => void configurationFiles.push(params.uris),
    );
    await session.initialize();
  });

  afterEach(async () => {
    await session.shutdown();
    rmSync(folder, { recursive: true, force: true });
    configurationFiles.length = 0;
  });

  it("publishes each file's own findings, the included one too though it is not open, and tells the client it is included", async () => {
    const root = await session.open(rootUri, ROOT);
    assert.deepStrictEqual(
      root.filter((d) => d.severity! <= 2),
      [],
      'the root alone has nothing wrong',
    );
    const models = await session.diagnosticsWhere(modelsUri, (diagnostics) => diagnostics.length > 0);
    assert.deepStrictEqual(
      models.map((d) => [d.severity, d.code, d.range.start.line]),
      [
        [1, 'schema', 6],
        [2, 'no-alias', 6],
        [3, 'missing-facts', 5],
        [3, 'missing-facts', 6],
      ],
    );
    assert.match(String(models[0]!.message), /^Unrecognized key: "temperature" at models\.providers\.amazon-bedrock\.models\.1/);
    // Sent right after the diagnostics of the included file.
    for (let waited = 0; configurationFiles.length === 0 && waited < 2000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepStrictEqual(configurationFiles.at(-1), [modelsUri]);
  });

  it('goes to definition, finds references and renames across the files', async () => {
    await session.open(rootUri, ROOT);
    const definition = (await session.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: rootUri },
      position: positionOf(ROOT, '"GLM"', 2),
    })) as Location[];
    assert.deepStrictEqual(definition[0], {
      uri: modelsUri,
      range: { start: positionOf(MODELS, '"zai.glm-4.7"', 0), end: positionOf(MODELS, '"zai.glm-4.7"', 13) },
    });

    const references = (await session.connection.sendRequest('textDocument/references', {
      textDocument: { uri: rootUri },
      position: positionOf(ROOT, 'qwen.qwen3', 2),
      context: { includeDeclaration: true },
    })) as Location[];
    assert.deepStrictEqual(
      references.map((location) => [location.uri, location.range.start.line]),
      [
        [modelsUri, 6],
        [rootUri, 5],
      ],
    );

    const prepared = (await session.connection.sendRequest('textDocument/prepareRename', {
      textDocument: { uri: rootUri },
      position: positionOf(ROOT, 'qwen.qwen3', 2),
    })) as PrepareRenameResult;
    assert.deepStrictEqual(prepared, {
      range: { start: positionOf(ROOT, 'qwen.qwen3', 0), end: positionOf(ROOT, 'qwen.qwen3-32b-v1:0', 19) },
      placeholder: 'qwen.qwen3-32b-v1:0',
    });
    const rename = (await session.connection.sendRequest('textDocument/rename', {
      textDocument: { uri: rootUri },
      position: positionOf(ROOT, 'qwen.qwen3', 2),
      newName: 'qwen.qwen3-next',
    })) as WorkspaceEdit;
    assert.ok(applyEdits(MODELS, rename.changes![modelsUri]!).includes('{ id: "qwen.qwen3-next", name: "Qwen3 32B"'));
    assert.ok(applyEdits(ROOT, rename.changes![rootUri]!).includes('fallbacks: ["amazon-bedrock/qwen.qwen3-next"]'));
    await assert.rejects(
      session.connection.sendRequest('textDocument/rename', {
        textDocument: { uri: rootUri },
        position: positionOf(ROOT, 'qwen.qwen3', 2),
        newName: 'two words',
      }),
      /A model id cannot be empty or contain spaces/,
    );
  });

  it('adds a Bedrock model: the entry in models.json5, the alias in openclaw.json', async () => {
    await session.open(rootUri, ROOT);
    const listing = (await session.connection.sendRequest('workspace/executeCommand', {
      command: MODEL_CHOICES_COMMAND,
      arguments: [{ uri: rootUri }],
    })) as ModelChoicesResult;
    assert.deepStrictEqual([listing.region, listing.origin], ['us-east-1', 'built-in']);
    const nova = listing.choices.find((choice) => choice.id === 'amazon.nova-lite-v1:0')!;
    assert.strictEqual(
      nova.detail,
      'Amazon · text+image · 300,000 context · $0.06 in / $0.24 out per 1M (list) · on demand: requests run in us-east-1',
    );
    const added = (await session.connection.sendRequest('workspace/executeCommand', {
      command: ADD_MODEL_COMMAND,
      arguments: [{ uri: rootUri, id: nova.id }],
    })) as AddModelResult;
    assert.deepStrictEqual(
      [added.ref, added.alias, added.selection!.uri],
      ['amazon-bedrock/amazon.nova-lite-v1:0', 'Nova Lite', modelsUri],
    );
    assert.ok(applyEdits(MODELS, added.edit!.changes[modelsUri]!).includes('id: "amazon.nova-lite-v1:0"'));
    assert.ok(applyEdits(ROOT, added.edit!.changes[rootUri]!).includes('"amazon-bedrock/amazon.nova-lite-v1:0": { alias: "Nova Lite" }'));
  });

  it("an edit to the included file, open or on disk, is reflected in the root's diagnostics", async () => {
    await session.open(rootUri, ROOT);
    const withoutGlm = MODELS.replace('{ id: "zai.glm-4.7", name: "GLM 4.7" },\n', '');
    await session.open(modelsUri, MODELS);
    await session.change(modelsUri, 2, withoutGlm);
    const unknown = (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === 'unknown-model');
    const root = await session.diagnosticsWhere(rootUri, unknown);
    assert.ok(
      root.some(
        (d) =>
          d.code === 'unknown-model' && String(d.message).startsWith("Alias 'GLM' points to amazon-bedrock/zai.glm-4.7: Unknown model"),
      ),
      JSON.stringify(root),
    );

    // Closed again, the file on disk counts; a change on disk arrives as a watched-file event.
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: modelsUri } });
    await session.diagnosticsWhere(rootUri, (diagnostics) => !unknown(diagnostics));
    writeFileSync(join(folder, 'models.json5'), withoutGlm);
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: modelsUri, type: 2 }] });
    await session.diagnosticsWhere(rootUri, unknown);
  });
});

describe('a configuration whose includes fan out, over the protocol', function () {
  this.timeout(30_000);
  // Ten files, each including the next six times: OpenClaw would copy the last one in 6^9 times.
  const ROOT_OF_FAN = `{
  "$include": ["./f1.json5", "./f1.json5", "./f1.json5", "./f1.json5", "./f1.json5", "./f1.json5"],
  agents: { defaults: { model: { primary: "amazon-bedrock/zai.glm-4.7" } } },
}
`;
  let folder: string;
  let session: LspSession;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'openclaw-fan-out-'));
    writeFileSync(join(folder, 'openclaw.json'), ROOT_OF_FAN);
    for (let i = 1; i < 9; i++)
      writeFileSync(
        join(folder, `f${i}.json5`),
        `{ "$include": [${Array(6)
          .fill(`"./f${i + 1}.json5"`)
          .join(', ')}] }\n`,
      );
    writeFileSync(
      join(folder, 'f9.json5'),
      '{ models: { providers: { "amazon-bedrock": { models: [{ id: "zai.glm-4.7", name: "GLM 4.7" }] } } } }\n',
    );
    session = new LspSession({ settings: { version: '2026.9.6', catalog: { live: false } } });
    await session.initialize();
  });

  afterEach(async () => {
    try {
      await session.shutdown();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('answers hover while it is open: the expansion stops at the limit with a warning, and what was read is checked', async () => {
    const uri = URI.file(join(folder, 'openclaw.json')).toString();
    const diagnostics = await session.open(uri, ROOT_OF_FAN);
    const limits = diagnostics.filter((d) => d.code === 'include-limit');
    assert.ok(limits.length > 0 && limits.every((d) => d.severity === 2), JSON.stringify(diagnostics));
    assert.match(
      String(limits[0]!.message),
      /^\.\/f1\.json5 is not checked: with it the configuration would hold more than 500,000 values/,
    );
    const hoverAt = (text: string) => ({ textDocument: { uri }, position: positionOf(text, 'zai.glm', 3) });
    const hover = (await session.connection.sendRequest('textDocument/hover', hoverAt(ROOT_OF_FAN))) as Hover;
    assert.match((hover.contents as MarkupContent).value, /^\*\*GLM 4\\\.7\*\* · `amazon-bedrock\/zai\.glm-4\.7`/);
    const edited = ROOT_OF_FAN.replace('primary:', 'primary :');
    await session.change(uri, 2, edited);
    const again = (await session.connection.sendRequest('textDocument/hover', hoverAt(edited))) as Hover;
    assert.match((again.contents as MarkupContent).value, /^\*\*GLM 4\\\.7\*\*/);
  });
});
