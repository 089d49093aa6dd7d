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
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'], banner: { js: '"use strict";\nvar extensionLoadStarted = performance.now();' } }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' }),
  // The Compare Models webview's script: a browser bundle, loaded by nonce under the panel's CSP.
  build({ ...common, entryPoints: ['client/src/compare/view/compareView.ts'], outfile: 'client/out/compareView.js', platform: 'browser', format: 'iife', target: 'es2022' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
