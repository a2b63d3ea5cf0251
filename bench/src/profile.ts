import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of V8's `.cpuprofile` (written by `node --cpu-prof`) this summary reads. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  file: string;
  /** Sampled time inside the load window, idle included. */
  windowMs: number;
  /** Sampled time the thread was busy (not `(idle)`) inside the window. */
  busyMs: number;
  /** Share of the window the thread was busy. */
  busyPercent: number;
  topFunctions: ProfileEntry[];
  /** Self time by where the code lives: a package, Node's internals, Hookflow's own packages, GC. */
  byModule: ProfileEntry[];
  /**
   * Each sample charged to the nearest caller (from the leaf up) that belongs to a known part — so the
   * bytes pino writes count as logging, not as `fs.writeSync`: the accept path's cost by concern.
   */
  byConcern: ProfileEntry[];
}

/** One frame of a sample's stack, as a concern classifier sees it. */
export interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
  /** `moduleOf` the frame: a package, `node:internal`, `hookflow/<package>`, `(native)`. */
  module: string;
}

/** The concern a frame belongs to, or undefined to look at its caller. */
export type ConcernOf = (frame: Frame) => string | undefined;

/** Module → concern of the server's accept path. */
const SERVER_CONCERNS: Array<[RegExp, string]> = [
  [/^(pino|pino-http|sonic-boom|@pinojs\/.*|pino-std-serializers|fast-redact)$/, 'logging (pino, pino-http)'],
  [/^(@temporalio\/.*|@grpc\/.*|protobufjs|long)$/, 'Temporal client (gRPC, protobuf)'],
  [/^(mongoose|mongodb|bson)$/, 'database (mongoose)'],
  [/^(ajv|ajv-formats)$/, 'schema validation (ajv)'],
  [/^hookflow\//, 'Hookflow code'],
  [/^(express|router|helmet|body-parser|finalhandler|send|content-type|forwarded|proxy-addr|qs)$/, 'express + helmet'],
];

export const serverConcernOf: ConcernOf = (frame) =>
  frame.url ? SERVER_CONCERNS.find(([pattern]) => pattern.test(frame.module))?.[1] : undefined;

/** The `.cpuprofile` files `node --cpu-prof` wrote into `dir`, one per thread, main thread first. */
export function profileFiles(dir: string): string[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort((a, b) => threadOf(a) - threadOf(b));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  return files.map((name) => path.join(dir, name));
}

/** `CPU.<date>.<time>.<pid>.<thread>.<sequence>.cpuprofile`: thread 0 is the main thread. */
function threadOf(name: string): number {
  return Number(name.split('.')[4] ?? 0);
}

/**
 * Self time per function and per module over the samples taken between `fromUs` and `toUs` (the load
 * window, as `process.hrtime` microseconds: V8 stamps samples with the same monotonic clock), and per concern:
 * each sample is charged to the nearest frame, from the leaf up, that `concernOf` names — so the bytes pino
 * writes count as logging, not as `fs.writeSync`.
 */
export function summarizeProfile(
  file: string,
  fromUs: number,
  toUs: number,
  concernOf: ConcernOf = serverConcernOf,
  top = 15,
): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map<number, Frame>(
    profile.nodes.map((node) => [
      node.id,
      { ...node.callFrame, module: moduleOf(node.callFrame.url, node.callFrame.functionName) },
    ]),
  );
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const concernOfSample = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = frames.get(at);
      const concern = frame && concernOf(frame);
      if (concern) return concern;
    }
    const leaf = frames.get(id);
    return leaf?.functionName.startsWith('(') ? leaf.functionName : 'Node core (http, net, timers)';
  };
  const byConcern = new Map<string, number>();

  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let windowUs = 0;
  let idleUs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < fromUs || at > toUs) return;
    const frame = frames.get(id);
    if (!frame) return;
    windowUs += delta;
    if (frame.functionName === '(idle)') {
      idleUs += delta;
      return;
    }
    const name = `${frame.functionName || '(anonymous)'} ${frame.module}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
    byModule.set(frame.module, (byModule.get(frame.module) ?? 0) + delta);
    const concern = concernOfSample(id);
    byConcern.set(concern, (byConcern.get(concern) ?? 0) + delta);
  });

  const busyUs = windowUs - idleUs;
  const entries = (map: Map<string, number>, count: number): ProfileEntry[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 1000),
        percent: busyUs > 0 ? Math.round((1000 * us) / busyUs) / 10 : 0,
      }));
  return {
    file: path.basename(file),
    windowMs: Math.round(windowUs / 1000),
    busyMs: Math.round(busyUs / 1000),
    busyPercent: windowUs > 0 ? Math.round((1000 * busyUs) / windowUs) / 10 : 0,
    topFunctions: entries(byFunction, top),
    byModule: entries(byModule, top),
    byConcern: entries(byConcern, top),
  };
}

/** `express`, `@temporalio/client`, `node:internal`, `hookflow/server`, `(garbage collector)`, ... */
function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url.startsWith('node:internal') ? 'node:internal' : url;
  // The last `node_modules/<pkg>` of the path: the package whose code this is, even when nested.
  const pkg = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const own = /\/(packages|bench)\/([^/]+)\//.exec(url);
  if (own?.[2]) return `hookflow/${own[1] === 'bench' ? 'bench' : own[2]}`;
  return url.replace(/^file:\/\//, '');
}
