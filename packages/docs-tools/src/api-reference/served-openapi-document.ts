import { startHookflowProcesses } from '../stack/hookflow-processes';
import type { OpenApiDocument } from './render-api-reference';

/** The public URL the reference shows: the one `npm run dev` serves. */
export const REFERENCE_PUBLIC_URL = 'http://localhost:3000';

/**
 * The OpenAPI document as a real server process serves it. Serving it needs neither MongoDB nor Temporal
 * (the server connects lazily), so nothing listens at the addresses given here and no stack is needed.
 */
export async function servedOpenApiDocument(): Promise<OpenApiDocument> {
  const server = await startHookflowProcesses({
    mongodbUri: 'mongodb://127.0.0.1:9',
    database: 'hookflow',
    temporalAddress: '127.0.0.1:9',
    worker: false,
    publicUrl: REFERENCE_PUBLIC_URL,
    waitFor: 'live',
  });
  try {
    const response = await fetch(`${server.baseUrl}/api/v1/openapi.json`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    if (response.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${response.status}`);
    return (await response.json()) as OpenApiDocument;
  } finally {
    await server.stop();
  }
}
