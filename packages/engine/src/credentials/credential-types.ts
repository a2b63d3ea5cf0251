import { compileUserSchema, schemaProblems } from '@hookflow/sdk/json-schema';
import type { DefinitionProblem } from '../graph/validation-types';
import { PluginLoadError } from '../plugins/plugin-registry';
import { BUILT_IN_CREDENTIAL_TYPES, credentialTypeProblem, type CredentialType } from './credential-type';

/** The credential types this installation knows: the built-in ones, then those node plugins declare. */
export class CredentialTypes {
  private readonly types = new Map<string, { credentialType: CredentialType; source: string }>();

  constructor() {
    for (const credentialType of BUILT_IN_CREDENTIAL_TYPES) this.add(credentialType, 'built-in');
  }

  /** Registers a plugin's type; a malformed or duplicate one stops start-up naming `source`. */
  add(credentialType: CredentialType, source: string): void {
    const problem = credentialTypeProblem(credentialType);
    if (problem) throw new PluginLoadError(`${source}: ${problem}`);
    const compiled = compileUserSchema(credentialType.schema);
    if (!compiled.ok) {
      const details = compiled.problems.map((p) => `${p.path || '/'}: ${p.message}`).join('; ');
      throw new PluginLoadError(
        `${source}: credential type "${credentialType.type}" has an invalid schema (${details})`,
      );
    }
    const existing = this.types.get(credentialType.type);
    if (existing) {
      throw new PluginLoadError(
        `${source}: credential type "${credentialType.type}" is already registered by ${existing.source}`,
      );
    }
    this.types.set(credentialType.type, { credentialType, source });
  }

  get(type: string): CredentialType | undefined {
    return this.types.get(type)?.credentialType;
  }

  list(): { credentialType: CredentialType; source: string }[] {
    return [...this.types.values()];
  }

  /** What is wrong with `data` for a credential of `type` (paths under `/data`); never echoes a value. */
  dataProblems(type: CredentialType, data: unknown): DefinitionProblem[] {
    const compiled = compileUserSchema(type.schema);
    if (!compiled.ok) return [{ path: '/type', message: `credential type "${type.type}" has an invalid schema` }];
    return schemaProblems(compiled.validate, data, { basePath: '/data' });
  }
}
