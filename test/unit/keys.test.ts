import * as assert from 'assert';
import { join } from 'path';
import { SchemaBundle } from '../../server/src/schemaBundle';
import {
  CompletionItem,
  createLanguageService,
  Diagnostic,
  LanguageService,
  TextDocumentLike,
} from '../../server/src/service/languageService';
import { applyEdits, editsTo, memoryFiles, REPO_ROOT, withCursor } from '../helpers';

/*
 * Every key of openclaw.json explained from the bundled schema of the version checked, without
 * openclaw installed: hovers (title, description, type, default, since which release, or which
 * release added or dropped a key the version lacks), completion of keys and values, and unknown keys
 * named with the key they are likely a typo of, with a fix.
 */

const bundle = SchemaBundle.beside(join(REPO_ROOT, 'server', 'src'))!;

function service(openclawVersion?: string): LanguageService {
  return createLanguageService({ settings: { openclawVersion }, schemas: bundle });
}

function hover(marked: string, openclawVersion?: string): string | undefined {
  const { document, offset } = withCursor(marked);
  return service(openclawVersion).getHover(document, document.positionAt(offset))?.contents;
}

function complete(marked: string, openclawVersion?: string): CompletionItem[] {
  const { document, offset } = withCursor(marked);
  return service(openclawVersion).getCompletion(document, document.positionAt(offset)).items;
}

function item(items: CompletionItem[], label: string): CompletionItem {
  const found = items.find((candidate) => candidate.label === label);
  assert.ok(found, `no item ${label} among ${items.map((candidate) => candidate.label).join(', ')}`);
  return found;
}

const schemaErrors = (svc: LanguageService, document: TextDocumentLike): Diagnostic[] =>
  svc.getDiagnostics(document).filter((d) => d.code === 'schema');

const PORT_CARD = [
  '**Gateway Port** · `port`',
  'TCP port used by the gateway listener for API, control UI, and channel-facing ingress paths. Use a dedicated port and avoid collisions with reverse proxies or local developer services.',
  'Type: integer from 1 to 65535',
  '*From the bundled schema of OpenClaw 2026.9.6*',
].join('\n\n');

