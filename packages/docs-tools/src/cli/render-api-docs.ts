import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { apiReferencePage, API_REFERENCE_PAGE } from '../api-reference/api-reference-page';
import { DOCS_DIR } from '../docs-location';

/** `npm run docs:api`: writes docs/api.md from the OpenAPI document the server of this checkout serves. */
async function main(): Promise<void> {
  const file = path.join(DOCS_DIR, API_REFERENCE_PAGE);
  await writeFile(file, await apiReferencePage());
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
