import type { WorkflowClientInterceptor } from '@temporalio/client';
import type * as TemporalOpenTelemetryModule from '@temporalio/interceptors-opentelemetry';
import type { Tracing } from './tracing';

/** `StartWorkflow:runGraph` spans, whose context travels to the run in the workflow's headers. */
export function tracingClientInterceptors(tracing: Tracing | undefined): WorkflowClientInterceptor[] {
  if (!tracing) return [];
  // Loaded only with tracing on: OpenTelemetry's SDK costs every process megabytes it would never use.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { OpenTelemetryWorkflowClientInterceptor } =
    require('@temporalio/interceptors-opentelemetry') as typeof TemporalOpenTelemetryModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return [new OpenTelemetryWorkflowClientInterceptor()];
}
