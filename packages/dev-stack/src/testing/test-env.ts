/**
 * How the global setup hands the stack to the test workers: plain environment variables, because this
 * package ships as CommonJS and Vitest's `inject` cannot be required from CommonJS.
 */
export const TEST_ENV = {
  temporalAddress: 'HOOKFLOW_TEST_TEMPORAL_ADDRESS',
  mongodbUri: 'HOOKFLOW_TEST_MONGODB_URI',
  home: 'HOOKFLOW_TEST_HOME',
} as const;
