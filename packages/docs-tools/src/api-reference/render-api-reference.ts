import { headingAnchor } from '../markdown/heading-anchor';
import { describe, fieldRows, typeText, type Schema } from './schema-text';

/** The parts of an OpenAPI 3.1 document the reference reads. */
export interface OpenApiDocument {
  info: { title: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, SecurityScheme>; schemas?: Record<string, Schema> };
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Schema }[];
  requestBody?: { required?: boolean; description?: string; content: Record<string, { schema?: Schema }> };
  responses: Record<
    string,
    { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema?: Schema }> }
  >;
}

interface SecurityScheme {
  type: string;
  scheme?: string;
  in?: string;
  name?: string;
  description?: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export const GENERATED_NOTE =
  "<!-- Generated from the server's OpenAPI document by `npm run docs:api`. Do not edit: change the routes' documentation and run it again. -->";

/** docs/api.md: every operation by tag, then every schema, from the document the server serves. */
export function renderApiReference(document: OpenApiDocument): string {
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method]! })),
  );
  const tags = document.tags ?? [];
  const out: string[] = [
    '# HTTP API reference',
    '',
    GENERATED_NOTE,
    '',
    document.info.description ?? '',
    '',
    'The server serves this document as OpenAPI 3.1 at `GET /api/v1/openapi.json` (admin token); Postman and ' +
      'other clients import it.',
    '',
    '## Authentication',
    '',
    ...Object.entries(document.components?.securitySchemes ?? {}).map(
      ([name, scheme]) => `- ${securityText(name, scheme)}`,
    ),
    '',
    '## Operations',
    '',
    '| operation | summary |',
    '| --- | --- |',
    ...tags.flatMap((tag) =>
      operations
        .filter(({ operation }) => operation.tags?.[0] === tag.name)
        .map(
          ({ path, method, operation }) =>
            `| [${operationTitle(method, path)}](#${headingAnchor(operationTitle(method, path))}) | ${cell(operation.summary ?? '')} |`,
        ),
    ),
    '',
  ];
  for (const tag of tags) {
    const tagged = operations.filter(({ operation }) => operation.tags?.[0] === tag.name);
    if (tagged.length === 0) continue;
    out.push(`## ${tag.name}`, '', tag.description ?? '', '');
    for (const { path, method, operation } of tagged) out.push(...renderOperation(method, path, operation));
  }
  out.push('## Schemas', '');
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {}))
    out.push(...renderSchema(name, schema));
  return out.join('\n');
}

function operationTitle(method: string, path: string): string {
  return `\`${method.toUpperCase()} ${path}\``;
}

function renderOperation(method: string, path: string, operation: Operation): string[] {
  const out = [`### ${operationTitle(method, path)}`, '', operation.summary ?? '', ''];
  if (operation.description) out.push(operation.description, '');
  const security = operation.security ?? [];
  out.push(
    security.length === 0 ? 'Authentication: none.' : `Authentication: ${authText(security)} ([how](#authentication)).`,
    '',
  );
  const parameters = operation.parameters ?? [];
  if (parameters.length > 0) {
    out.push('| parameter | in | type | required | description |', '| --- | --- | --- | --- | --- |');
    for (const parameter of parameters) {
      const description = [
        parameter.description ?? '',
        parameter.schema ? describe({ ...parameter.schema, description: undefined }) : '',
      ]
        .filter(Boolean)
        .join('; ');
      out.push(
        `| \`${parameter.name}\` | ${parameter.in} | ${cell(typeText(parameter.schema))} | ${parameter.required ? 'yes' : 'no'} | ${cell(description)} |`,
      );
    }
    out.push('');
  }
  if (operation.requestBody) {
    const body = operation.requestBody;
    const types = Object.entries(body.content).map(([type, media]) => `\`${type}\` ${typeText(media.schema)}`);
    out.push(
      `Request body (${body.required ? 'required' : 'optional'}): ${types.join(', or ')}.${body.description ? ` ${body.description}.` : ''}`,
      '',
    );
  }
  out.push('| status | meaning | body |', '| --- | --- | --- |');
  for (const [status, response] of Object.entries(operation.responses)) {
    const schema = response.content?.['application/json']?.schema;
    const headers = Object.keys(response.headers ?? {}).map((name) => `header \`${name}\``);
    const body = [response.content ? typeText(schema) : '', ...headers].filter(Boolean).join(', ');
    out.push(`| ${status} | ${cell(response.description)} | ${cell(body || '–')} |`);
  }
  out.push('');
  return out;
}

function renderSchema(name: string, schema: Schema): string[] {
  const out = [`### ${name}`, ''];
  const text = [schema.title, schema.description].filter((part): part is string => typeof part === 'string');
  if (text.length > 0) out.push(text.join(': '), '');
  const rows = fieldRows(schema);
  if (rows.length > 0) {
    out.push('| field | type | required | description |', '| --- | --- | --- | --- |');
    for (const row of rows)
      out.push(`| \`${row.name}\` | ${cell(row.type)} | ${row.required ? 'yes' : 'no'} | ${cell(row.description)} |`);
  } else {
    out.push(`Type: ${typeText(schema)}.`);
  }
  out.push('');
  if (schema.example !== undefined)
    out.push('Example:', '', '```json', JSON.stringify(schema.example, null, 2), '```', '');
  return out;
}

function securityText(name: string, scheme: SecurityScheme): string {
  const where =
    scheme.type === 'http'
      ? `header \`Authorization: ${scheme.scheme === 'bearer' ? 'Bearer' : (scheme.scheme ?? '')} <token>\``
      : `${scheme.in ?? ''} \`${scheme.name ?? ''}\``;
  return `\`${name}\`: ${where}${scheme.description ? `. ${scheme.description}` : ''}`;
}

/** `adminToken`, or `sessionCookie`: the operation's security requirements, by scheme name. */
function authText(security: Record<string, string[]>[]): string {
  return security
    .map((requirement) =>
      Object.keys(requirement)
        .map((name) => `\`${name}\``)
        .join(' and '),
    )
    .join(', or ');
}

/** Table cells are one line and must not end the cell early. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}
