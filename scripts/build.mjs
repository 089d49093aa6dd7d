// Bundles the extension client, the language server and the CLI, each into one file.
import { build } from 'esbuild';

const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
};

await Promise.all([
  // The banner marks when the bundle starts to load: activation time counts loading, as VS Code's does.
  // The entry point stays small (activation); the language client is a bundle of its own, loaded after activate() returns.
  build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'client/out/extension.js',
    external: ['vscode', './languageClient'],
    banner: { js: '"use strict";\nvar extensionLoadStarted = performance.now();' },
  }),
  build({ ...common, entryPoints: ['client/src/languageClient.ts'], outfile: 'client/out/languageClient.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
