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
