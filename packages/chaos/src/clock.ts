/**
 * One monotonic clock for every timestamp of a run (sender records, fault windows, process exits), in
 * milliseconds since the harness started: comparable across modules and immune to wall-clock jumps.
 */
const origin = performance.now();

export function now(): number {
  return performance.now() - origin;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
