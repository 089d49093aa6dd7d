// Bundles the extension client, the language server and the CLI, each into one file.
// `--watch` rebuilds on every change (the "watch" task of .vscode/tasks.json), printing the lines its problem matcher waits for.
import { build, context } from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
};

// The server requires bedrock/awsSdk.ts (the AWS SDK) only for live catalog requests and model tests: in the built
// server it is the bundle beside it, server/out/awsSdk.js, so a start compiles and loads none of the SDK.
const awsSdkApart = {
  name: 'aws-sdk-apart',
  setup(esbuild) {
    esbuild.onResolve({ filter: /(^|\/)awsSdk$/ }, () => ({ path: './awsSdk.js', external: true }));
  },
};

const bundles = [
  // The banner marks when the bundle starts to load: activation time counts loading, as VS Code's does.
  // The entry point stays small (activation); the language client is a bundle of its own, loaded after activate() returns.
  {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'client/out/extension.js',
    external: ['vscode', './languageClient'],
    banner: { js: '"use strict";\nvar extensionLoadStarted = performance.now();' },
  },
  { ...common, entryPoints: ['client/src/languageClient.ts'], outfile: 'client/out/languageClient.js', external: ['vscode'] },
  // The shebangs let npm install the bundles as commands (openclaw-language-server, openclaw-config).
  // server.js, the server's command, runs languageServer.js with a V8 code cache (serverEntry.ts).
  { ...common, entryPoints: ['server/src/serverEntry.ts'], outfile: 'server/out/server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/languageServer.js', plugins: [awsSdkApart] },
  { ...common, entryPoints: ['server/src/bedrock/awsSdk.ts'], outfile: 'server/out/awsSdk.js' },
  // The Compare Models webview's script: a browser bundle, loaded by nonce under the panel's CSP.
  {
    ...common,
    entryPoints: ['client/src/compare/view/compareView.ts'],
    outfile: 'client/out/compareView.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  // The format of the "$esbuild-watch" problem matcher: a start line, each error with its place, an end line;
  // one start and one end for the three bundles, so that the task is done when all three are.
  let building = 0;
  const problemMatcherLines = {
    name: 'problem-matcher-lines',
    setup(esbuild) {
      esbuild.onStart(() => {
        if (building++ === 0) console.log('[watch] build started');
      });
      esbuild.onEnd(({ errors }) => {
        for (const { text, location } of errors) {
          console.error(`✘ [ERROR] ${text}`);
          if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
        if (--building === 0) console.log('[watch] build finished');
      });
    },
  };
  // Errors are printed by the plugin alone: esbuild's own report puts a blank line the matcher does not expect.
  for (const options of bundles) {
    const plugins = [...(options.plugins ?? []), problemMatcherLines];
    await (await context({ ...options, logLevel: 'silent', plugins })).watch();
  }
} else {
  await Promise.all(bundles.map((options) => build(options)));
}
