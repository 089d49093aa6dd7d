import * as assert from 'assert';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { Pick, pickAwsProfileAndRegion, profileNamesIn, readProfileNames } from '../../client/src/awsProfiles';
import { scratchFolders } from '../scratch';

describe('AWS profiles for the status bar picker', () => {
  const scratch = scratchFolders('openclaw-profiles-');

  it('reads [default] and [profile x] from config, [x] from credentials, without sso-session sections', () => {
    const config =
      '[default]\nregion = us-east-1\n\n[profile dev]\nsso_session = corp\n\n[sso-session corp]\nsso_start_url = https://x\n[ profile  prod ]\n';
    const credentials = '[default]\naws_access_key_id = x\n[ci]\n';
    assert.deepStrictEqual(profileNamesIn(config, credentials), ['default', 'ci', 'dev', 'prod']);
  });

  it('follows AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, and tolerates missing files', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'config'), '[profile work]\n');
    assert.deepStrictEqual(readProfileNames({ AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'missing') }), [
      'work',
    ]);
  });

  it('the picker gives a choice only once both steps are picked: Escape at the region keeps the profile unsaved', async () => {
    const titles: string[] = [];
    const answering =
      (...labels: (string | undefined)[]): Pick =>
      async (items, options) => {
        titles.push(options.title);
        const label = labels.shift();
        return items.find((item) => item.label === label);
      };
    const current = { profile: 'fake', region: '' };
    assert.strictEqual(await pickAwsProfileAndRegion(current, ['default', 'dev'], answering('dev', undefined)), undefined);
    assert.deepStrictEqual(titles, ['AWS profile for Bedrock (1/2)', 'AWS region for Bedrock (2/2)']);
    assert.strictEqual(await pickAwsProfileAndRegion(current, ['default', 'dev'], answering(undefined)), undefined);
    assert.deepStrictEqual(await pickAwsProfileAndRegion(current, ['default', 'dev'], answering('dev', 'eu-west-1')), {
      profile: 'dev',
      region: 'eu-west-1',
    });
    assert.deepStrictEqual(await pickAwsProfileAndRegion(current, ['dev'], answering('Default credential chain', 'From the file')), {
      profile: '',
      region: '',
    });
  });
});
