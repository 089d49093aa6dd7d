import * as assert from 'assert';
import { configurationPath } from '../../client/src/configLocation';

describe('where OpenClaw reads its configuration (OpenClaw: Open Configuration)', () => {
  it('$OPENCLAW_CONFIG_PATH, else $OPENCLAW_STATE_DIR/openclaw.json, else ~/.openclaw/openclaw.json', () => {
    assert.strictEqual(configurationPath({}, '/home/ann'), '/home/ann/.openclaw/openclaw.json');
    assert.strictEqual(configurationPath({ OPENCLAW_STATE_DIR: '/srv/claw' }, '/home/ann'), '/srv/claw/openclaw.json');
    assert.strictEqual(configurationPath({ OPENCLAW_STATE_DIR: '~/state' }, '/home/ann'), '/home/ann/state/openclaw.json');
    assert.strictEqual(
      configurationPath({ OPENCLAW_CONFIG_PATH: '/etc/claw/team.json5', OPENCLAW_STATE_DIR: '/srv/claw' }, '/home/ann'),
      '/etc/claw/team.json5',
    );
    assert.strictEqual(
      configurationPath({ OPENCLAW_CONFIG_PATH: '  ' }, '/home/ann'),
      '/home/ann/.openclaw/openclaw.json',
      'blank is unset',
    );
  });
});
