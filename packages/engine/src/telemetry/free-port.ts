import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP port free on loopback right now, for a listener that cannot be asked to pick its own (the SDK's). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
