import { AwsSandbox } from './awsSandbox';
import { FakeBedrock } from './fakeBedrock/fakeBedrock';

/**
 * A fake Bedrock for a mocha suite: started before it, reset after each test, stopped after it,
 * with a scratch AWS profile `fake`. `enterSandbox`: point this process's AWS environment at it
 * too (for in-process SDK clients); child processes take `sandbox.childEnv()`.
 */
export function useFakeBedrock(options: { enterSandbox?: boolean } = {}): { readonly fake: FakeBedrock; readonly sandbox: AwsSandbox } {
  const sandbox = new AwsSandbox();
  let fake: FakeBedrock | undefined;
  before(async () => {
    if (options.enterSandbox) sandbox.enter();
    fake = await FakeBedrock.start();
  });
  afterEach(() => fake?.reset());
  after(async () => {
    await fake?.stop();
    sandbox.restore();
  });
  return {
    get fake(): FakeBedrock {
      if (!fake) throw new Error('The fake Bedrock starts in a before() hook: use it inside tests.');
      return fake;
    },
    sandbox,
  };
}
