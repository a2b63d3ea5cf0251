import type { CredentialType, JsonSchema } from '@hookflow/sdk';

export type { CredentialType, NodeCredential } from '@hookflow/sdk';

export const CREDENTIAL_TYPE_PATTERN = /^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/;

const secretString = (description: string) => ({
  type: 'string',
  minLength: 1,
  maxLength: 8192,
  writeOnly: true,
  description,
});
/** Visible ASCII with inner spaces: what a header value carries unchanged (fetch trims outer whitespace). */
const headerSafeSecret = (description: string) => ({
  ...secretString(description),
  pattern: '^[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?$',
});
const headerName = { type: 'string', pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$", writeOnly: true };

function objectOf(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
}

/** The built-in types; `http.request` applies each of them. */
export const BUILT_IN_CREDENTIAL_TYPES: readonly CredentialType[] = [
  {
    type: 'bearer',
    displayName: 'Bearer token',
    description: 'Sent as `Authorization: Bearer <token>`.',
    schema: objectOf({ token: headerSafeSecret('The token') }),
  },
  {
    type: 'basic',
    displayName: 'Basic authentication',
    description: 'Sent as `Authorization: Basic base64(username:password)`.',
    schema: objectOf({
      username: { type: 'string', minLength: 1, maxLength: 1024, pattern: '^[^:]*$', writeOnly: true },
      password: secretString('The password'),
    }),
  },
  {
    type: 'header',
    displayName: 'Header',
    description: 'A header of your choice, e.g. `X-Api-Key: <value>`.',
    schema: objectOf({ name: headerName, value: headerSafeSecret('The header value') }),
  },
  {
    type: 'query',
    displayName: 'Query parameter',
    description: 'A query parameter of your choice, e.g. `?api_key=<value>`.',
    schema: objectOf({
      name: { type: 'string', minLength: 1, maxLength: 256, writeOnly: true },
      value: secretString('The parameter value'),
    }),
  },
];

/**
 * Why a declared type is unusable, or undefined when it is fine: a kebab/dotted lower-case name, and an
 * object schema whose properties are all `writeOnly` (a value nobody can read back must say so).
 */
export function credentialTypeProblem(candidate: CredentialType): string | undefined {
  if (typeof candidate.type !== 'string' || !CREDENTIAL_TYPE_PATTERN.test(candidate.type)) {
    return `credential type name "${String(candidate.type)}" must be lower-case letters and digits, separated by "." or "-"`;
  }
  const schema = candidate.schema;
  const properties = schema?.properties;
  if (schema?.type !== 'object' || typeof properties !== 'object' || properties === null) {
    return `credential type "${candidate.type}": schema must be an object schema with properties`;
  }
  const readable = Object.entries(properties as Record<string, JsonSchema>)
    .filter(([, property]) => property?.writeOnly !== true)
    .map(([name]) => name);
  if (readable.length > 0 || schema.additionalProperties !== false) {
    return (
      `credential type "${candidate.type}": every property must be marked writeOnly and ` +
      `additionalProperties must be false${readable.length > 0 ? ` (not writeOnly: ${readable.join(', ')})` : ''}`
    );
  }
  return undefined;
}
