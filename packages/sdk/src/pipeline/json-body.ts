import { TriggerError } from '../errors/trigger-error';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * For plugins that accept JSON only: the body as any JSON value, parsed once for the plugin; 400
 * `invalid_payload` when it is not UTF-8, empty, or not JSON.
 */
export function parseJsonBody(rawBody: Buffer): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(rawBody);
  } catch {
    throw invalidPayload('The body is not valid UTF-8');
  }
  if (text.trim() === '') throw invalidPayload('The body is empty; send a JSON document');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidPayload('The body is not valid JSON');
  }
}

export function invalidPayload(message: string): TriggerError {
  return new TriggerError(400, 'invalid_payload', message);
}
