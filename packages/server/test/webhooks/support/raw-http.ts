import net from 'node:net';

/**
 * Sends exact bytes over a fresh TCP connection and returns the status of the first response, for requests
 * `fetch` refuses to send (broken framing, bad methods, invalid header bytes). 0 when nothing came back.
 */
export function rawRequest(
  port: number,
  bytes: Buffer | string,
  timeoutMs = 5_000,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : 0, text });
    };
    socket.setTimeout(timeoutMs, finish);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // One complete response is enough: headers plus a body of the declared length.
      const text = Buffer.concat(chunks).toString('latin1');
      const headerEnd = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text);
      if (headerEnd >= 0 && length && Buffer.byteLength(text, 'latin1') >= headerEnd + 4 + Number(length[1])) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', finish);
    socket.write(bytes);
  });
}

/** A request whose body is declared but only partly sent, held open until `abort()`. */
export interface StalledUpload {
  /** The first response, once one arrives: its status, its text and how long after the request it came. */
  response: Promise<{ status: number; text: string; afterMs: number; closed: boolean }>;
  abort(): void;
}

/**
 * POSTs `headers` with a `Content-Length` of `declaredBytes` but sends only `sentBytes` of the body and then
 * nothing: a slow (or hostile) uploader. The response resolves with the first answer, or status 0 when the
 * connection closed without one; `closed` says whether the server closed the connection after answering.
 */
export function stalledUpload(
  port: number,
  path: string,
  headers: Record<string, string>,
  declaredBytes: number,
  sentBytes: number,
): StalledUpload {
  const socket = net.connect({ port, host: '127.0.0.1' });
  const startedAt = Date.now();
  const chunks: Buffer[] = [];
  const lines = [
    `POST ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    `Content-Length: ${declaredBytes}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.write(`${lines.join('\r\n')}\r\n\r\n${'x'.repeat(sentBytes)}`);
  const response = new Promise<{ status: number; text: string; afterMs: number; closed: boolean }>((resolve) => {
    let answeredAt: number | undefined;
    const result = (closed: boolean) => {
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      return { status: match ? Number(match[1]) : 0, text, afterMs: (answeredAt ?? Date.now()) - startedAt, closed };
    };
    socket.on('data', (chunk: Buffer) => {
      answeredAt ??= Date.now();
      chunks.push(chunk);
    });
    // Resolved when the server closes the connection, or shortly after an answer on a connection kept open.
    socket.on('close', () => resolve(result(true)));
    socket.on('error', () => undefined);
    const poll = setInterval(() => {
      if (answeredAt !== undefined && Date.now() - answeredAt > 500) {
        clearInterval(poll);
        resolve(result(false));
      }
    }, 100);
    socket.on('close', () => clearInterval(poll));
  });
  return { response, abort: () => socket.destroy() };
}
