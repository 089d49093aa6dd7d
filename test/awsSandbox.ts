import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** Obviously fake credentials: tests search output for them to prove nothing logs them. */
export const FAKE_ACCESS_KEY_ID = 'AKIAFAKEFAKEFAKE1234';
export const FAKE_SECRET_ACCESS_KEY = 'fakeSecretKeyThatMustNeverBeLogged0000000';

/** What decides where SDK requests go and with what: the sandbox clears them all. */
const SANDBOXED_VARIABLES = [
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_USE_FIPS_ENDPOINT',
  'AWS_USE_DUALSTACK_ENDPOINT',
  'AWS_CA_BUNDLE',
  ...['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY'].flatMap((name) => [name, name.toLowerCase()]),
];

/**
 * A scratch ~/.aws with one profile, `fake`, and an environment where the SDK's credential chain can
 * only find that (no instance metadata lookups, no proxy of the machine's: tests reach nothing but
 * 127.0.0.1).
 */
export class AwsSandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'openclaw-aws-'));
  private readonly saved = new Map<string, string | undefined>();

  /** The variables a child process (the language server) needs to see the sandbox. */
  readonly env: Record<string, string> = {
    AWS_CONFIG_FILE: join(this.dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(this.dir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };

  constructor() {
    writeFileSync(this.env.AWS_CONFIG_FILE!, '[profile fake]\nregion = us-east-1\n');
    writeFileSync(
      this.env.AWS_SHARED_CREDENTIALS_FILE!,
      `[fake]\naws_access_key_id = ${FAKE_ACCESS_KEY_ID}\naws_secret_access_key = ${FAKE_SECRET_ACCESS_KEY}\n`,
    );
  }

  /** Points this process's environment at the sandbox until restore(). */
  enter(): void {
    for (const name of SANDBOXED_VARIABLES) {
      this.saved.set(name, process.env[name]);
      delete process.env[name];
    }
    Object.assign(process.env, this.env);
  }

  restore(): void {
    for (const [name, value] of this.saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A child-process environment: this one without AWS and proxy variables, plus the sandbox. */
  childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const name of SANDBOXED_VARIABLES) delete env[name];
    return { ...env, ...this.env, ...extra };
  }
}
