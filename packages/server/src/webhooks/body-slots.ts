/**
 * A cap on webhook bodies read or held at once by this instance, so that many slow or large uploads cannot
 * grow memory without bound: at most `capacity × HOOKFLOW_WEBHOOK_MAX_BYTES` of bodies at any time. A request
 * that finds no free slot is answered 503 with `Retry-After` before a byte of its body is read.
 */
export class BodySlots {
  private used = 0;

  constructor(private readonly capacity: number) {}

  /** A release function, or undefined when every slot is taken. Releasing twice is harmless. */
  tryAcquire(): (() => void) | undefined {
    if (this.used >= this.capacity) return undefined;
    this.used += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= 1;
    };
  }

  get inUse(): number {
    return this.used;
  }
}
