import * as assert from 'assert';
import { join } from 'path';
import { detectOpenClaw, openClawSchema } from '../../server/src/openclawCli';
import { SchemaBundle } from '../../server/src/schemaBundle';
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
});
