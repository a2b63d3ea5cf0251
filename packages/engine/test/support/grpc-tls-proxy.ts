import http2, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface GrpcTlsProxyOptions {
  /** The plaintext gRPC server behind the proxy (`host:port`). */
  upstream: string;
  key: Buffer;
  cert: Buffer;
  /** CA that client certificates must chain to. */
  clientCa: Buffer;
  /** Requests must carry `authorization: Bearer <apiKey>`. */
  apiKey: string;
}

export interface GrpcTlsProxy {
  address: string;
  /** gRPC calls forwarded, and refused for a missing or wrong API key. */
  forwarded: number;
  refused: number;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([':status', ':authority', ':scheme', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * A TLS-terminating HTTP/2 proxy in front of a plaintext Temporal frontend, the way a Temporal cluster with
 * mTLS (or Temporal Cloud) looks to a client: TLS 1.2+ with a required client certificate, and an API key
 * checked per call (gRPC metadata is HTTP/2 headers, hence HTTP/2 termination rather than TCP piping).
 */
export async function startGrpcTlsProxy(options: GrpcTlsProxyOptions): Promise<GrpcTlsProxy> {
  const upstream = http2.connect(`http://${options.upstream}`);
  upstream.on('error', () => undefined);
  const state = { forwarded: 0, refused: 0 };
  const server = http2.createSecureServer({
    key: options.key,
    cert: options.cert,
    ca: options.clientCa,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  });
  server.on('stream', (stream, headers) => {
    if (headers.authorization !== `Bearer ${options.apiKey}`) {
      state.refused++;
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-status': '16',
          'grpc-message': 'Request unauthorized: missing or wrong API key',
        },
        { endStream: true },
      );
      return;
    }
    state.forwarded++;
    const request = upstream.request(forwardable(headers));
    let trailers: OutgoingHttpHeaders = {};
    request.on('response', (responseHeaders) => {
      if (stream.destroyed) return;
      if (responseHeaders['grpc-status'] !== undefined) {
        // A trailers-only answer (an error): one HEADERS frame that ends the stream.
        stream.respond(forwardable(responseHeaders, true), { endStream: true });
        return;
      }
      stream.respond(forwardable(responseHeaders, true), { waitForTrailers: true });
      request.pipe(stream);
    });
    request.on('trailers', (received: IncomingHttpHeaders) => (trailers = forwardable(received)));
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    stream.pipe(request);
    request.on('error', () => stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
    stream.on('error', () => request.close(http2.constants.NGHTTP2_CANCEL));
    stream.on('close', () => {
      if (!request.closed) request.close(http2.constants.NGHTTP2_CANCEL);
    });
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  // Handshake failures (no client certificate) are the point of some tests: nothing to log.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    get forwarded() {
      return state.forwarded;
    },
    get refused() {
      return state.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        upstream.destroy();
        for (const session of sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}

function forwardable(headers: IncomingHttpHeaders, keepStatus = false): OutgoingHttpHeaders {
  const result: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (name === ':status' && keepStatus) result[name] = value;
    else if (!HOP_BY_HOP.has(name)) result[name] = value;
  }
  return result;
}
