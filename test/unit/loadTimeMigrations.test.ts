import * as assert from 'assert';
import { createLanguageService, Diagnostic } from '../../server/src/service/languageService';
import { documentOf, withCursor } from '../helpers';

/*
 * OpenClaw 2026.8.1+ rewrites some legacy forms in memory before it validates (agents.list to
 * agents.entries, provider context budgets into each model, agents' contextTokens away) and checks
 * its agent roster with rules its printed schema lacks. The extension validates what OpenClaw does
 * and shows each finding where the user wrote it. Measured against 2026.9.6 by the oracle tier.
 */

function diagnose(text: string, version = '2026.9.6'): Diagnostic[] {
  return createLanguageService({ settings: { openclawVersion: version } }).getDiagnostics(documentOf(text));
}
const errorPaths = (text: string, version?: string) =>
  diagnose(text, version)
    .filter((d) => d.severity === 1)
    .map((d) => d.data?.path);

const PROVIDER = (extra = '') =>
  `models: { providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", ${extra} models: [{ id: "a.one", name: "One", contextWindow: 1000 }, { id: "a.two", name: "Two" }] } } },`;

describe('what OpenClaw rewrites before it validates (2026.8.1+)', () => {
  it("agents.list: validated as agents.entries keyed by id, reported at OpenClaw's path, shown on the list item", () => {
    const { document, offset } = withCursor(
      `{ ${PROVIDER()} agents: { list: [{ id: "main" }, { id: "coder", model: |42 }], ownership: "explicit" } }`,
    );
    const service = createLanguageService({ settings: { openclawVersion: '2026.9.6' } });
    const [error, ...others] = service.getDiagnostics(document).filter((d) => d.severity === 1);
    assert.deepStrictEqual(others, []);
    assert.strictEqual(error!.data?.path, 'agents.entries.coder.model');
    assert.match(
      error!.message,
      /at agents\.entries\.coder\.model \(agents\.list\.1\.model in the file, which OpenClaw moves there when it loads it\)/,
    );
    assert.strictEqual(document.offsetAt(error!.range.start), offset);
  });

  it('before 2026.8.1 agents.list is validated as it is', () => {
    const text = `{ ${PROVIDER()} agents: { list: [{ id: "main" }, { id: "coder", model: 42 }] } }`;
    assert.deepStrictEqual(errorPaths(text, '2026.7.35'), ['agents.list.1.model']);
  });

  it('a list OpenClaw cannot key by id stays, and is refused, with no agent left', () => {
    assert.deepStrictEqual(errorPaths(`{ ${PROVIDER()} agents: { list: [{ id: "Coder" }] } }`), ['agents', 'agents.entries']);
    assert.deepStrictEqual(errorPaths(`{ ${PROVIDER()} agents: { list: [{ id: "coder" }, { id: "coder" }] } }`), [
      'agents',
      'agents.entries',
    ]);
    assert.deepStrictEqual(errorPaths(`{ ${PROVIDER()} agents: { list: [{ id: "coder" }] } }`), []);
  });

  it("a provider's context budget goes into each model without one: a bad value is reported there, shown on the provider's key", () => {
    const { document, offset } = withCursor(`{ ${PROVIDER('contextWindow: |"big",')} }`);
    const [error, ...others] = createLanguageService({ settings: { openclawVersion: '2026.9.6' } })
      .getDiagnostics(document)
      .filter((d) => d.severity === 1);
    assert.deepStrictEqual(others, []);
    assert.strictEqual(error!.data?.path, 'models.providers.amazon-bedrock.models.1.contextWindow', 'only the model without its own');
    assert.strictEqual(document.offsetAt(error!.range.start), offset);
    assert.deepStrictEqual(
      errorPaths(`{ ${PROVIDER('contextWindow: 2000, contextTokens: 1000,')} agents: { defaults: { contextTokens: 5 } } }`),
      [],
    );
    assert.deepStrictEqual(
      errorPaths(`{ ${PROVIDER('contextWindow: 2000,')} agents: { defaults: { contextTokens: 5 } } }`, '2026.7.35'),
      [],
    );
  });
});

describe("OpenClaw's agent roster rules (2026.8.1+)", () => {
  const agents = (body: string) => `{ ${PROVIDER()} agents: { ${body} } }`;

  it('two agents need an owner: agents.ownership "explicit" or one legacy default=true marker', () => {
    const [ownership] = diagnose(agents('entries: { main: {}, coder: {} }')).filter((d) => d.severity === 1);
    assert.strictEqual(ownership!.data?.path, 'agents.ownership');
    assert.match(ownership!.message, /^multi-agent rosters require agents\.ownership="explicit" or one legacy default=true marker/);
    assert.deepStrictEqual(errorPaths(agents('ownership: "explicit", entries: { main: {}, coder: {} }')), []);
    assert.deepStrictEqual(errorPaths(agents('entries: { main: { default: true }, coder: {} }')), []);
    assert.deepStrictEqual(errorPaths(agents('list: [{ id: "main" }, { id: "coder" }]')), ['agents.ownership']);
    assert.deepStrictEqual(errorPaths(agents('list: [{ id: "main" }, { id: "coder" }]'), '2026.7.35'), [], 'not a rule before 2026.8.1');
  });

  it('markers: at most one, and not with explicit ownership', () => {
    assert.deepStrictEqual(errorPaths(agents('entries: { main: { default: true }, coder: { default: true } }')), ['agents.entries']);
    assert.deepStrictEqual(errorPaths(agents('ownership: "explicit", entries: { main: { default: true } }')), ['agents.ownership']);
  });

  it('keys that normalize to one agent id; explicit ownership with no agent', () => {
    assert.deepStrictEqual(errorPaths(agents('ownership: "explicit", entries: { Coder: {}, coder: {} }')), ['agents.entries.coder']);
    assert.deepStrictEqual(errorPaths(agents('ownership: "explicit"')), ['agents.entries']);
    assert.deepStrictEqual(errorPaths(agents('defaults: {}')), [], 'without explicit ownership OpenClaw adds the agent "main"');
  });

  it('are not checked while something inside agents is wrong (OpenClaw checks them only on a well-typed roster)', () => {
    assert.deepStrictEqual(errorPaths(agents('entries: { main: {}, coder: { model: 42 } }')), ['agents.entries.coder.model']);
  });
});

describe('a file that does not parse', () => {
  it('is an error for its syntax alone; what the schema finds in the rest is a warning of what comes next', () => {
    const diagnostics = diagnose(
      `{ ${PROVIDER().replace('name: "Two"', 'name: "Two", temperature: 1')} agents: { defaults: { model: "amazon-bedrock/a.one" } } `,
    );
    assert.deepStrictEqual(
      diagnostics.filter((d) => d.severity === 1).map((d) => d.code),
      ['syntax'],
    );
    const schema = diagnostics.find((d) => d.code === 'schema')!;
    assert.strictEqual(schema.severity, 2);
    assert.match(
      schema.message,
      /^Unrecognized key: "temperature" at models\.providers\.amazon-bedrock\.models\.1: once the syntax errors are fixed, OpenClaw 2026\.9\.6 \(openclaw\.version setting\) rejects the file/,
    );
  });
});
