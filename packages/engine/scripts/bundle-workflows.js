// Bundles the workflow code ahead of time so a worker starts in well under a second. Two bundles: the plain
// one, and one with Temporal's OpenTelemetry workflow interceptors for workers with tracing on (a prebuilt
// bundle cannot take interceptor modules at start-up).
const { bundleWorkflowCode } = require('@temporalio/worker');
const { writeFile } = require('node:fs/promises');
const path = require('node:path');

const logger = { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} };

async function bundle(file, workflowInterceptorModules) {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../dist/interpreter'),
    workflowInterceptorModules,
    logger,
  });
  await writeFile(path.join(__dirname, '..', 'dist', file), code);
}

async function main() {
  await bundle('workflow-bundle.js', []);
  await bundle('workflow-bundle-traced.js', [
    require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
