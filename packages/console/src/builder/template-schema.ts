import type { UiSchema } from '@rjsf/utils';
import type { JsonSchema } from '../api/types';

/**
 * A node's params schema turned into the schema of its form. Any value may be a `{{ }}` template (the server
 * renders it before the node runs), so a field whose type is not a string (number, boolean, "any") becomes a
 * text field that holds either the value or a template; `KIND` records how to read the text back. Constraints
 * a template would fail in the browser (pattern, format, minimum...) are left to the server's validation,
 * whose problems the form shows on their fields.
 */
const KIND = 'x-hookflow-kind';

type Kind = 'number' | 'boolean' | 'json';

export interface NodeForm {
  schema: JsonSchema;
  uiSchema: UiSchema;
}

export function formFor(schema: JsonSchema): NodeForm {
  const converted = convert(schema);
  return { schema: converted, uiSchema: { ...uiFor(converted), 'ui:submitButtonOptions': { norender: true } } };
}

function convert(schema: JsonSchema): JsonSchema {
  const text = { ...(schema.title ? { title: schema.title } : {}) };
  const hint = (suffix: string) => ({
    description: [schema.description, suffix].filter(Boolean).join(' '),
  });
  if (Array.isArray(schema.enum)) return { ...text, ...pick(schema, ['enum', 'description', 'default']) };
  const type = schema.type;
  if (type === 'object' || schema.properties !== undefined) {
    const properties = Object.fromEntries(
      Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => [
        name,
        convert(property),
      ]),
    );
    const extra = schema.additionalProperties;
    return {
      ...text,
      ...pick(schema, ['description', 'required']),
      type: 'object',
      properties,
      ...(typeof extra === 'object' && extra !== null ? { additionalProperties: convert(extra as JsonSchema) } : {}),
    };
  }
  if (type === 'array' && typeof schema.items === 'object' && schema.items !== null) {
    return { ...text, ...pick(schema, ['description']), type: 'array', items: convert(schema.items as JsonSchema) };
  }
  if (type === 'string') return { ...text, ...pick(schema, ['description', 'default']), type: 'string' };
  if (type === 'number' || type === 'integer') {
    return { ...text, ...hint('A number or a {{ }} template.'), type: 'string', [KIND]: 'number' };
  }
  if (type === 'boolean')
    return { ...text, ...hint('true, false or a {{ }} template.'), type: 'string', [KIND]: 'boolean' };
  return { ...text, ...hint('Text, JSON or a {{ }} template.'), type: 'string', [KIND]: 'json' };
}

function uiFor(schema: JsonSchema): UiSchema {
  if (schema[KIND] === 'json') return { 'ui:widget': 'textarea', 'ui:options': { rows: 3 } };
  const ui: UiSchema = {};
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    const child = uiFor(property);
    if (Object.keys(child).length > 0) ui[name] = child;
  }
  if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) {
    const child = uiFor(schema.additionalProperties as JsonSchema);
    if (Object.keys(child).length > 0) ui.additionalProperties = child;
  }
  if (schema.type === 'array' && typeof schema.items === 'object') ui.items = uiFor(schema.items as JsonSchema);
  return ui;
}

/** Params as the form shows them: values of converted fields as text. */
export function toFormData(value: unknown, schema: JsonSchema): unknown {
  const kind = schema[KIND] as Kind | undefined;
  if (kind) {
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    return JSON.stringify(value, null, kind === 'json' ? 2 : undefined);
  }
  return mapChildren(value, schema, toFormData);
}

/** The form's text read back into params: numbers, booleans and JSON where the text is one, else the text. */
export function fromFormData(value: unknown, schema: JsonSchema): unknown {
  const kind = schema[KIND] as Kind | undefined;
  if (kind) {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    if (trimmed === '') return undefined;
    if (kind === 'number' && /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(trimmed)) return Number(trimmed);
    if (kind === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
    if (kind === 'json' && /^[[{"0-9-]|^(true|false|null)$/.test(trimmed)) {
      try {
        return JSON.parse(trimmed) as unknown;
      } catch {
        return value;
      }
    }
    return value;
  }
  return mapChildren(value, schema, fromFormData);
}

function mapChildren(
  value: unknown,
  schema: JsonSchema,
  map: (child: unknown, schema: JsonSchema) => unknown,
): unknown {
  if (Array.isArray(value) && typeof schema.items === 'object' && schema.items !== null) {
    return value.map((item) => map(item, schema.items as JsonSchema));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const extra =
    typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as JsonSchema) : undefined;
  const result: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
    const childSchema = properties[name] ?? extra;
    const mapped = childSchema ? map(child, childSchema) : child;
    if (mapped !== undefined) result[name] = mapped;
  }
  return result;
}

function pick(schema: JsonSchema, names: string[]): JsonSchema {
  return Object.fromEntries(names.filter((name) => schema[name] !== undefined).map((name) => [name, schema[name]]));
}
