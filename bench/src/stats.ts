export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles over every sample (a phase has at most a few tens of thousands). */
export function latencySummary(samples: number[]): LatencySummary {
  if (samples.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => round1(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: round1(sorted[sorted.length - 1] ?? 0),
    mean: round1(mean),
  };
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The window of the `peakThroughput` figures. */
export const PEAK_WINDOW_SECONDS = 5;

/**
 * Counts completions per second of a phase. `peak(5)` is the best rate over any 5 whole seconds: on a
 * shared machine, load from elsewhere can only lower a window, so the peak is the steadier estimate of
 * capacity than the mean.
 */
export class RateMeter {
  private readonly counts: number[] = [];

  constructor(private readonly start: number) {}

  tick(at: number): void {
    const second = Math.floor((at - this.start) / 1000);
    this.counts[second] = (this.counts[second] ?? 0) + 1;
  }

  peak(windowSeconds: number): number {
    // The last second is partial; leave it out.
    const whole = Array.from({ length: Math.max(0, this.counts.length - 1) }, (_, i) => this.counts[i] ?? 0);
    if (whole.length < windowSeconds) return round1(whole.reduce((a, b) => a + b, 0) / Math.max(1, whole.length));
    let best = 0;
    for (let i = 0; i + windowSeconds <= whole.length; i++) {
      best = Math.max(
        best,
        whole.slice(i, i + windowSeconds).reduce((a, b) => a + b, 0),
      );
    }
    return round1(best / windowSeconds);
  }
}
