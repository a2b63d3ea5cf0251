// Bundles the workflow code ahead of time so a worker starts in well under a second. Two bundles: the plain
// one, and one with Temporal's OpenTelemetry workflow interceptors for workers with tracing on (a prebuilt
// bundle cannot take interceptor modules at start-up).
const { bundleWorkflowCode } = require('@temporalio/worker');
const { Buffer } = require('node:buffer');
const { writeFile } = require('node:fs/promises');
const path = require('node:path');

const logger = { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} };

// Evaluated once per worker thread and shared by every run, instead of once per run (the SDK gives each run
// its own module instances): together about a tenth of the workflow thread's time per run. They hold no
// per-run state: JSONata and re2js (through linear-regex: re2js declares no side effects, so a bare require
// of it is dropped) are pure libraries, and guarded-functions caches JSONata's own built-in function objects,
// the same for every run.
const PRELOADED_MODULES = ['jsonata', '../dist/expressions/linear-regex', '../dist/expressions/guarded-functions'].map(
  (name) => require.resolve(name),
);

async function bundle(file, workflowInterceptorModules) {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../dist/interpreter'),
    workflowInterceptorModules,
    preloadModules: PRELOADED_MODULES,
    logger,
  });
  await writeFile(path.join(__dirname, '..', 'dist', file), withoutSourcesContent(code));
}

// The bundle's inline source map carries every source file whole (`sourcesContent`), which the worker parses
// and keeps in both of its threads: about 26 MB of resident memory. Stack traces (errors, the UI's stack
// trace query) need only the mappings; the sources are shown only with `showStackTraceSources`, left off.
function withoutSourcesContent(code) {
  const marker = '//# sourceMappingURL=data:application/json;charset=utf-8;base64,';
  const at = code.lastIndexOf(marker);
  if (at < 0) throw new Error('the workflow bundle has no inline source map');
  const map = JSON.parse(Buffer.from(code.slice(at + marker.length).trim(), 'base64').toString('utf8'));
  delete map.sourcesContent;
  return code.slice(0, at) + marker + Buffer.from(JSON.stringify(map)).toString('base64');
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
