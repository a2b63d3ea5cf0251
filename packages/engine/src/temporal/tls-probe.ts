import tls from 'node:tls';
import type { TemporalConnectionOptions } from './connection-options';

/** How long after the handshake a server may still refuse us (TLS 1.3 sends a missing-certificate alert then). */
const ALERT_WAIT_MS = 300;

/**
 * The Node gRPC client reports a refused TLS handshake only as a connect timeout. When a call fails, this
 * repeats the handshake with the same settings to find the actual reason: the TLS error's message, or
 * undefined when the handshake succeeds (the problem is elsewhere) or TLS is off.
 */
export function probeTlsHandshake(options: TemporalConnectionOptions, timeoutMs = 3000): Promise<string | undefined> {
  const settings = options.tls;
  if (settings === false) return Promise.resolve(undefined);
  const separator = options.address.lastIndexOf(':');
  const host = options.address.slice(0, separator);
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port: Number(options.address.slice(separator + 1)),
      servername: settings.serverNameOverride ?? host,
      ALPNProtocols: ['h2'],
      ...(settings.serverRootCACertificate ? { ca: Buffer.from(settings.serverRootCACertificate) } : {}),
      ...(settings.clientCertPair
        ? { cert: Buffer.from(settings.clientCertPair.crt), key: Buffer.from(settings.clientCertPair.key) }
        : {}),
    });
    const finish = (reason: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    socket.on('error', (error: Error) => finish(`TLS handshake failed: ${error.message}`));
    socket.on('secureConnect', () => setTimeout(() => finish(undefined), ALERT_WAIT_MS));
    socket.resume();
  });
}
