import { WebhookRefusal } from './webhook-refusal';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * For plugins that accept JSON only: the body must be well-formed UTF-8 JSON (400 `invalid_payload`), so a
 * plugin's own parser never sees anything else. The value is discarded; the plugin parses the raw bytes itself.
 */
export function assertJsonBody(rawBody: Buffer): void {
  let text: string;
  try {
    text = strictUtf8.decode(rawBody);
  } catch {
    throw invalidPayload('The body is not valid UTF-8');
  }
  if (text.trim() === '') throw invalidPayload('The body is empty; send a JSON document');
  try {
    JSON.parse(text);
  } catch {
    throw invalidPayload('The body is not valid JSON');
  }
}

export function invalidPayload(message: string): WebhookRefusal {
  return new WebhookRefusal(400, 'invalid_payload', message);
}
