import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { OpenTelemetryWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import { nodeSpanInterceptor } from './node-spans';
import type { Tracing } from './tracing';

/**
 * Temporal's OpenTelemetry interceptors for a worker: the run span (`RunWorkflow:runGraph`, continued from
 * the client's `StartWorkflow` span through the workflow headers), activity spans, then Hookflow's node span.
 * Workflow code cannot export, so its spans leave through a sink into the process's span processor.
 */
export function tracingWorkerOptions(tracing: Tracing): {
  activityInterceptors: ActivityInterceptorsFactory[];
  sinks: InjectedSinks<{ exporter: OpenTelemetryWorkflowExporter }>;
} {
  return {
    activityInterceptors: [
      (ctx) => ({
        inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
        outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
      }),
      nodeSpanInterceptor(),
    ],
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
