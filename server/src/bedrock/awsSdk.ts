// Everything that needs the AWS SDK, behind one module: the production build makes it a bundle of its own
// (server/out/awsSdk.js, scripts/build.mjs), required with the first live catalog request or model test.
// The server's own bundle then leaves out the SDK (60% of it), which a start with the built-in list never runs.
export { discoverCatalogExplained } from './discovery';
export { runConverseTest } from './converseTest';
