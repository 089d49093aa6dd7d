import * as assert from 'assert';
import { mergeSettings, proxySettings } from '../../server/src/settings';

describe('settings laid over the start settings', () => {
  const initial = {
    aws: { profile: 'dev', region: 'eu-west-1' },
    bedrock: { endpoint: 'https://vpce.example' },
    http: { proxy: 'http://proxy:3128', noProxy: ['a', 'b'] },
  };

  it('merges objects key by key; null and undefined leave what was there', () => {
    assert.deepStrictEqual(
      mergeSettings(initial, { aws: { region: 'us-west-2', profile: null }, bedrock: null, catalog: { live: false } }),
      {
        aws: { profile: 'dev', region: 'us-west-2' },
        bedrock: { endpoint: 'https://vpce.example' },
        http: { proxy: 'http://proxy:3128', noProxy: ['a', 'b'] },
        catalog: { live: false },
      },
    );
  });

  it('replaces arrays and values of another kind whole, and keeps the start settings untouched', () => {
    const merged = mergeSettings(initial, { http: { noProxy: ['c'] }, aws: 'nonsense' });
    assert.deepStrictEqual(merged.http, { proxy: 'http://proxy:3128', noProxy: ['c'] });
    assert.strictEqual(merged.aws as unknown, 'nonsense');
    assert.deepStrictEqual(initial.aws, { profile: 'dev', region: 'eu-west-1' });
  });

  it('takes nothing from settings that are not an object, and no prototype from a "__proto__" key', () => {
    for (const over of [null, undefined, 'x', 3, ['a']]) assert.strictEqual(mergeSettings(initial, over), initial);
    const merged = mergeSettings({}, JSON.parse('{"__proto__": {"polluted": true}, "version": "2026.9.6"}'));
    assert.deepStrictEqual(merged, { version: '2026.9.6' });
    assert.strictEqual((merged as Record<string, unknown>).polluted, undefined);
    assert.strictEqual(Object.getPrototypeOf(merged), Object.prototype);
  });

  it("reads the proxy keys of VS Code's http section, and nothing from a section that is not there", () => {
    assert.deepStrictEqual(proxySettings({ proxy: 'http://p:1', proxyStrictSSL: false, noProxy: ['x'], other: 1 }), {
      http: { proxy: 'http://p:1', proxyStrictSSL: false, noProxy: ['x'] },
    });
    assert.strictEqual(proxySettings(null), undefined);
    // Keys the section lacks are undefined, so they leave the start settings' values.
    assert.deepStrictEqual(mergeSettings(initial, proxySettings({})).http, initial.http);
  });
});
