import { readFileSync } from 'node:fs';
import type { ConcernOf } from './profile';

/**
 * Concerns of the worker's CPU profile: its main thread (Temporal's core bridge, the activities) and its
 * workflow thread (the sandbox running the interpreter). Each names who could make it cheaper: the
 * Temporal SDK's per-promise stack capture and V8 context entries are the SDK's; the interpreter, the
 * activities and what they call are Hookflow's.
 */
export const WORKER_CONCERNS = {
  stackCapture: 'Temporal SDK sandbox: a stack trace for every promise (promise hook)',
  sandboxEntry: 'Temporal SDK sandbox: entering V8 context, with its timeout watchdog (native)',
  sandboxHost: 'Temporal SDK: workflow thread plumbing (activations, VM reuse)',
  workflowRuntime: 'Temporal SDK workflow runtime (in the sandbox)',
  interpreter: 'Hookflow interpreter (workflow code)',
  jsonata: 'JSONata (conditions in the sandbox, templates in local activities)',
  regex: 'regexes (re2js)',
  workerMain: 'Temporal SDK worker: core bridge, activity and activation plumbing',
  payloads: 'Temporal payloads (protobuf, JSON conversion)',
  activities: 'Hookflow activities (executeNode)',
  validation: 'schema validation (ajv)',
  logging: 'logging (pino)',
  database: 'database (mongoose)',
} as const;

/** Functions of the SDK's vm-shared.js that belong to its promise hook and stack-trace preparation. */
const STACK_CAPTURE_FUNCTIONS = new Set([
  'init',
  'settled',
  'Error.prepareStackTrace',
  'formatCallsiteName',
  'getActivator',
  'cutoffStructuredStackTrace',
]);

/**
 * The worker's concerns, with the workflow bundle's modules told apart: webpack starts each module of
 * the bundle with a `/***\/ "<path>"` line, so a frame's line number says which module it is in.
 */
export function workerConcernOf(bundleFiles: readonly string[]): ConcernOf {
  const bundles = new Map(bundleFiles.map((file) => [file, moduleStarts(file)]));
  return (frame) => {
    if (!frame.url) return frame.functionName === 'runInContext' ? WORKER_CONCERNS.sandboxEntry : undefined;
    if (frame.url.startsWith('node:')) return undefined;
    if (frame.url.includes('@temporalio/worker/lib/workflow/vm-shared')) {
      return STACK_CAPTURE_FUNCTIONS.has(frame.functionName)
        ? WORKER_CONCERNS.stackCapture
        : WORKER_CONCERNS.sandboxHost;
    }
    if (frame.url.includes('failure-converter') && frame.functionName === 'cutoffStackTrace') {
      return WORKER_CONCERNS.stackCapture;
    }
    const bundle = [...bundles].find(([file]) => frame.url.endsWith(file))?.[1];
    if (bundle) return bundledConcern(moduleAt(bundle, frame.lineNumber));
    switch (frame.module) {
      case 'source-map':
        return WORKER_CONCERNS.stackCapture;
      case 'jsonata':
        return WORKER_CONCERNS.jsonata;
      case 're2js':
        return WORKER_CONCERNS.regex;
      case '@temporalio/worker':
        return frame.url.includes('/lib/workflow/') ? WORKER_CONCERNS.sandboxHost : WORKER_CONCERNS.workerMain;
      case '@temporalio/core-bridge':
      case 'rxjs':
        return WORKER_CONCERNS.workerMain;
      case '@temporalio/common':
      case '@temporalio/proto':
      case 'protobufjs':
      case 'long':
        return WORKER_CONCERNS.payloads;
      case 'ajv':
      case 'ajv-formats':
        return WORKER_CONCERNS.validation;
      case 'pino':
      case 'sonic-boom':
      case 'fast-redact':
        return WORKER_CONCERNS.logging;
      case 'mongoose':
      case 'mongodb':
      case 'bson':
        return WORKER_CONCERNS.database;
      default:
        return frame.module.startsWith('hookflow/') ? WORKER_CONCERNS.activities : undefined;
    }
  };
}

function bundledConcern(module: string): string {
  if (module.includes('node_modules/jsonata/')) return WORKER_CONCERNS.jsonata;
  if (module.includes('node_modules/re2js/')) return WORKER_CONCERNS.regex;
  if (module.includes('node_modules/')) return WORKER_CONCERNS.workflowRuntime;
  return WORKER_CONCERNS.interpreter;
}

/** Zero-based line of each module's first line in the bundle, ascending, with the module's path. */
function moduleStarts(file: string): Array<[number, string]> {
  const starts: Array<[number, string]> = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const marker = /^\/\*\*\*\/ "([^"]+)"/.exec(line);
      if (marker?.[1]) starts.push([index, marker[1]]);
    });
  return starts;
}

function moduleAt(starts: Array<[number, string]>, line: number): string {
  let low = 0;
  let high = starts.length - 1;
  let found = '(bundle runtime)';
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, module] = starts[middle]!;
    if (start <= line) {
      found = module;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
