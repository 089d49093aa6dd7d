import * as assert from 'assert';
import { LspSession } from './lspClient';

/*
 * A file of hundreds of thousands of problems, over the protocol, with the server's own memory flag
 * (SERVER_EXEC_ARGV). A 600 KB array of numbers under `models` used to take the server down: it ran
 * out of memory in JSON.stringify sending 300,000 diagnostics, and an editor that restarted it and
 * reopened the file saw it die again.
 */

const URI = 'file:///workspace/.openclaw/openclaw.json';
const MODEL = '{"id":"zai.glm-4.7","name":"GLM"}';
/** A model entry, then 300,000 numbers where model entries belong: 600 KB. */
const TEXT = `{"models":{"providers":{"amazon-bedrock":{"models":[${MODEL},${Array(300_000).fill('1').join(',')}]}}}}`;
const ON_THE_MODEL_ID = { line: 0, character: TEXT.indexOf('zai.glm') + 2 };

describe('limits over the protocol', function () {
  this.timeout(120_000);
  let server: LspSession | undefined;

  afterEach(async () => {
    await server?.shutdown();
    server = undefined;
  });

  it('a 600 KB file of 300,000 wrong values: 1,000 diagnostics and one saying how many more, hovers answered, the server alive', async () => {
    server = new LspSession();
    await server.initialize();
    const published = server.nextDiagnostics(URI, 60_000);
    await server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: URI, languageId: 'openclaw', version: 1, text: TEXT },
    });
    // Asked while the server analyses the file.
    const hover = server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: ON_THE_MODEL_ID,
    }) as Promise<{ contents: { value: string } } | null>;
    const { diagnostics } = await published;
    assert.strictEqual(diagnostics.length, 1001);
    assert.ok(diagnostics.slice(0, 1000).every((d) => d.code === 'no-alias' || d.code === 'schema'));
    assert.strictEqual(diagnostics[1000]!.code, 'too-many-problems');
    assert.match(String(diagnostics[1000]!.message), /^about 299,\d{3} more problems are not shown: this file shows at most 1,000/);
    assert.match((await hover)?.contents.value ?? '', /\*\*GLM\*\*/);
    assert.ok(server.running, 'the server is running');
    assert.deepStrictEqual(
      server.stderr.filter((chunk) => /heap|FATAL/i.test(chunk)),
      [],
    );
  });

  it('openclaw.diagnostics.maxPerFile sets the limit', async () => {
    server = new LspSession({ settings: { catalog: { live: false }, diagnostics: { maxPerFile: 3 } } });
    await server.initialize();
    const diagnostics = await server.open(URI, `{"models":{"providers":{"amazon-bedrock":{"models":[1,1,1,1,1,1,1]}}}}`);
    assert.deepStrictEqual(
      diagnostics.map((d) => d.code),
      ['schema', 'schema', 'schema', 'too-many-problems'],
    );
    assert.match(String(diagnostics[3]!.message), /^about 4 more problems are not shown: this file shows at most 3/);
  });
});
