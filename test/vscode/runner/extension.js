// Kept out of the product: installed only into the scratch extensions folder of a test run.
const { writeFileSync } = require('fs');

exports.activate = async function activate() {
  const resultsFile = process.env.OPENCLAW_VSCODE_TEST_RESULTS;
  const suite = process.env.OPENCLAW_VSCODE_TEST_SUITE;
  if (!resultsFile || !suite) return;
  let report;
  try {
    report = await require(suite).runSuites();
  } catch (error) {
    report = {
      passed: 0,
      failed: 1,
      tests: [{ title: 'loading the suites', state: 'failed', error: String((error && error.stack) || error) }],
    };
  }
  writeFileSync(resultsFile, JSON.stringify(report, null, 2));
};

exports.deactivate = function deactivate() {};
