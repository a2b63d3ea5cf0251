import { randomBytes } from 'node:crypto';
import { now, sleep } from '../clock';
import type { Delivery } from './records';
import { deliver, type SenderSettings } from './sender';

export interface LoadOptions {
  /** Names the deliveries' keys, so a key tells which phase and sender made it. */
  label: string;
  workflowId: string;
  senders: number;
  /** Pause between one sender's deliveries. */
  thinkMs: number;
  /** How long deliveries still being refused keep retrying after `stop()`. */
  drainMs: number;
  /** Every n-th delivery comes without a key of its own (the server generates one); 0: never. */
  keylessEvery: number;
}

/**
 * Concurrent senders, each making one delivery after another with a fresh delivery key (or none), retrying
 * each until it is answered for good. Every attempt is kept: they are what the invariants are checked from.
 */
export class Load {
  readonly deliveries: Delivery[] = [];
  private stopping = false;
  private retryDeadline = Number.POSITIVE_INFINITY;
  private loops: Promise<void>[] = [];
  private readonly run = randomBytes(3).toString('hex');

  constructor(
    private readonly options: LoadOptions,
    private readonly settings: SenderSettings,
  ) {}

  start(): void {
    this.loops = Array.from({ length: this.options.senders }, (_, sender) => this.senderLoop(sender));
  }

  /** No new deliveries; resolves when every one under way has ended (answered, or given up at the drain deadline). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.retryDeadline = now() + this.options.drainMs;
    await Promise.all(this.loops);
  }

  private async senderLoop(sender: number): Promise<void> {
    for (let n = 0; !this.stopping; n++) {
      const keyless = this.options.keylessEvery > 0 && n % this.options.keylessEvery === this.options.keylessEvery - 1;
      const ownKey = keyless ? undefined : `${this.options.label}-${this.run}-${sender}-${n}`;
      const delivery: Delivery = { workflowId: this.options.workflowId, ownKey, key: ownKey, attempts: [] };
      this.deliveries.push(delivery);
      await deliver(
        delivery,
        { n, sender },
        this.settings,
        () => this.retryDeadline,
        () => Math.floor(Math.random() * this.settings.servers.length),
      );
      await sleep(this.options.thinkMs);
    }
  }
}
