import { TriggerError } from '@hookflow/engine';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as any JSON value (object, array, string, number, boolean or null); 400 `invalid_payload` otherwise. */
export function parseJsonBody(rawBody: Buffer): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(rawBody);
  } catch {
    throw new TriggerError(400, 'invalid_payload', 'The body is not valid UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new TriggerError(400, 'invalid_payload', 'The body is not valid JSON');
  }
}
