import { startTestServer } from '../../support/test-server';

/** The example third-party plugin, as an operator would list it (relative to the repo root, the tests' cwd). */
export const HMAC_ECHO_PLUGIN = './examples/hmac-echo-trigger';
export const PLUGINS_WITH_HMAC_ECHO = ['@hookflow/triggers-generic', '@hookflow/engine/nodes', HMAC_ECHO_PLUGIN];

/** The shared test server; its `close()` writes out the delivery log first, as production shutdown does. */
export const startWebhookTestServer = startTestServer;
