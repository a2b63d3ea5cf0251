import type { TemporalConnectionOptions } from './connection-options';
import { probeTlsHandshake } from './tls-probe';

/**
 * What an operator should change, for the TLS and authentication failures a Temporal connection reports in
 * terms of gRPC, rustls or OpenSSL. Matched on message text because that is all either client exposes.
 */
const HINTS: { pattern: RegExp; hint: string }[] = [
  {
    pattern: /certificate required|CertificateRequired|alert number 116|peer did not return a certificate/i,
    hint: 'the server requires a client certificate: set TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH',
  },
  {
    pattern: /unknown ca|bad certificate|BadCertificate|UnknownCA|certificate unknown/i,
    hint: 'the server refused the client certificate: check TEMPORAL_TLS_CLIENT_CERT_PATH',
  },
  {
    pattern: /self[- ]signed|unable to (get|verify)|UnknownIssuer|invalid peer certificate|certificate verify failed/i,
    hint: "the server's certificate is not trusted: set TEMPORAL_TLS_SERVER_CA_CERT_PATH",
  },
  {
    pattern: /altnames|hostname|NotValidForName|does not match|ERR_TLS_CERT_ALTNAME/i,
    hint: "the server's certificate is for another name: set TEMPORAL_TLS_SERVER_NAME",
  },
  {
    pattern: /UNAUTHENTICATED|PERMISSION_DENIED|Request unauthorized|api key/i,
    hint: 'the server refused the credentials: check TEMPORAL_API_KEY',
  },
  {
    pattern:
      /wrong version number|packet length too long|InvalidContentType|corrupt message|http2 framing|frame with invalid size/i,
    hint: 'TLS and plaintext do not match: set TEMPORAL_TLS to what the server speaks',
  },
];

/** The error's message, with the likely cause and the variable to set appended when one is recognised. */
export function explainTemporalConnectionError(error: unknown): string {
  const message = fullMessage(error);
  const match = HINTS.find(({ pattern }) => pattern.test(message));
  return match ? `${firstLine(message)} (${match.hint})` : firstLine(message);
}

function fullMessage(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current !== undefined && parts.length < 5;) {
    if (current instanceof Error) {
      parts.push(current.message);
      current = current.cause;
    } else {
      parts.push(typeof current === 'string' ? current : JSON.stringify(current));
      break;
    }
  }
  return parts.join(': ');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/**
 * Like `explainTemporalConnectionError`, but first repeats the TLS handshake: neither gRPC client reports a
 * refused handshake reliably (a connect timeout, a "broken pipe"), while the handshake's own error names it.
 */
export async function diagnoseTemporalConnectionError(
  error: unknown,
  options: TemporalConnectionOptions | undefined,
): Promise<string> {
  const handshake = options ? await probeTlsHandshake(options) : undefined;
  return explainTemporalConnectionError(handshake === undefined ? error : new Error(handshake));
}
