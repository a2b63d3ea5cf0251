import { NodeError } from '@hookflow/sdk';
import type { CredentialRepository, SealedCredential } from '../store/credentials/credential-repository';
import type { NodeCredential } from './credential-type';

export interface CredentialResolverOptions {
  /** How long a credential read from MongoDB is reused (default 4 s): a rotation is seen within this. */
  cacheTtlMs?: number;
  /** Most credentials kept; the cache is cleared when full (default 1000). */
  maxEntries?: number;
  now?: () => number;
}

/**
 * How the worker gets a node's credential: read from MongoDB, kept briefly (still encrypted) so that a busy
 * node does not cost a query per run, and decrypted for each use, inside the activity.
 */
export class CredentialResolver {
  private readonly cache = new Map<string, { credential: SealedCredential; expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly credentials: Pick<CredentialRepository, 'findSealedByName' | 'openCredential'>,
    options: CredentialResolverOptions = {},
  ) {
    this.ttlMs = options.cacheTtlMs ?? 4000;
    this.maxEntries = options.maxEntries ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** The decrypted credential `name`; a missing one fails the node without retry (`credential_not_found`). */
  async resolve(name: string): Promise<NodeCredential> {
    const sealed = await this.sealed(name);
    return { name: sealed.name, type: sealed.type, data: this.credentials.openCredential(sealed) };
  }

  private async sealed(name: string): Promise<SealedCredential> {
    const cached = this.cache.get(name);
    if (cached && cached.expiresAt > this.now()) return cached.credential;
    const credential = await this.credentials.findSealedByName(name);
    if (!credential) {
      this.cache.delete(name);
      throw new NodeError('credential_not_found', `no credential is named "${name}"`, { retryable: false });
    }
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(name, { credential, expiresAt: this.now() + this.ttlMs });
    return credential;
  }
}
