import type { Connection } from 'mongoose';
import type { KeyRing } from '../../crypto/key-ring';
import { openText, sealText, sealedKeyId } from '../../crypto/sealed-text';
import { isDuplicateKeyError, withMongoErrors } from '../mongo-errors';
import { newResourceId } from '../random-id';
import { initStore } from '../store-indexes';
import { StoreError } from '../store-errors';
import { workflowModel } from '../workflows/workflow-models';
import { credentialModel, type CredentialDocument } from './credential-model';

/** A credential as the API shows it: never its data. */
export interface CredentialSummary {
  id: string;
  name: string;
  type: string;
  fields: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** A workflow whose current version references a credential. */
export interface WorkflowReference {
  id: string;
  name: string;
}

export interface CredentialRecord extends CredentialSummary {
  usedBy: WorkflowReference[];
}

/** A credential as the worker reads it: still sealed, opened only when a node runs (`openCredential`). */
export interface SealedCredential {
  id: string;
  name: string;
  type: string;
  secret: string;
}

export type CredentialData = Record<string, unknown>;

/** What `reencryptAll` did; `failed` names credentials whose value no configured key opens. */
export interface ReencryptionReport {
  total: number;
  reencrypted: number;
  alreadyCurrent: number;
  failed: { id: string; name: string; code: string }[];
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Credentials, encrypted at rest under the key ring's current key. The ciphertext is bound to the
 * credential's id, so a value copied onto another credential does not decrypt. Data comes in validated by
 * the caller against its type; it goes out only through `openCredential`.
 */
export class CredentialRepository {
  constructor(
    private readonly connection: Connection,
    private readonly keyRing: KeyRing,
  ) {}

  private get credentials() {
    return credentialModel(this.connection);
  }

  async createCredential(input: { name: string; type: string; data: CredentialData }): Promise<CredentialRecord> {
    assertValidName(input.name);
    const id = newResourceId('cr');
    const secret = this.seal(id, input.data);
    return withMongoErrors(async () => {
      await initStore(this.connection);
      if (await this.credentials.exists({ name: input.name })) throw nameTaken(input.name);
      const now = new Date();
      const document: CredentialDocument = {
        _id: id,
        name: input.name,
        type: input.type,
        fields: Object.keys(input.data),
        secret,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await this.credentials.create(document);
      } catch (error) {
        // The unique index settles a race between two creations of the same name.
        if (isDuplicateKeyError(error)) throw nameTaken(input.name, error);
        throw error;
      }
      return { ...toSummary(document), usedBy: [] };
    });
  }

  /** Credentials by name; `after` continues a listing after that name. */
  async listCredentials(page: { limit?: number; after?: string } = {}): Promise<CredentialRecord[]> {
    return withMongoErrors(async () => {
      let query = this.credentials
        .find(page.after === undefined ? {} : { name: { $gt: page.after } }, { secret: 0 })
        .sort({ name: 1 });
      if (page.limit !== undefined) query = query.limit(page.limit);
      const documents = await query.lean<Omit<CredentialDocument, 'secret'>[]>();
      const usedBy = await this.usedBy(documents.map((document) => document.name));
      return documents.map((document) => ({ ...toSummary(document), usedBy: usedBy.get(document.name) ?? [] }));
    });
  }

  async getCredential(id: string): Promise<CredentialRecord> {
    return withMongoErrors(async () => {
      const document = await this.findSummary(id);
      const usedBy = await this.usedBy([document.name]);
      return { ...toSummary(document), usedBy: usedBy.get(document.name) ?? [] };
    });
  }

  /** Replaces the data (rotation); name and type stay. Workers see it within their cache time. */
  async rotateCredential(id: string, data: CredentialData): Promise<CredentialRecord> {
    const secret = this.seal(id, data);
    return withMongoErrors(async () => {
      const updatedAt = new Date();
      const result = await this.credentials.updateOne(
        { _id: id },
        { $set: { secret, fields: Object.keys(data), updatedAt } },
      );
      if (result.matchedCount === 0) throw notFound(id);
      return this.getCredential(id);
    });
  }

  /**
   * Deletes a credential no workflow's current version references; otherwise 409 `credential_in_use` with one
   * detail per workflow. (A workflow saved between the check and the delete keeps a dangling reference: its
   * nodes fail with `credential_not_found` until the credential exists again.)
   */
  async deleteCredential(id: string): Promise<void> {
    await withMongoErrors(async () => {
      const document = await this.findSummary(id);
      const users = (await this.usedBy([document.name])).get(document.name) ?? [];
      if (users.length > 0) {
        throw new StoreError(
          'credential_in_use',
          `Credential "${document.name}" is used by ${users.map((user) => `"${user.name}"`).join(', ')}`,
          {
            details: users.map((user) => ({
              path: '/usedBy',
              message: `used by workflow ${user.name}`,
              workflowId: user.id,
              workflowName: user.name,
            })),
          },
        );
      }
      await this.credentials.deleteOne({ _id: id });
    });
  }

