import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { ExecuteNodeInput } from '../activities/node-activity-types';

/**
 * One span per node attempt, inside Temporal's `RunActivity` span: named by node type (bounded), with the
 * node id, execution id and attempt as attributes. Outgoing requests of the node are its children.
 */
export function nodeSpanInterceptor(): ActivityInterceptorsFactory {
  const tracer = trace.getTracer('hookflow-worker');
  return (ctx) => ({
    inbound: {
      execute: (input, next) => {
        const node = input.args[0] as Partial<ExecuteNodeInput> | undefined;
        const attributes = {
          'hookflow.node.id': String(node?.nodeId),
          'hookflow.node.type': String(node?.type),
          'hookflow.execution.id': String(node?.executionId),
          'hookflow.workflow.id': String(node?.workflow?.id),
          'hookflow.node.attempt': ctx.info.attempt,
        };
        return tracer.startActiveSpan(`node ${String(node?.type)}`, { attributes }, async (span) => {
          try {
            return await next(input);
          } catch (error) {
            span.recordException(error instanceof Error ? error : String(error));
            span.setStatus({
              code: SpanStatusCode.ERROR,
              message: error instanceof Error ? error.message : String(error),
            });
            throw error;
          } finally {
            span.end();
          }
        });
      },
    },
  });
}
