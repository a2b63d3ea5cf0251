import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { DOCS_DIR } from '../docs-location';

/** Formats a page the way `npm run lint` (Prettier) wants it, so that generated pages pass the check. */
export async function formatMarkdown(markdown: string, file: string): Promise<string> {
  const filepath = path.join(DOCS_DIR, file);
  const options = (await resolveConfig(filepath)) ?? {};
  return format(markdown, { ...options, filepath, parser: 'markdown' });
}
