import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiReferencePage, API_REFERENCE_PAGE } from '../src/api-reference/api-reference-page';
import { renderApiReference } from '../src/api-reference/render-api-reference';
import { DOCS_DIR } from '../src/docs-location';

describe('docs/api.md', () => {
  it('is what `npm run docs:api` renders from the OpenAPI document the server serves', async () => {
    const committed = await readFile(path.join(DOCS_DIR, API_REFERENCE_PAGE), 'utf8');
    const expected = await apiReferencePage();
    // A plain equality would print two 60 KB strings; the first differing line says what is stale.
    const [committedLines, expectedLines] = [committed.split('\n'), expected.split('\n')];
    const first = expectedLines.findIndex((line, index) => line !== committedLines[index]);
    expect(
      first === -1 && committedLines.length === expectedLines.length,
      `docs/api.md is out of date (first difference at line ${first + 1}): run \`npm run docs:api\``,
    ).toBe(true);
  }, 90_000);

  it('renders each operation with its authentication, parameters, body and answers', () => {
    const page = renderApiReference({
      info: { title: 'T', description: 'An API.' },
      tags: [{ name: 'things', description: 'Things' }],
      paths: {
        '/api/v1/things/{id}': {
          put: {
            summary: 'Replace a thing',
            tags: ['things'],
            security: [{ adminToken: [] }],
            parameters: [
              { name: 'id', in: 'path', required: true, description: 'Thing id', schema: { type: 'string' } },
            ],
            requestBody: {
              required: true,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
            responses: {
              '200': {
                description: 'The thing',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
              },
              '404': { description: '`thing_not_found`' },
            },
          },
        },
      },
      components: {
        securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'HOOKFLOW_ADMIN_TOKEN' } },
        schemas: {
          Thing: {
            type: 'object',
            required: ['name'],
            properties: {
              name: { type: 'string', maxLength: 10, description: 'Its name' },
              parts: {
                type: 'array',
                items: { type: 'object', properties: { size: { type: 'integer', minimum: 1 } } },
              },
              kind: { enum: ['a|b', 'c'] },
            },
          },
        },
      },
    });
    expect(page).toContain('| [`PUT /api/v1/things/{id}`](#put-apiv1thingsid) | Replace a thing |');
    expect(page).toContain('Authentication: `adminToken` ([how](#authentication)).');
    expect(page).toContain('- `adminToken`: header `Authorization: Bearer <token>`. HOOKFLOW_ADMIN_TOKEN');
    expect(page).toContain('| `id` | path | string | yes | Thing id |');
    expect(page).toContain('Request body (required): `application/json` [`Thing`](#thing).');
    expect(page).toContain('| 200 | The thing | [`Thing`](#thing) |');
    expect(page).toContain('| 404 | `thing_not_found` | – |');
    expect(page).toContain('| `name` | string | yes | Its name; at most 10 characters |');
    expect(page).toContain('| `parts[].size` | integer | no | at least 1 |');
    expect(page).toContain('| `kind` | `"a\\|b"` or `"c"` | no |  |');
  });
});
