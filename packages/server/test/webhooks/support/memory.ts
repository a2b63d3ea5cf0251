import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `gc` is only exposed with --expose-gc; turning the flag on at run time and reading it from a fresh context
// gives the same function, so memory samples measure what is retained rather than when GC last ran.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface MemorySample {
  rss: number;
  heapUsed: number;
}

/** Memory in use after a full garbage collection. */
export function sampleMemory(): MemorySample {
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

export function mib(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}
