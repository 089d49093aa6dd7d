import * as assert from 'assert';
import { join } from 'path';
import { detectOpenClaw, openClawSchema, validateWithOpenClaw } from '../../server/src/openclawCli';
import { SchemaBundle } from '../../server/src/schemaBundle';
import { createLanguageService } from '../../server/src/service/languageService';
import { REPO_ROOT } from '../helpers';
import { ensureOpenClaw, ORACLE_VERSION } from './openclawInstall';

/*
 * The bundled schemas (server/schemas, made by `npm run schemas`, not regenerated in CI) against the
 * release this tier installs: its bundled schema is exactly what `openclaw config schema` prints.
 */

describe(`The bundled schema of OpenClaw ${ORACLE_VERSION}`, function () {
  this.timeout(180_000);

  it('equals what the installed release prints', async () => {
    const cli = await detectOpenClaw(ensureOpenClaw((line) => console.log(`      ${line}`)));
    assert.strictEqual(cli?.version, ORACLE_VERSION);
    const printed = await openClawSchema(cli, undefined);
    const bundle = SchemaBundle.beside(join(REPO_ROOT, 'server', 'src'))!;
    assert.strictEqual(bundle.releaseFor(ORACLE_VERSION), ORACLE_VERSION);
    assert.deepStrictEqual(bundle.load(ORACLE_VERSION), printed);
  });

  it('accepts the configuration "OpenClaw: Open Configuration" creates, in every region geography', async () => {
    const cli = (await detectOpenClaw(ensureOpenClaw(() => undefined)))!;
    for (const awsRegion of ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'ca-central-1']) {
      const { text } = createLanguageService({ settings: { awsRegion } }).getNewConfiguration();
      const verdict = await validateWithOpenClaw(cli, [{ path: 'openclaw.json', text }]);
      assert.deepStrictEqual(verdict, { valid: true, issues: [] }, awsRegion);
    }
  });
});
