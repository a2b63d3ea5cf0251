import { formatMarkdown } from './format-markdown';
import { renderApiReference } from './render-api-reference';
import { servedOpenApiDocument } from './served-openapi-document';

/** Where the reference lives, relative to docs/. */
export const API_REFERENCE_PAGE = 'api.md';

/** docs/api.md as it must read for the server of this checkout. */
export async function apiReferencePage(): Promise<string> {
  return formatMarkdown(renderApiReference(await servedOpenApiDocument()), API_REFERENCE_PAGE);
}
