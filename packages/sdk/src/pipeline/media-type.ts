import { TriggerError } from '../errors/trigger-error';
import type { TriggerRequest } from '../plugin/trigger-plugin';

type Headers = TriggerRequest['headers'];

/**
 * For plugins that accept JSON only: Content-Type `application/json` (or a `+json` type), UTF-8 if a charset
 * is named; 415 `unsupported_media_type` otherwise.
 */
export function assertJsonContentType(headers: Headers): void {
  const header = headers['content-type'];
  const text = typeof header === 'string' ? header : '';
  const [mediaType = '', ...parameters] = text.split(';').map((part) => part.trim().toLowerCase());
  const isJson = mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length);
  if (!isJson) throw unsupported('Content-Type must be application/json');
  if (charset !== undefined && !['utf-8', 'utf8', '"utf-8"'].includes(charset)) {
    throw unsupported('JSON bodies must be UTF-8');
  }
}

/** Bodies are handed over as sent, and signatures cover those bytes: compressed bodies are not accepted. */
export function assertIdentityEncoding(headers: Headers): void {
  const header = headers['content-encoding'];
  const encoding = (typeof header === 'string' ? header : (header?.join(',') ?? '')).trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    throw unsupported('Content-Encoding is not supported; send the body uncompressed');
  }
}

function unsupported(message: string): TriggerError {
  return new TriggerError(415, 'unsupported_media_type', message);
}