  /** Name → type of every credential, for validating a workflow's `credential` fields on save. */
  async credentialTypesByName(): Promise<Map<string, string>> {
    return withMongoErrors(async () => {
      const documents = await this.credentials.find({}, { name: 1, type: 1 }).lean();
      return new Map(documents.map((document) => [document.name, document.type]));
    });
  }

  /** The sealed credential named `name`, or null. */
  async findSealedByName(name: string): Promise<SealedCredential | null> {
    return withMongoErrors(async () => {
      const document = await this.credentials.findOne({ name }, { name: 1, type: 1, secret: 1 }).lean();
      return document ? { id: document._id, name: document.name, type: document.type, secret: document.secret } : null;
    });
  }

  /** Decrypts a credential's data: the only way out, called inside the activity that uses it. */
  openCredential(credential: SealedCredential): CredentialData {
    return JSON.parse(openText(this.keyRing, credential.secret, contextOf(credential.id))) as CredentialData;
  }

  /**
   * Re-encrypts every value not yet under the current key (after a key rotation, with the old key in
   * `HOOKFLOW_ENCRYPTION_KEY_PREVIOUS`). A value rotated meanwhile is left as the rotation wrote it.
   */
  async reencryptAll(): Promise<ReencryptionReport> {
    const current = this.keyRing.currentKeyId;
    const report: ReencryptionReport = { total: 0, reencrypted: 0, alreadyCurrent: 0, failed: [] };
    await withMongoErrors(async () => {
      const documents = await this.credentials.find({}, { name: 1, secret: 1 }).sort({ _id: 1 }).lean();
      for (const document of documents) {
        report.total++;
        if (current !== undefined && sealedKeyId(document.secret) === current) {
          report.alreadyCurrent++;
          continue;
        }
        let secret: string;
        try {
          const data = this.openCredential({
            id: document._id,
            name: document.name,
            type: '',
            secret: document.secret,
          });
          secret = this.seal(document._id, data);
        } catch (error) {
          const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'error';
          if (code === 'encryption_key_missing') throw error;
          report.failed.push({ id: document._id, name: document.name, code });
          continue;
        }
        await this.credentials.updateOne({ _id: document._id, secret: document.secret }, { $set: { secret } });
        report.reencrypted++;
      }
    });
    return report;
  }

  /** Workflows whose current version references each of `names`. */
  private async usedBy(names: string[]): Promise<Map<string, WorkflowReference[]>> {
    const found = new Map<string, WorkflowReference[]>();
    if (names.length === 0) return found;
    const workflows = await workflowModel(this.connection)
      .find({ credentialNames: { $in: names } }, { name: 1, credentialNames: 1 })
      .sort({ name: 1 })
      .lean();
    for (const workflow of workflows) {
      for (const name of workflow.credentialNames ?? []) {
        if (!names.includes(name)) continue;
        found.set(name, [...(found.get(name) ?? []), { id: workflow._id, name: workflow.name }]);
      }
    }
    return found;
  }

  private async findSummary(id: string): Promise<Omit<CredentialDocument, 'secret'>> {
    const document = await this.credentials.findById(id, { secret: 0 }).lean<Omit<CredentialDocument, 'secret'>>();
    if (!document) throw notFound(id);
    return document;
  }

  private seal(id: string, data: CredentialData): string {
    return sealText(this.keyRing, JSON.stringify(data), contextOf(id));
  }
}

/** Authenticated with the ciphertext: a value only opens as the credential it was written for. */
function contextOf(id: string): string {
  return `hookflow:credential:${id}`;
}

function toSummary(document: Omit<CredentialDocument, 'secret'>): CredentialSummary {
  return {
    id: document._id,
    name: document.name,
    type: document.type,
    fields: [...document.fields],
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

function assertValidName(name: string): void {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new StoreError(
      'invalid_credential',
      'A credential name is 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit',
      { details: [{ path: '/name', message: 'must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$' }] },
    );
  }
}

function notFound(id: string): StoreError {
  return new StoreError('credential_not_found', `Credential ${id} does not exist`);
}

function nameTaken(name: string, cause?: unknown): StoreError {
  return new StoreError('credential_name_taken', `A credential named "${name}" already exists`, { cause });
}
