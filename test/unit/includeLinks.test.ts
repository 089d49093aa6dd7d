import * as assert from 'assert';
import { createLanguageService, FileSource, Position } from '../../server/src/service/languageService';
import { memoryFiles } from '../helpers';

/*
 * `$include` paths: a link to the file (only when the include resolver read it), Go to Definition
 * to its start, and a hover with the resolved path and what the file brings.
 */

const ROOT = `{
  // JSON5, with a list of includes
  models: { $include: "./models.json5" },
  agents: { $include: ['./agents.json', "./missing.json5", "../outside.json5"], defaults: { model: "GLM" } },
}
`;
const MODELS = '{ "providers": { "amazon-bedrock": { "models": [ { "id": "zai.glm-4.7" }, { "id": "deepseek.v3.2" } ] } } }';
const AGENTS = '{\n  "defaults": { "models": { "amazon-bedrock/zai.glm-4.7": { "alias": "GLM" } } },\n  "list": []\n}\n';

function setUp(texts: Record<string, string>, wrap?: (source: FileSource) => FileSource) {
  const files = memoryFiles(texts);
  const source = wrap ? wrap(files.source) : files.source;
  return { files, service: createLanguageService({ files: source }) };
}

const standard = () =>
  setUp({ '/cfg/openclaw.json': ROOT, '/cfg/models.json5': MODELS, '/cfg/agents.json': AGENTS, '/outside.json5': '{}' });

function positionIn(text: string, needle: string, shift = 3): Position {
  const before = text.slice(0, text.indexOf(needle) + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

describe('$include: document links', () => {
  it('links each path whose file was read, over the text inside the quotes; not a missing file or one outside the folder', () => {
    const { files, service } = standard();
    const root = files.document('/cfg/openclaw.json');
    const links = service.getDocumentLinks(root);
    const text = root.getText();
    assert.deepStrictEqual(
      links.map((link) => ({
        text: text.slice(root.offsetAt(link.range.start), root.offsetAt(link.range.end)),
        target: link.target,
        tooltip: link.tooltip,
      })),
      [
        { text: './models.json5', target: files.uri('/cfg/models.json5'), tooltip: 'Open /cfg/models.json5' },
        { text: './agents.json', target: files.uri('/cfg/agents.json'), tooltip: 'Open /cfg/agents.json' },
      ],
    );
  });

  it('no link to a file the workspace may not read (untrusted), though it exists', () => {
    const refuse = (source: FileSource): FileSource => ({
      ...source,
      get: (uri) => (uri.endsWith('/models.json5') ? undefined : source.get(uri)),
      whyUnread: (uri) =>
        uri.endsWith('/models.json5') ? 'not read: the workspace is not trusted, and the file is outside it' : undefined,
    });
    const { files, service } = setUp({ '/cfg/openclaw.json': ROOT, '/cfg/models.json5': MODELS, '/cfg/agents.json': AGENTS }, refuse);
    assert.deepStrictEqual(
      service.getDocumentLinks(files.document('/cfg/openclaw.json')).map((link) => link.target),
      [files.uri('/cfg/agents.json')],
    );
  });

  it('links in an included file, a cycle back to the root, and a file that does not parse; none in a file without includes', () => {
    const { files, service } = setUp({
      '/cfg/openclaw.json': '{ models: { $include: "./a.json5" } }',
      '/cfg/a.json5': '{ $include: "./openclaw.json", b: { $include: "./broken.json5" } }',
      '/cfg/broken.json5': '{ providers: ',
    });
    const targets = service.getDocumentLinks(files.document('/cfg/a.json5')).map((link) => link.target);
    assert.deepStrictEqual(targets, [files.uri('/cfg/openclaw.json'), files.uri('/cfg/broken.json5')]);
    assert.deepStrictEqual(service.getDocumentLinks(files.document('/cfg/broken.json5')), []);
  });

  it('in a broken root file, the includes it still has', () => {
    const broken = ROOT.replace('defaults: {', 'defaults: {{');
    const { files, service } = setUp({ '/cfg/openclaw.json': broken, '/cfg/models.json5': MODELS, '/cfg/agents.json': AGENTS });
    assert.deepStrictEqual(service.getDocumentLinks(files.document('/cfg/openclaw.json')).length, 2);
  });
});

describe('$include: definition and hover', () => {
  it('Go to Definition on a path: one location, the start of the included file', () => {
    const { files, service } = standard();
    const root = files.document('/cfg/openclaw.json');
    const start = { line: 0, character: 0 };
    assert.deepStrictEqual(service.getDefinition(root, positionIn(ROOT, './models.json5')), [
      { uri: files.uri('/cfg/models.json5'), range: { start, end: start } },
    ]);
    assert.deepStrictEqual(service.getDefinition(root, positionIn(ROOT, "'./agents.json'"))[0]!.uri, files.uri('/cfg/agents.json'));
    assert.deepStrictEqual(service.getDefinition(root, positionIn(ROOT, './missing.json5')), [], 'a file that is not there');
  });

  it('hover: the resolved path, where it lands and what it brings (top-level keys, models, aliases)', () => {
    const { files, service } = standard();
    const root = files.document('/cfg/openclaw.json');
    const models = service.getHover(root, positionIn(ROOT, './models.json5'));
    assert.strictEqual(
      models!.contents,
      '**$include** `./models.json5` → `/cfg/models.json5`\n\nBrings `providers` into `models` · 2 models · 0 aliases',
    );
    assert.deepStrictEqual(models!.range, {
      start: positionIn(ROOT, '"./models.json5"', 0),
      end: positionIn(ROOT, '"./models.json5"', 16),
    });
    const agents = service.getHover(root, positionIn(ROOT, "'./agents.json'"));
    assert.strictEqual(
      agents!.contents,
      '**$include** `./agents.json` → `/cfg/agents.json`\n\nBrings `defaults`, `list` into `agents` · 0 models · 1 alias',
    );
    assert.strictEqual(
      service.getHover(root, positionIn(ROOT, './missing.json5')),
      undefined,
      'nothing read, nothing to say (the diagnostic says why)',
    );
  });

  it('hover on an include of a whole file at the top level, and of a file that is an array', () => {
    const { files, service } = setUp({
      '/cfg/openclaw.json': '{ $include: "./base.json5", agents: { list: { $include: "./list.json" } } }',
      '/cfg/base.json5': '{ models: {}, agents: {} }',
      '/cfg/list.json': '[{ "id": "a" }]',
    });
    const root = files.document('/cfg/openclaw.json');
    const text = root.getText();
    assert.match(
      service.getHover(root, positionIn(text, './base'))!.contents,
      /Brings `models`, `agents` to the top level · 0 models · 0 aliases$/,
    );
    assert.match(service.getHover(root, positionIn(text, './list'))!.contents, /Brings an array of 1 item into `agents\.list`/);
  });
});
