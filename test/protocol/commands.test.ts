import * as assert from 'assert';
import { ResponseError } from 'vscode-languageserver-protocol';
import { CatalogStatus, ModelChoicesResult, NewConfigurationResult, TestTargetItem } from '../../server/src/protocol';
import { LspSession } from './lspClient';

/*
 * Every command of the server (executeCommandProvider) with no argument, arguments of the wrong type
 * and a document that is not open: an InvalidParams error that says what the command takes and what
 * was wrong, and the server keeps serving.
 */

const URI = 'file:///workspace/.openclaw/openclaw.json';
const TEXT = `{
  models: { providers: { "amazon-bedrock": { models: [{ id: "us.anthropic.claude-sonnet-4-6", name: "Sonnet" }] } } },
  agents: { defaults: { models: { "amazon-bedrock/us.anthropic.claude-sonnet-4-6": { alias: "Sonnet" } } } },
}`;
const NOT_OPEN = 'file:///workspace/elsewhere/openclaw.json';
const INVALID_PARAMS = -32602;

describe('server commands with wrong arguments', function () {
  this.timeout(30_000);
  let server: LspSession;

  before(async () => {
    server = new LspSession();
    const initialized = (await server.initialize()) as { capabilities: { executeCommandProvider: { commands: string[] } } };
    assert.deepStrictEqual(initialized.capabilities.executeCommandProvider.commands.length, 8);
    await server.open(URI, TEXT);
  });
  after(async () => {
    await server.shutdown();
  });

  const execute = (command: string, args?: unknown[]) =>
    server.connection.sendRequest('workspace/executeCommand', { command, ...(args ? { arguments: args } : {}) });

  async function rejected(command: string, args: unknown[] | undefined, message: string): Promise<void> {
    await assert.rejects(execute(command, args), (error: ResponseError<unknown>) => {
      assert.strictEqual(error.message, message);
      assert.strictEqual(error.code, INVALID_PARAMS);
      return true;
    });
  }

  const notOpen = (command: string) =>
    `${command}: ${NOT_OPEN} is not open; the server knows the documents the client opened (textDocument/didOpen).`;

  const cases: [command: string, args: unknown[] | undefined, message: string][] = [
    [
      'openclaw.server.refreshCatalog',
      [42],
      'openclaw.server.refreshCatalog takes { uri }, the uri alone, or nothing: the argument is a number, not an object.',
    ],
    [
      'openclaw.server.refreshCatalog',
      [{ uri: 5 }],
      'openclaw.server.refreshCatalog takes { uri }, the uri alone, or nothing: uri is a number, not a string.',
    ],
    ['openclaw.server.refreshCatalog', [NOT_OPEN], notOpen('openclaw.server.refreshCatalog')],
    [
      'openclaw.server.catalogStatus',
      [[URI]],
      'openclaw.server.catalogStatus takes { uri }, the uri alone, or nothing: the argument is a list, not an object.',
    ],
    ['openclaw.server.catalogStatus', [{ uri: NOT_OPEN }], notOpen('openclaw.server.catalogStatus')],
    ['openclaw.server.testTargets', undefined, 'openclaw.server.testTargets takes { uri } or the uri alone: the argument is missing.'],
    ['openclaw.server.testTargets', [{}], 'openclaw.server.testTargets takes { uri } or the uri alone: uri is missing.'],
    ['openclaw.server.testTargets', [{ uri: NOT_OPEN }], notOpen('openclaw.server.testTargets')],
    ['openclaw.server.modelChoices', [null], 'openclaw.server.modelChoices takes { uri } or the uri alone: the argument is missing.'],
    [
      'openclaw.server.modelChoices',
      [{ uri: true }],
      'openclaw.server.modelChoices takes { uri } or the uri alone: uri is a boolean, not a string.',
    ],
    ['openclaw.server.modelChoices', [NOT_OPEN], notOpen('openclaw.server.modelChoices')],
    ['openclaw.server.addModel', [], 'openclaw.server.addModel takes { uri, id, apply? }: the argument is missing.'],
    ['openclaw.server.addModel', [URI], 'openclaw.server.addModel takes { uri, id, apply? }: the argument is a string, not an object.'],
    ['openclaw.server.addModel', [{ uri: URI }], 'openclaw.server.addModel takes { uri, id, apply? }: id is missing.'],
    [
      'openclaw.server.addModel',
      [{ uri: URI, id: 3 }],
      'openclaw.server.addModel takes { uri, id, apply? }: id is a number, not a string.',
    ],
    [
      'openclaw.server.addModel',
      [{ uri: URI, id: 'amazon.nova-lite-v1:0', apply: 'yes' }],
      'openclaw.server.addModel takes { uri, id, apply? }: apply is a string, not a boolean.',
    ],
    ['openclaw.server.addModel', [{ id: 'amazon.nova-lite-v1:0' }], 'openclaw.server.addModel takes { uri, id, apply? }: uri is missing.'],
    ['openclaw.server.addModel', [{ uri: NOT_OPEN, id: 'amazon.nova-lite-v1:0' }], notOpen('openclaw.server.addModel')],
    [
      'openclaw.server.testModel',
      undefined,
      'openclaw.server.testModel takes { uri, reference, prompt?, runId? }: the argument is missing.',
    ],
    [
      'openclaw.server.testModel',
      [{ uri: URI }],
      'openclaw.server.testModel takes { uri, reference, prompt?, runId? }: reference is missing.',
    ],
    [
      'openclaw.server.testModel',
      [{ uri: URI, reference: '  ' }],
      'openclaw.server.testModel takes { uri, reference, prompt?, runId? }: reference is empty.',
    ],
    [
      'openclaw.server.testModel',
      [{ uri: URI, reference: 'Sonnet', prompt: 5 }],
      'openclaw.server.testModel takes { uri, reference, prompt?, runId? }: prompt is a number, not a string.',
    ],
    [
      'openclaw.server.testModel',
      [{ uri: URI, reference: 'Sonnet', runId: {} }],
      'openclaw.server.testModel takes { uri, reference, prompt?, runId? }: runId is an object, not a string.',
    ],
    ['openclaw.server.testModel', [{ uri: NOT_OPEN, reference: 'Sonnet' }], notOpen('openclaw.server.testModel')],
    [
      'openclaw.server.compareModels',
      [URI],
      'openclaw.server.compareModels takes { uri, references, prompt?, runs?, compareId? }: the argument is a string, not an object.',
    ],
    [
      'openclaw.server.compareModels',
      [{ uri: URI }],
      'openclaw.server.compareModels takes { uri, references, prompt?, runs?, compareId? }: references is missing.',
    ],
    [
      'openclaw.server.compareModels',
      [{ uri: URI, references: 'Sonnet' }],
      'openclaw.server.compareModels takes { uri, references, prompt?, runs?, compareId? }: references is not a list of strings.',
    ],
    [
      'openclaw.server.compareModels',
      [{ uri: URI, references: ['Sonnet'], runs: '2' }],
      'openclaw.server.compareModels takes { uri, references, prompt?, runs?, compareId? }: runs is a string, not a number.',
    ],
    [
      'openclaw.server.compareModels',
      [{ uri: URI, references: Array(21).fill('Sonnet') }],
      'openclaw.server.compareModels takes { uri, references, prompt?, runs?, compareId? }: references holds 21, not 1 to 20.',
    ],
    ['openclaw.server.compareModels', [{ uri: NOT_OPEN, references: ['Sonnet'] }], notOpen('openclaw.server.compareModels')],
    ['openclaw.server.newConfiguration', [42], 'openclaw.server.newConfiguration takes nothing: the argument is a number, not an object.'],
  ];
  for (const [command, args, message] of cases) {
    it(`${command} ${args === undefined ? 'without arguments' : JSON.stringify(args)}: InvalidParams, "${message.replace(/^.*?: /, '')}"`, async () => {
      await rejected(command, args, message);
    });
  }

  it('an unknown command: InvalidParams naming the commands there are', async () => {
    await rejected(
      'openclaw.server.nope',
      [URI],
      'Unknown command openclaw.server.nope: this server runs openclaw.server.refreshCatalog, openclaw.server.catalogStatus, openclaw.server.testTargets, openclaw.server.modelChoices, openclaw.server.addModel, openclaw.server.newConfiguration, openclaw.server.testModel, openclaw.server.compareModels.',
    );
  });

  it('a 100,000-character uri is quoted shortened', async () => {
    const long = `file:///${'x'.repeat(100_000)}.json`;
    await assert.rejects(execute('openclaw.server.testTargets', [long]), (error: ResponseError<unknown>) => {
      assert.ok(error.message.length < 300, `${error.message.length} characters`);
      assert.match(error.message, /^openclaw\.server\.testTargets: file:\/\/\/x{152}… \(100,013 characters\) is not open/);
      return true;
    });
  });

  it('takes the uri alone or in an object, and nothing where the document is optional; the server kept serving', async () => {
    assert.strictEqual(
      ((await execute('openclaw.server.testTargets', [URI])) as TestTargetItem[])[0]?.ref,
      'amazon-bedrock/us.anthropic.claude-sonnet-4-6',
    );
    assert.ok(((await execute('openclaw.server.modelChoices', [{ uri: URI }])) as ModelChoicesResult).choices.length > 0);
    assert.strictEqual(((await execute('openclaw.server.catalogStatus')) as CatalogStatus).origin, 'built-in');
    const created = (await execute('openclaw.server.newConfiguration')) as NewConfigurationResult;
    assert.deepStrictEqual(
      [created.region, JSON.parse(created.text).agents.defaults.model.primary],
      ['us-east-1', 'amazon-bedrock/us.anthropic.claude-sonnet-4-6'],
    );
    assert.ok(server.running);
  });
});
