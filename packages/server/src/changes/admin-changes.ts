/** What an admin write changed, for the per-instance caches that must drop what they hold of it. */
export type AdminChange = { kind: 'workflow'; workflowId: string } | { kind: 'api-keys' };

export type AdminChangeListener = (change: AdminChange) => void;

/**
 * Admin writes announce themselves here so that this instance's caches forget the old state before the
 * write's answer is sent: a change takes effect at once on the instance that made it. Other instances learn
 * of it when their cache entries expire (workflows 2 s, keys 4 s).
 */
export class AdminChanges {
  private readonly listeners = new Set<AdminChangeListener>();

  /** Returns the function that removes the listener again. */
  subscribe(listener: AdminChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  workflowChanged(workflowId: string): void {
    this.announce({ kind: 'workflow', workflowId });
  }

  apiKeysChanged(): void {
    this.announce({ kind: 'api-keys' });
  }

  private announce(change: AdminChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
