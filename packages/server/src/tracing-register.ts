import { startTracing } from '@hookflow/engine/tracing';

/** Imported first by the server's entry point: tracing must start before Express or `http` load. */
export const tracing = startTracing('hookflow-server');
