import * as assert from 'assert';
import { releaseRules, releaseThatChanged } from '../../server/src/service/config/releaseRules';

describe('the rules of each OpenClaw release', () => {
  it('gives each measured release its rules: discovery, doctor, the /model allowlist, load-time migrations', () => {
    const table = ['2026.3.31', '2026.4.5', '2026.5.7', '2026.5.12', '2026.7.35', '2026.8.1', '2026.9.6'].map((version) => [
      version,
      releaseRules(version),
    ]);
    const first = { discovery: 'models', doctorOnLegacyDiscovery: 'moves', modelPolicy: false, loadTimeMigrations: false };
    assert.deepStrictEqual(table, [
      ['2026.3.31', first],
      ['2026.4.5', { ...first, discovery: 'plugin' }],
      ['2026.5.7', { ...first, discovery: 'plugin' }],
      ['2026.5.12', { ...first, discovery: 'plugin', doctorOnLegacyDiscovery: 'deletes' }],
      ['2026.7.35', { ...first, discovery: 'plugin', doctorOnLegacyDiscovery: 'deletes' }],
      ['2026.8.1', { discovery: 'plugin', doctorOnLegacyDiscovery: 'deletes', modelPolicy: true, loadTimeMigrations: true }],
      ['2026.9.6', { discovery: 'plugin', doctorOnLegacyDiscovery: 'deletes', modelPolicy: true, loadTimeMigrations: true }],
    ]);
  });

  it('names the release that changed a rule, and reads prereleases by their numbers', () => {
    assert.strictEqual(releaseThatChanged('modelPolicy'), '2026.8.1');
    assert.strictEqual(releaseThatChanged('discovery'), '2026.4.5');
    assert.strictEqual(releaseRules('2026.8.1-beta.1').modelPolicy, true);
    assert.strictEqual(releaseRules('2026.7.31').modelPolicy, false);
  });
});
