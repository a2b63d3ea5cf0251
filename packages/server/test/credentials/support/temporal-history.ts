import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestServer } from '../../support/test-server';

/** A payload as history JSON writes it: every bytes field in base64. */
interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

export interface HistoryDump {
  /** The run's whole history, as `temporal workflow show --output json` would print it. */
  json: string;
  /** Every payload found in it, base64-decoded: the text a reader of the raw history could recover. */
  payloads: { path: string; encoding: string; data: string }[];
}

/** Reads a run's history straight from Temporal: no codec in between, exactly what Temporal stores. */
export async function fetchRawHistory(server: TestServer, executionId: string): Promise<HistoryDump> {
  const history = await server.ctx.temporal.client.workflow.getHandle(executionId).fetchHistory();
  const json = historyToJSON(history);
  const payloads: HistoryDump['payloads'] = [];
  collectPayloads(JSON.parse(json) as unknown, '', payloads);
  return { json, payloads };
}

function collectPayloads(value: unknown, path: string, found: HistoryDump['payloads']): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectPayloads(item, `${path}/${index}`, found));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const candidate = value as JsonPayload & Record<string, unknown>;
  if (typeof candidate.metadata === 'object' && candidate.metadata !== null && 'encoding' in candidate.metadata) {
    found.push({
      path,
      encoding: Buffer.from(candidate.metadata.encoding ?? '', 'base64').toString('utf8'),
      data: Buffer.from(typeof candidate.data === 'string' ? candidate.data : '', 'base64').toString('utf8'),
    });
    return;
  }
  for (const [key, child] of Object.entries(candidate)) collectPayloads(child, `${path}/${key}`, found);
}
