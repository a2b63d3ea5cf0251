import { startTracing } from '../telemetry/tracing';

/** Imported first by the worker's entry point: tracing must start before anything loads `http`. */
export const tracing = startTracing('hookflow-worker');
