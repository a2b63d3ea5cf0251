import { startTestServer, type TestServer } from '../../../server/test/support/test-server';

/** Every plugin Hookflow ships: both trigger types of the seed flow, and the built-in nodes. */
const PLUGINS = ['@hookflow/triggers-generic', '@hookflow/triggers-sns', '@hookflow/engine/nodes'];

/**
 * The real server (serving the built console at `/`) with an in-process worker, on the test stack. `env` adds
 * settings, e.g. the SNS double's origin as a trusted one.
 */
export async function startConsoleServer(env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer({ plugins: PLUGINS, env });
  const index = await fetch(`${server.baseUrl}/`, { headers: { accept: 'text/html' } });
  if (index.status !== 200) {
    await server.close();
    throw new Error('The console is not built: run `npx turbo run build` (packages/console) before its tests');
  }
  return server;
}
