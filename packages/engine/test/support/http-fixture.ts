import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local HTTP server whose answers a test scripts per path, recording every request it gets. */
export class HttpFixture {
  readonly requests: RecordedRequest[] = [];
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly scripts = new Map<string, ((req: RecordedRequest) => { status: number; body?: unknown })[]>();
  url = '';

  async start(): Promise<void> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Answers on `path`, one script entry per request; the last one repeats. */
  on(path: string, ...answers: ((req: RecordedRequest) => { status: number; body?: unknown })[]): void {
    this.scripts.set(path, answers);
  }

  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.url.split('?')[0] === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    };
    const path = recorded.url.split('?')[0]!;
    const seen = this.requestsTo(path).length;
    this.requests.push(recorded);
    const answers = this.scripts.get(path) ?? [() => ({ status: 404, body: { error: 'no script' } })];
    const answer = answers[Math.min(seen, answers.length - 1)]!(recorded);
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body ?? {}));
  }
}
