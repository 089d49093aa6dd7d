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
  // The shebangs let npm install the bundles as commands (openclaw-language-server, openclaw-config).
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
