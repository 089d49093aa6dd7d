import { parseArgs } from 'util';
import { FakeBedrock } from './fakeBedrock';

/** `npm run fake-bedrock -- [--control-port 4599] [--runtime-port 4600]`: a fake Bedrock to point VS Code at. */

function port(flag: string | undefined, environment: string | undefined, fallback: number): number {
  const value = Number(flag ?? environment ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`Not a port: ${flag ?? environment}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'control-port': { type: 'string' }, 'runtime-port': { type: 'string' } } });
  const fake = await FakeBedrock.start({
    controlPort: port(values['control-port'], process.env.FAKE_BEDROCK_CONTROL_PORT, 4599),
    runtimePort: port(values['runtime-port'], process.env.FAKE_BEDROCK_RUNTIME_PORT, 4600),
    log: (line) => console.log(line),
  });
  console.log(
    [
      'Fake Amazon Bedrock (us-east-1 catalog), HTTP/1.1 and cleartext HTTP/2 on both ports:',
      `  control plane:  ${fake.controlEndpoint}`,
      `  runtime:        ${fake.runtimeEndpoint}`,
      'VS Code settings:',
      `  "openclaw.bedrock.endpoint": "${fake.controlEndpoint}",`,
      `  "openclaw.bedrock.runtimeEndpoint": "${fake.runtimeEndpoint}"`,
      'Any credentials work. Ctrl+C stops it.',
    ].join('\n'),
  );
  const stop = () => {
    void fake.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
