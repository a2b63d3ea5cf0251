/** A broken promise of the fault model, counted once per kind with one example for the report. */
export interface Violation {
  invariant: string;
  count: number;
  example: string;
}

/** Collects violations by kind, so a fault that breaks one promise a thousand times reads as one line. */
export class Violations {
  private readonly byInvariant = new Map<string, Violation>();

  add(invariant: string, example: string): void {
    const existing = this.byInvariant.get(invariant);
    if (existing) existing.count++;
    else this.byInvariant.set(invariant, { invariant, count: 1, example });
  }

  merge(other: Violations): void {
    for (const violation of other.list()) {
      const existing = this.byInvariant.get(violation.invariant);
      if (existing) existing.count += violation.count;
      else this.byInvariant.set(violation.invariant, { ...violation });
    }
  }

  list(): Violation[] {
    return [...this.byInvariant.values()];
  }

  get total(): number {
    return this.list().reduce((sum, violation) => sum + violation.count, 0);
  }
}
