import type { CredentialRecord, CredentialRepository, PluginRegistry, ReencryptionReport } from '@hookflow/engine';
import { HookflowError } from '@hookflow/sdk';
import { isJsonObject, objectBody, onlyFields } from '../../http/request-input';
import { cursorString, decodeCursor, pageOf, readPageQuery, type Page } from '../paging/list-page';

/**
 * Credentials: values go in on create and rotation, checked against their type's schema, and
 * never come out; answers show the field names and which workflows use each credential.
 */
export class CredentialService {
  constructor(
    private readonly credentials: CredentialRepository,
    private readonly registry: PluginRegistry,
  ) {}

  /** Body `{name, type, data}`. */
  async create(body: unknown): Promise<CredentialRecord> {
    const input = objectBody(body);
    onlyFields(input, ['name', 'type', 'data']);
    if (typeof input.name !== 'string') throw invalidCredential('/name', 'is required and must be a string');
    if (typeof input.type !== 'string') throw invalidCredential('/type', 'is required and must be a string');
    const type = this.registry.credentialTypes.get(input.type);
    if (!type) {
      const known = this.registry.credentialTypes.list().map(({ credentialType }) => `"${credentialType.type}"`);
      throw invalidCredential('/type', `unknown credential type "${input.type}"; known: ${known.join(', ')}`);
    }
    const data = this.checkedData(type.type, input.data);
    return this.credentials.createCredential({ name: input.name, type: type.type, data });
  }

  /** `?limit&pageToken`: a page of credentials, by name. */
  async list(query: Record<string, unknown>): Promise<Page<CredentialRecord>> {
    const { limit, pageToken } = readPageQuery(query);
    const after =
      pageToken === undefined ? undefined : decodeCursor(pageToken, (cursor) => cursorString(cursor, 'name'));
    const credentials = await this.credentials.listCredentials({ limit: limit + 1, ...(after ? { after } : {}) });
    return pageOf(credentials, limit, (last) => ({ name: last.name }));
  }

  get(id: string): Promise<CredentialRecord> {
    return this.credentials.getCredential(id);
  }

  /** Body `{data}`: new values of the same type (rotation); runs starting a node afterwards use them. */
  async rotate(id: string, body: unknown): Promise<CredentialRecord> {
    const input = objectBody(body);
    onlyFields(input, ['data']);
    const current = await this.credentials.getCredential(id);
    return this.credentials.rotateCredential(id, this.checkedData(current.type, input.data));
  }

  /** 409 `credential_in_use` while a workflow references it. */
  async delete(id: string): Promise<void> {
    await this.credentials.deleteCredential(id);
  }

  /** Every value under the current key (after a key rotation); see `hookflow reencrypt`. */
  reencrypt(): Promise<ReencryptionReport> {
    return this.credentials.reencryptAll();
  }

  private checkedData(typeName: string, data: unknown): Record<string, unknown> {
    const type = this.registry.credentialTypes.get(typeName);
    if (!type) throw invalidCredential('/type', `credential type "${typeName}" is not loaded on this server`);
    if (!isJsonObject(data)) throw invalidCredential('/data', 'is required and must be an object');
    const problems = this.registry.credentialTypes.dataProblems(type, data);
    if (problems.length > 0) {
      const summary = problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
      throw new HookflowError('invalid_credential', `The credential data is invalid: ${summary}`, {
        status: 400,
        details: problems.map((problem) => ({ ...problem })),
      });
    }
    return data;
  }
}

function invalidCredential(path: string, message: string): HookflowError {
  return new HookflowError('invalid_credential', `${path}: ${message}`, { status: 400, details: [{ path, message }] });
}
