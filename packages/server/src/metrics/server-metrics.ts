import type { WorkflowClientInterceptor } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { isTemporalUnreachable } from '@hookflow/engine';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Seconds: an accepted webhook takes a few ms unloaded, up to the 5 s Temporal start deadline. */
const LATENCY_BUCKETS = [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type CacheName = 'workflow' | 'api_key';

export interface DeliveryObservation {
  /** The workflow's trigger type; `none` when the URL names no workflow (404s). */
  triggerType: string | undefined;
  outcome: string;
  status: number;
  durationSeconds: number;
}

/**
 * The server's Prometheus metrics. Every label has a bounded set of values: trigger types (the loaded
 * plugins), outcomes, HTTP statuses, cache names. Never an execution id, a workflow id or a URL.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly deliveries = new Counter({
    name: 'hookflow_webhook_deliveries_total',
    help: 'Webhook requests answered, by trigger type, outcome and HTTP status.',
    labelNames: ['trigger_type', 'outcome', 'status'],
    registers: [this.registry],
  });
  private readonly acceptDuration = new Histogram({
    name: 'hookflow_webhook_accept_duration_seconds',
    help: 'Time from receiving a webhook to answering that its run is durably started (outcomes accepted, duplicate).',
    labelNames: ['trigger_type'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly startDuration = new Histogram({
    name: 'hookflow_temporal_start_duration_seconds',
    help: 'Duration of Temporal workflow start calls, by result (started, duplicate, unavailable, error).',
    labelNames: ['result'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly cacheLookups = new Counter({
    name: 'hookflow_cache_lookups_total',
    help: 'Lookups in the per-instance caches (workflow, api_key), by result (hit, miss).',
    labelNames: ['cache', 'result'],
    registers: [this.registry],
  });

  constructor(private readonly knownTriggerType: (type: string) => boolean) {
    collectDefaultMetrics({ register: this.registry });
  }

  delivery(observation: DeliveryObservation): void {
    const triggerType = this.triggerLabel(observation.triggerType);
    this.deliveries.inc({ trigger_type: triggerType, outcome: observation.outcome, status: observation.status });
    if (observation.outcome === 'accepted' || observation.outcome === 'duplicate') {
      this.acceptDuration.observe({ trigger_type: triggerType }, observation.durationSeconds);
    }
  }

  cacheLookup(cache: CacheName, hit: boolean): void {
    this.cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
  }

  /** Times every workflow start made through the server's Temporal client (webhooks and manual runs). */
  startInterceptor(): WorkflowClientInterceptor {
    const histogram = this.startDuration;
    return {
      async startWithDetails(input, next) {
        const stop = histogram.startTimer();
        try {
          const output = await next(input);
          stop({ result: 'started' });
          return output;
        } catch (error) {
          stop({ result: startFailure(error) });
          throw error;
        }
      },
    };
  }

  private triggerLabel(type: string | undefined): string {
    if (type === undefined) return 'none';
    return this.knownTriggerType(type) ? type : 'unknown';
  }
}

function startFailure(error: unknown): string {
  if (error instanceof WorkflowExecutionAlreadyStartedError) return 'duplicate';
  return isTemporalUnreachable(error) ? 'unavailable' : 'error';
}
