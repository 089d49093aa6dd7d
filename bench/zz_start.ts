import { performance } from 'perf_hooks';
import { benchDocuments } from './documents';
import { LspSession } from '../test/protocol/lspClient';
const doc = benchDocuments().find((d) => d.name === (process.env.DOC ?? 'reference.json'))!;
async function main() {
  const t = performance.now();
  const session = new LspSession({ settings: { catalog: { live: false } }, env: { ...process.env, NODE_OPTIONS: process.env.PROF ? '--cpu-prof --cpu-prof-dir=/tmp/sprof' : '' } });
  await session.initialize();
  const init = performance.now() - t;
  await session.open(doc.uri, doc.text);
  console.log('initialized', init.toFixed(0), 'first diagnostics', (performance.now() - t).toFixed(0));
  await session.shutdown();
}
void main();
