import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  /** Path and query as sent. */
  url: string;
}

export interface PartnerApi {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A partner API on loopback that records every request and, like httpbin, echoes the request's headers and
 * URL in its JSON answer: the worst case for a credential, which must not reach the node's output anyway.
 */
export async function startPartnerApi(): Promise<PartnerApi> {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    received.push({ headers: req.headers, url: req.url ?? '' });
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, echo: { headers: req.headers, url: req.url } }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