describe('keys explained from the bundled schema, no openclaw installed', () => {
  describe('hover', () => {
    it('on any key, outside models too: title, description, type, and which schema says so; in JSON, JSON5 and a broken file', () => {
      assert.strictEqual(hover('{ gateway: { po|rt: 18789 } }'), PORT_CARD);
      assert.strictEqual(hover('{\n  "gateway": {\n    "po|rt": 18789\n  }\n}'), PORT_CARD);
      assert.strictEqual(hover("// broken\n{ gateway: { 'po|rt': 18789, bind: "), PORT_CARD);
      const bind = hover('{ gateway: { bi|nd: "lan" } }')!;
      assert.match(bind, /\n\nType: string: one of `auto`, `lan`, `loopback`, `custom`, `tailnet`\n\n/);
      assert.match(hover('{ agents: { defaults: { mod|el: "x" } } }')!, /^`model`\n\nType: string or object\n\n/);
      assert.match(
        hover('{ models: { providers: { p: { models: [ { id: "a", name: "A", inp|ut: [] } ] } } } }')!,
        /Type: array of \(string: one of `text`, `image`, `video`, `audio`\)/,
      );
    });

    it('the default a key takes, and the type of its value where its schema has bounds', () => {
      const card = hover('{ channels: { discord: { dmPol|icy: "pairing" } } }')!;
      assert.match(card, /Type: string: one of `pairing`, `allowlist`, `open`, `disabled` · Default: `"pairing"`/);
    });

    it('since which release a key exists, when it came after the oldest bundled one', () => {
      assert.match(
        hover('{ agents: { defaults: { modelPo|licy: {} } } }')!,
        /\n\nSince OpenClaw 2026\.8\.1\n\n\*From the bundled schema of OpenClaw 2026\.9\.6\*$/,
      );
      assert.doesNotMatch(hover('{ gateway: { po|rt: 18789 } }')!, /Since/, 'a key of the oldest bundled release');
    });

    it('a key newer than the version checked: which release added it, described from that release', () => {
      const card = hover('{ agents: { defaults: { modelPo|licy: {} } } }', '2026.7.2')!;
      assert.match(card, /^\*\*Model Policy\*\* · `modelPolicy`\n\n/);
      assert.match(
        card,
        /\n\n\*\*Added in OpenClaw 2026\.8\.1\*\*: 2026\.7\.2 \(your version\) does not know it\.\n\n\*From the bundled schema of OpenClaw 2026\.8\.1\*$/,
      );
      // A key inside a section the version lacks is new with it.
      assert.match(hover('{ agents: { defaults: { modelPolicy: { al|low: [] } } } }', '2026.7.2')!, /\*\*Added in OpenClaw 2026\.8\.1\*\*/);
    });

    it('a key the version checked no longer has: which release dropped it, described from the last one with it', () => {
      const card = hover('{ canvas|Host: {} }')!;
      assert.match(card, /^\*\*Canvas Host\*\* · `canvasHost`\n\n/);
      assert.match(
        card,
        /\*\*Removed in OpenClaw 2026\.5\.12\*\*: 2026\.9\.6 \(the version checked\) refuses it; 2026\.5\.7 was the last release with it\./,
      );
      assert.match(card, /\*From the bundled schema of OpenClaw 2026\.5\.7\*$/);
      assert.doesNotMatch(hover('{ canvas|Host: {} }', '2026.5.7')!, /Removed/, '2026.5.7 has it');
    });

    it('an unknown key: the close key it may be a typo of, or what became of a retired one', () => {
      assert.strictEqual(hover('{ mdo|els: {} }'), "**Unknown key** `mdoels`: OpenClaw 2026.9.6 refuses it. Did you mean 'models'?");
      assert.match(hover('{ ag|ent: {} }')!, /'agent' is retired: its settings belong in agents\.defaults/);
      assert.strictEqual(hover('{ gateway: { $inc|lude: "./gateway.json5" } }'), undefined, 'not a key of the configuration');
      assert.strictEqual(hover('{ gateway: { zzzzzz|zz: 1 } }'), undefined, 'nothing to add to the diagnostic');
      assert.strictEqual(hover('{ construc|tor: 1, }'), undefined, "a key named like an Object property is no key of the bundle's indexes");
    });

    it('versions before the bundle: what the oldest bundled release takes, with the newest description', () => {
      const card = hover('{ gateway: { po|rt: 1 } }', '2026.3.2')!;
      assert.match(card, /^\*\*Gateway Port\*\* · `port`\n\nTCP port used by the gateway listener/);
      assert.match(card, /Type: integer > 0\n\nOpenClaw 2026\.3\.2 predates the bundled schemas: this is what 2026\.3\.28 takes\./);
      assert.match(card, /\*From the bundled schema of OpenClaw 2026\.3\.28; the description is 2026\.9\.6's\*$/);
    });

    it('in an included file, at the path where it is included', () => {
      const memory = memoryFiles({
        '/cfg/openclaw.json': '{ gateway: { $include: "./gateway.json5" } }',
        '/cfg/gateway.json5': '{ port: 18789 }',
      });
      const svc = createLanguageService({ files: memory.source, schemas: bundle });
      const document = memory.document('/cfg/gateway.json5');
      assert.strictEqual(svc.getHover(document, document.positionAt(3))?.contents, PORT_CARD);
    });
  });

  describe('completion', () => {
    it('keys of any object, with the title as detail and the description, type and since which release as documentation', () => {
      const items = complete('{ gateway: { port: 18789, | } }');
      assert.ok(!items.some((i) => i.label === 'port'), 'not a key the object has');
      const bind = item(items, 'bind');
      assert.strictEqual(bind.detail, 'Gateway Bind Mode');
      assert.match(
        bind.documentation!,
        /^Network bind profile: .*\n\nType: string: one of `auto`, `lan`, `loopback`, `custom`, `tailnet`$/,
      );
      assert.strictEqual(bind.textEdit.newText, 'bind: "${1|auto,lan,loopback,custom,tailnet|}"');
      const policy = item(complete('{ agents: { defaults: { | } } }'), 'modelPolicy');
      assert.match(policy.documentation!, /\n\nSince OpenClaw 2026\.8\.1$/);
    });

    it('a key whose value is an object with required keys: a snippet with them; a key without title: its type as detail', () => {
      const github = item(complete('{ tools: { | } }'), 'github');
      assert.strictEqual(github.textEdit.newText, 'github: { profileId: "$1" }');
      const cost = item(complete('{ models: { providers: { p: { models: [ { | } ] } } } }'), 'cost');
      assert.strictEqual(cost.detail, 'object');
      assert.strictEqual(cost.textEdit.newText, 'cost: {$1}');
      assert.strictEqual(item(complete("{ models: { providers: { 'p': { | } } } }"), 'models').textEdit.newText, 'models: [$1]');
    });

    it("values: enum values in the file's quotes, booleans, an object and an array; model ids and references keep precedence", () => {
      const bind = complete("{ gateway: { bind: '|' } }");
      assert.deepStrictEqual(
        bind.map((i) => [i.label, i.textEdit.newText]),
        [
          ['auto', "'auto'"],
          ['lan', "'lan'"],
          ['loopback', "'loopback'"],
          ['custom', "'custom'"],
          ['tailnet', "'tailnet'"],
        ],
      );
      assert.strictEqual(bind[0]!.detail, 'Gateway Bind Mode');
      assert.match(bind[0]!.documentation!, /^Network bind profile/);
      assert.strictEqual(complete('{ gateway: { bind: | } }')[0]!.textEdit.newText, '"auto"', "no string open: the file's quote");
      assert.strictEqual(complete("{ gateway: { mode: 'local', bind: | } }")[0]!.textEdit.newText, "'auto'");
      assert.deepStrictEqual(
        complete('{ gateway: { tls: { enabled: | } } }').map((i) => i.label),
        ['true', 'false'],
      );
      assert.deepStrictEqual(
        complete('{ models: { providers: { p: { models: [ { id: "a", name: "A", input: ["|"] } ] } } } }').map((i) => i.label),
        ['text', 'image', 'video', 'audio'],
      );
      const model = complete('{ agents: { defaults: { imageModel: | } } }');
      assert.ok(
        model.some((i) => i.label === 'amazon-bedrock/amazon.nova-pro-v1:0'),
        'a reference: the model list, not the schema',
      );
      const profile = item(complete('{ auth: { profiles: { main: | } } }'), '{}');
      assert.strictEqual(profile.textEdit.newText, '{ provider: "$1", mode: "${2|api_key,aws-sdk,oauth,token|}" }');
      assert.strictEqual(item(complete('{ gateway: { trustedProxies: | } }'), '[]').textEdit.newText, '[$1]');
    });

    it('in a broken file and in an included file', () => {
      assert.ok(complete('{ gateway: { bind: "l|').some((i) => i.label === 'loopback'));
      const memory = memoryFiles({
        '/cfg/openclaw.json': '{ gateway: { $include: "./gateway.json5" } }',
        '/cfg/gateway.json5': '{ port: 18789,  }',
      });
      const svc = createLanguageService({ files: memory.source, schemas: bundle });
      const document = memory.document('/cfg/gateway.json5');
      const items = svc.getCompletion(document, document.positionAt('{ port: 18789, '.length)).items;
      assert.strictEqual(item(items, 'bind').detail, 'Gateway Bind Mode');
    });
  });

  describe('unknown keys', () => {
    const fixesAt = (svc: LanguageService, document: TextDocumentLike, diagnostic: Diagnostic) =>
      svc
        .getCodeActions(document, { range: diagnostic.range, diagnostics: [diagnostic] })
        .filter((action) => action.title.startsWith('Change to'));

    it('a typo: "did you mean" the close key of that object, and a fix that keeps the quotes; OpenClaw accepts the result', () => {
      for (const [text, fixed] of [
        ['{ mdoels: {} }', '{ models: {} }'],
        ['{\n  "gateway": {\n    "prot": 18789\n  }\n}', '{\n  "gateway": {\n    "port": 18789\n  }\n}'],
        ["{ gateway: { 'prot': 18789, }, }", "{ gateway: { 'port': 18789, }, }"],
      ]) {
        const svc = service();
        const document = withCursor(`|${text}`).document;
        const [error] = schemaErrors(svc, document);
        assert.match(error!.message, / Did you mean '(models|port)'\?$/);
        const [fix] = fixesAt(svc, document, error!);
        assert.strictEqual(fix?.title, `Change to '${/'(\w+)'\?$/.exec(error!.message)![1]}'`);
        assert.deepStrictEqual(fix!.diagnostics, [error]);
        const after = applyEdits(text!, editsTo(fix!.edit));
        assert.strictEqual(after, fixed);
        assert.deepStrictEqual(schemaErrors(svc, withCursor(`|${after}`).document), []);
      }
    });

    it('no fix where two keys are as close, or where the close key is already there', () => {
      const svc = service();
      const ambiguous = withCursor('|{ gateway: { modes: "local" } }').document;
      const [error] = schemaErrors(svc, ambiguous);
      assert.match(error!.message, / Did you mean 'mode' or 'nodes'\?$/);
      assert.deepStrictEqual(fixesAt(svc, ambiguous, error!), []);
      const taken = withCursor('|{ models: {}, mdoels: {} }').document;
      const [duplicate] = schemaErrors(svc, taken);
      assert.doesNotMatch(duplicate!.message, /Did you mean/);
      assert.deepStrictEqual(fixesAt(svc, taken, duplicate!), []);
    });

    it('a key of another release, or a retired one: the message says so, and no fix renames it', () => {
      const message = (text: string, version?: string) => {
        const svc = service(version);
        const document = withCursor(`|${text}`).document;
        const [error] = schemaErrors(svc, document);
        assert.deepStrictEqual(fixesAt(svc, document, error!), [], text);
        return error!.message.split('does not start. ')[1];
      };
      assert.strictEqual(
        message('{ canvasHost: {} }'),
        "'canvasHost' was removed in OpenClaw 2026.5.12 (2026.5.7 was the last release with it).",
      );
      assert.strictEqual(
        message('{ agents: { defaults: { modelPolicy: {} } } }', '2026.7.2'),
        "'modelPolicy' was added in OpenClaw 2026.8.1: 2026.7.2 does not know it.",
      );
      assert.strictEqual(
        message('{ agent: {} }'),
        '\'agent\' is retired: its settings belong in agents.defaults (and tools.*) now, and "openclaw doctor --fix" removes it.',
      );
      assert.match(message('{ routing: {} }')!, /^'routing' is retired: routing\.allowFrom moved to channels\.whatsapp\.allowFrom/);
    });

    it('in an included file: the fix edits that file', () => {
      const memory = memoryFiles({
        '/cfg/openclaw.json': '{ gateway: { $include: "./gateway.json5" } }',
        '/cfg/gateway.json5': '{ prot: 18789 }',
      });
      const svc = createLanguageService({ files: memory.source, schemas: bundle });
      const document = memory.document('/cfg/gateway.json5');
      const [error] = schemaErrors(svc, document);
      const [fix] = fixesAt(svc, document, error!);
      assert.strictEqual(applyEdits(document.getText(), editsTo(fix!.edit, document.uri)), '{ port: 18789 }');
    });
  });

  it('names the schema a document is checked against', () => {
    const { document } = withCursor('|{ meta: { lastTouchedVersion: "2026.7.2" } }');
    assert.strictEqual(service().getSchemaLabel(document), 'the bundled schema of OpenClaw 2026.7.1-2');
    assert.strictEqual(service('2026.9.6').getSchemaLabel(document), 'the bundled schema of OpenClaw 2026.9.6');
    assert.strictEqual(service('2026.3.2').getSchemaLabel(document), "the extension's own schema (models, agents and the Bedrock plugin)");
  });
});
