import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The repository root: this file is `packages/docs-tools/{src,dist}/docs-location.*`. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const DOCS_DIR = path.join(REPO_ROOT, 'docs');

/** Every Markdown page under docs/, as paths relative to it, sorted. */
export function docsPages(): string[] {
  return readdirSync(DOCS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .sort();
}
