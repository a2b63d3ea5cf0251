/** How schemas read in the reference: short type phrases and field tables, with `$ref`s as links. */

export type Schema = Record<string, unknown>;

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

const REF_PREFIX = '#/components/schemas/';

export function schemaLink(ref: string): string {
  const name = ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
  return `[\`${name}\`](#${name.toLowerCase()})`;
}

/** `string (date-time)`, `array of [Delivery]`, `"a" or "b"`, `any`. */
export function typeText(schema: Schema | undefined): string {
  if (!schema || Object.keys(schema).length === 0) return 'any JSON';
  if (typeof schema.$ref === 'string') return schemaLink(schema.$ref);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => `\`${JSON.stringify(value)}\``).join(' or ');
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[key])) return (schema[key] as Schema[]).map(typeText).join(' or ');
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  return types
    .map((type) => {
      if (type === 'array') return `array of ${typeText(schema.items as Schema | undefined)}`;
      if (type === 'object' && isSchema(schema.additionalProperties) && !schema.properties) {
        return `map of ${typeText(schema.additionalProperties)}`;
      }
      if (type === undefined) return 'any JSON';
      return typeof schema.format === 'string' ? `${type} (${schema.format})` : type;
    })
    .join(' or ');
}

/** The properties of an object schema, inline sub-objects (and arrays of them) flattened as `a.b`, `a[].b`. */
export function fieldRows(schema: Schema, prefix = ''): FieldRow[] {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const rows: FieldRow[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const path = `${prefix}${name}`;
    rows.push({ name: path, type: typeText(property), required: required.has(name), description: describe(property) });
    if (hasProperties(property)) rows.push(...fieldRows(property, `${path}.`));
    const items = property.items;
    if (property.type === 'array' && isSchema(items) && hasProperties(items))
      rows.push(...fieldRows(items, `${path}[].`));
  }
  return rows;
}

/** The description and the constraints a client must respect. */
export function describe(schema: Schema): string {
  const parts: string[] = [];
  if (typeof schema.description === 'string') parts.push(schema.description);
  if (typeof schema.pattern === 'string') parts.push(`pattern \`${schema.pattern}\``);
  const range = (min: unknown, max: unknown, unit: string) => {
    const of = (value: number) => `${value}${value === 1 ? unit.replace(/s$/, '') : unit}`;
    if (typeof min === 'number' && typeof max === 'number') parts.push(`${min}–${of(max)}`);
    else if (typeof min === 'number') parts.push(`at least ${of(min)}`);
    else if (typeof max === 'number') parts.push(`at most ${of(max)}`);
  };
  range(schema.minimum, schema.maximum, '');
  range(schema.minLength, schema.maxLength, ' characters');
  range(schema.minItems, schema.maxItems, ' items');
  if (schema.additionalProperties === false && schema.properties) parts.push('no other fields');
  return parts.join('; ');
}

function hasProperties(schema: Schema): boolean {
  return typeof schema.properties === 'object' && schema.properties !== null;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
