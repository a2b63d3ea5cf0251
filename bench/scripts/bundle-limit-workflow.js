// Bundles the limit phase's workflow ahead of time, as the engine does its own: bundling at the worker's
// start-up would cost seconds of CPU in the middle of the bench.
const { bundleWorkflowCode } = require('@temporalio/worker');
const { writeFile } = require('node:fs/promises');
const path = require('node:path');

const logger = { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} };

bundleWorkflowCode({ workflowsPath: require.resolve('../dist/limit/round-trips-workflow'), logger })
  .then(({ code }) => writeFile(path.join(__dirname, '..', 'dist', 'limit-workflow-bundle.js'), code))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
