import * as assert from 'assert';
import { CatalogProblem, CatalogStore, CatalogStoreSettings } from '../../server/src/bedrock/catalogStore';
import { discoverCatalogExplained } from '../../server/src/bedrock/discovery';
import { CatalogSnapshot } from '../../server/src/service/catalog/catalog';
import { useFakeBedrock } from '../fakeBedrockFixture';
import { scratchFolders } from '../scratch';

describe('Bedrock catalog: discovery and cache (real SDK against the fake Bedrock)', function () {
  const scratch = scratchFolders('openclaw-catalog-');
  const bedrock = useFakeBedrock({ enterSandbox: true });

  function settings(overrides: Partial<CatalogStoreSettings> = {}, profile = 'fake'): CatalogStoreSettings {
    return {
      live: true,
      ttlMs: 60_000,
      connection: (region) => ({ region, endpoint: bedrock.fake.controlEndpoint, profile }),
      network: {},
      ...overrides,
    };
  }

  /** A store, and `settled(n)`: a promise of its n-th live update or problem (default: the next). */
  function storeWith(overrides: Partial<CatalogStoreSettings> = {}, profile = 'fake') {
    const updates: CatalogSnapshot[] = [];
    const problems: CatalogProblem[] = [];
    const waiters: { count: number; resolve: () => void }[] = [];
    const seen = () => updates.length + problems.length;
    const wake = () => waiters.filter((w) => seen() >= w.count).forEach((w) => w.resolve());
    const store = new CatalogStore(settings(overrides, profile), {
      onUpdate: (snapshot) => (updates.push(snapshot), wake()),
      onProblem: (problem) => (problems.push(problem), wake()),
    });
    const settled = (count = seen() + 1) =>
      new Promise<void>((resolve) => (seen() >= count ? resolve() : waiters.push({ count, resolve })));
    return { store, updates, problems, settled };
  }

  const listRequests = () =>
    bedrock.fake.requests.filter((r) => r.operation === 'ListFoundationModels' || r.operation === 'ListInferenceProfiles');

  it('answers at once from the built-in list, then serves the live one', async () => {
    const { store, settled } = storeWith();
    const first = store.snapshot('us-east-1');
    assert.strictEqual(first.origin, 'built-in');
    await settled();
    const live = store.snapshot('us-east-1');
    assert.strictEqual(live.origin, 'live');
    const ids = live.entries.map((e) => e.id);
    assert.ok(ids.includes('qwen.qwen3-coder-next') && ids.includes('us.anthropic.claude-opus-4-6-v1'));
    assert.ok(!ids.includes('amazon.titan-embed-text-v2:0'), 'embeddings are not text models');
    assert.ok(!ids.includes('cohere.rerank-v3-5:0'), 'no streaming, no OpenClaw');
    const opus = live.entries.find((e) => e.id === 'anthropic.claude-opus-4-6-v1')!;
    assert.deepStrictEqual(
      [opus.provider, opus.onDemand, opus.kind, opus.inputModalities],
      ['Anthropic', false, 'foundation-model', ['TEXT', 'IMAGE']],
    );
    const profile = live.entries.find((e) => e.id === 'global.anthropic.claude-opus-4-6-v1')!;
    assert.deepStrictEqual(
      [profile.kind, profile.provider, profile.baseModelIds, profile.profileType],
      ['inference-profile', 'Anthropic', ['anthropic.claude-opus-4-6-v1'], 'SYSTEM_DEFINED'],
    );
    const application = live.entries.find((e) => e.profileType === 'APPLICATION')!;
    assert.strictEqual(application.id, 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/k3x9q2w7v1ab');
    assert.strictEqual(live.entries.find((e) => e.id === 'anthropic.claude-v2:1')!.lifecycle, 'LEGACY');
  });

  it("issues ListFoundationModels and both profile listings together, signed with the profile's keys", async () => {
    bedrock.fake.delay('*', 300);
    const { store, settled } = storeWith();
    const started = Date.now();
    store.snapshot('us-east-1');
    await settled();
    const elapsed = Date.now() - started;
    const requests = listRequests();
    assert.deepStrictEqual(requests.map((r) => `${r.operation} ${r.query.type ?? ''}`).sort(), [
      'ListFoundationModels ',
      'ListInferenceProfiles APPLICATION',
      'ListInferenceProfiles SYSTEM_DEFINED',
    ]);
    assert.ok(elapsed < 850, `three 300 ms requests took ${elapsed} ms: not in parallel`);
    assert.match(requests[0]!.headers.authorization!, /Credential=AKIAFAKEFAKEFAKE1234\//);
  });

  it('takes a Bedrock API key from AWS_BEARER_TOKEN_BEDROCK, with no AWS credentials at all', async () => {
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'bedrock-api-key-FAKE';
    try {
      const { store, settled } = storeWith({ connection: (region) => ({ region, endpoint: bedrock.fake.controlEndpoint }) });
      store.snapshot('us-east-1');
      await settled();
      assert.strictEqual(store.snapshot('us-east-1').origin, 'live');
      assert.deepStrictEqual([...new Set(listRequests().map((r) => r.headers.authorization))], ['Bearer bedrock-api-key-FAKE']);
    } finally {
      delete process.env.AWS_BEARER_TOKEN_BEDROCK;
    }
  });

  it('follows nextToken through every page of inference profiles', async () => {
    bedrock.fake.pageSize = 4;
    const { store, settled } = storeWith();
    store.snapshot('us-east-1');
    await settled();
    const systemPages = listRequests().filter((r) => r.query.type === 'SYSTEM_DEFINED');
    assert.strictEqual(systemPages.length, 3, '11 system profiles listed in us-east-1, in pages of 4');
    assert.ok(systemPages.slice(1).every((r) => r.query.nextToken));
    assert.strictEqual(store.snapshot('us-east-1').entries.filter((e) => e.kind === 'inference-profile').length, 12);
  });

  it('a fresh catalog makes no request; one request in flight per key however many ask', async () => {
    const { store, settled } = storeWith();
    for (let i = 0; i < 5; i++) store.snapshot('us-east-1');
    await settled();
    assert.strictEqual(listRequests().length, 3);
    for (let i = 0; i < 5; i++) assert.strictEqual(store.snapshot('us-east-1').origin, 'live');
    assert.strictEqual(listRequests().length, 3, 'no request while the catalog is fresh');
  });

  it('keeps catalogs on disk: a new store answers live at once, without a request', async () => {
    const cacheDir = scratch();
    const first = storeWith({ cacheDir });
    first.store.snapshot('us-east-1');
    await first.settled();
    const before = listRequests().length;
    const second = storeWith({ cacheDir }).store.snapshot('us-east-1');
    assert.strictEqual(second.origin, 'live');
    assert.strictEqual(second.entries.length, first.store.snapshot('us-east-1').entries.length);
    assert.strictEqual(listRequests().length, before);
  });

  it('serves a stale catalog at once and refreshes it in the background', async () => {
    const { store, settled, updates } = storeWith({ ttlMs: 0 });
    store.snapshot('us-east-1');
    await settled(1);
    bedrock.fake.catalog.foundationModels.push({
      ...bedrock.fake.catalog.foundationModels[0]!,
      modelId: 'acme.brand-new-v1:0',
      modelName: 'Brand New',
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const stale = store.snapshot('us-east-1');
    assert.strictEqual(stale.origin, 'live', 'the stale one answers first');
    assert.ok(!stale.entries.some((e) => e.id === 'acme.brand-new-v1:0'));
    await settled(2);
    assert.strictEqual(updates.length, 2);
    assert.ok(store.snapshot('us-east-1').entries.some((e) => e.id === 'acme.brand-new-v1:0'));
  });

  it('keys by region, endpoint and profile', async () => {
    const { store, settled } = storeWith();
    store.snapshot('us-east-1');
    await settled(1);
    assert.strictEqual(store.snapshot('us-west-2').origin, 'built-in', 'another region is another catalog');
    await settled(2);
    assert.strictEqual(store.snapshot('us-west-2').region, 'us-west-2');
    assert.strictEqual(listRequests().length, 6);
  });

  describe('when the live list cannot be had', () => {
    it('access denied: the built-in list, with which IAM actions are missing, and no retry per keystroke', async () => {
      bedrock.fake.fail('ListFoundationModels', {
        kind: 'serviceError',
        name: 'AccessDeniedException',
        message: 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:ListFoundationModels',
      });
      const { store, settled, problems } = storeWith();
      store.snapshot('us-east-1');
      await settled();
      const snapshot = store.snapshot('us-east-1');
      assert.strictEqual(snapshot.origin, 'built-in');
      assert.ok(snapshot.entries.length > 20);
      assert.strictEqual(problems.length, 1);
      assert.match(
        problems[0]!.message,
        /^Access denied in us-east-1: the IAM identity of profile "fake" needs bedrock:ListFoundationModels and bedrock:ListInferenceProfiles\. AWS said: User: .* is not authorized/,
      );
      assert.strictEqual(snapshot.problem, problems[0]!.message);
      const requests = listRequests().length;
      for (let i = 0; i < 20; i++) store.snapshot('us-east-1');
      assert.strictEqual(listRequests().length, requests, 'no new request within the back-off');
    });

    it('a profile without credentials: says which profile and how to fix it', async () => {
      const { store, settled, problems } = storeWith({}, 'nobody');
      store.snapshot('us-east-1');
      await settled();
      assert.match(
        problems[0]!.message,
        /^No AWS credentials from profile "nobody"\. Set "openclaw\.aws\.profile" .* "aws sso login --profile nobody"/,
      );
      assert.strictEqual(listRequests().length, 0);
    });

    it('an unreachable endpoint: says which one and what to check', async () => {
      const { store, settled, problems } = storeWith({
        connection: (region) => ({ region, endpoint: 'http://127.0.0.1:9', profile: 'fake' }),
      });
      store.snapshot('us-east-1');
      await settled();
      assert.match(
        problems[0]!.message,
        /^Cannot reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)\. Check the network or proxy \("http\.proxy", HTTPS_PROXY, NO_PROXY\), or set "openclaw\.bedrock\.endpoint"/,
      );
    });

    it('an AWS_CA_BUNDLE that cannot be read: says which file, and sends nothing', async () => {
      process.env.AWS_CA_BUNDLE = '/nonexistent/ca-bundle.pem';
      try {
        const connection = { region: 'us-east-1', endpoint: bedrock.fake.controlEndpoint, profile: 'fake' };
        await assert.rejects(
          discoverCatalogExplained(connection, {}),
          /^Error: AWS_CA_BUNDLE names \/nonexistent\/ca-bundle\.pem, which cannot be read \(ENOENT\)/,
        );
        assert.strictEqual(listRequests().length, 0);
      } finally {
        delete process.env.AWS_CA_BUNDLE;
      }
    });

    it('a refresh on request retries at once and rejects with the explanation', async () => {
      bedrock.fake.fail('ListInferenceProfiles', { kind: 'serviceError', name: 'ThrottlingException' }, { times: 10 });
      const { store, settled } = storeWith();
      store.snapshot('us-east-1');
      await settled();
      await assert.rejects(store.refresh('us-east-1'), /^Error: Bedrock throttled the request in us-east-1/);
      bedrock.fake.reset();
      const snapshot = await store.refresh('us-east-1');
      assert.strictEqual(snapshot.origin, 'live');
    });

    it('an answer slower than the request timeout: says the host did not answer in time', async () => {
      bedrock.fake.fail('ListInferenceProfiles', { kind: 'hang' });
      const connection = { region: 'us-east-1', endpoint: bedrock.fake.controlEndpoint, profile: 'fake' };
      // The store's timeouts are 5 s to connect and 15 s per request; shorter ones here, the same path.
      const timeouts = { connectionTimeout: 300, requestTimeout: 300, throwOnRequestTimeout: true };
      await assert.rejects(
        discoverCatalogExplained(connection, {}, timeouts),
        /^Error: http:\/\/127\.0\.0\.1:\d+ did not answer in time\. Check the network or proxy\.$/,
      );
    });

    it('live discovery switched off: the built-in list, no request', () => {
      const { store } = storeWith({ live: false });
      assert.strictEqual(store.snapshot('eu-west-1').origin, 'built-in');
      assert.ok(store.snapshot('eu-west-1').entries.some((e) => e.id === 'eu.anthropic.claude-opus-4-6-v1'));
      assert.strictEqual(listRequests().length, 0);
    });
  });
});
