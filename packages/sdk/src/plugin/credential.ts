import type { JsonSchema } from './json-schema';

/**
 * A kind of credential: what its `data` holds, as a JSON Schema whose every property is `writeOnly` — values
 * are accepted on create and rotation, and never shown again.
 */
export interface CredentialType {
  /** Lower-case, unique across loaded plugins: `bearer`, `acme.oauth-client`. */
  type: string;
  displayName: string;
  description: string;
  /** JSON Schema of `data`: an object whose properties are all marked `writeOnly: true`. */
  schema: JsonSchema;
}

/** What a node plugin's `execute` receives as `ctx.credential`: decrypted inside the activity, never logged. */
export interface NodeCredential<Data = Record<string, unknown>> {
  name: string;
  type: string;
  data: Data;
}
