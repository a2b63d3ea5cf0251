import { trace, type ProxyTracerProvider } from '@opentelemetry/api';
import type * as HttpInstrumentationModule from '@opentelemetry/instrumentation-http';
import type * as UndiciInstrumentationModule from '@opentelemetry/instrumentation-undici';
import type * as ResourcesModule from '@opentelemetry/resources';
import type { Resource } from '@opentelemetry/resources';
import type * as NodeSdkModule from '@opentelemetry/sdk-node';
import type { BasicTracerProvider, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Paths probed every few seconds: a span each would bury the traces that matter. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface Tracing {
  serviceName: string;
  resource: Resource;
  /** Where spans go; the worker hands it to the workflow span sink (workflow code cannot export itself). */
  spanProcessor: SpanProcessor;
  shutdown(): Promise<void>;
}

/**
 * Tracing is on only when the operator configured an exporter with the standard variables
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_TRACES_EXPORTER`), and
 * `OTEL_SDK_DISABLED` is not true. Every other `OTEL_*` variable works as the OpenTelemetry SDK defines it.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter !== undefined && exporter !== '') return exporter !== 'none';
  return [env.OTEL_EXPORTER_OTLP_ENDPOINT, env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT].some((v) => v?.trim());
}

/**
 * Starts the OpenTelemetry SDK for this process, or returns undefined when tracing is off. Call it before
 * anything loads `http` or Express (the entry points import it first), so incoming requests are traced.
 * Incoming HTTP continues a `traceparent`; outgoing `fetch` and `http` requests send one.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  if (!tracingRequested(env)) return undefined;
  // Loaded only when tracing is on: the SDK, its exporters and instrumentations cost every server and worker
  // ~20 MB of RSS and seconds of start-up otherwise. Synchronous, because this must run before `http` loads.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof HttpInstrumentationModule;
  const { UndiciInstrumentation } =
    require('@opentelemetry/instrumentation-undici') as typeof UndiciInstrumentationModule;
  const { Resource: ResourceClass } = require('@opentelemetry/resources') as typeof ResourcesModule;
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof NodeSdkModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const resource = new ResourceClass({ 'service.name': env.OTEL_SERVICE_NAME?.trim() || serviceName });
  const sdk = new NodeSDK({
    resource,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
      }),
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
  // The SDK registered its provider globally (behind the API's proxy); its processor exports per OTEL_*.
  const provider = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate() as BasicTracerProvider;
  return {
    serviceName,
    resource,
    spanProcessor: provider.getActiveSpanProcessor(),
    shutdown: () => sdk.shutdown(),
  };
}
