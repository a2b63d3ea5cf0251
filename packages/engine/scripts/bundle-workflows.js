// Bundles the workflow code ahead of time so a worker starts in well under a second.
const { bundleWorkflowCode } = require('@temporalio/worker');
const { writeFile } = require('node:fs/promises');
const path = require('node:path');

async function main() {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../dist/interpreter'),
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  await writeFile(path.join(__dirname, '..', 'dist', 'workflow-bundle.js'), code);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
