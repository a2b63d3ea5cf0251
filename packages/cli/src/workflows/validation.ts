import type { ApiClient } from '../api/client';
import type { JsonObject, ValidationResult } from '../api/types';
import { valueAt } from './definition';

export interface Checked {
  source: string;
  name: string;
  definition: JsonObject;
  /** Checked as a new version of this stored workflow: a redacted secret then keeps the stored one. */
  workflowId?: string;
  problems: ValidationResult['problems'];
}

/** Runs each definition through `POST /workflows/validate` (the checks of a save, without saving). */
export async function validateDefinitions(
  api: ApiClient,
  items: readonly Omit<Checked, 'problems'>[],
): Promise<Checked[]> {
  const checked: Checked[] = [];
  for (const item of items) {
    const result = await api.request<ValidationResult>('POST', '/workflows/validate', {
      query: { workflowId: item.workflowId },
      body: item.definition,
    });
    checked.push({ ...item, problems: result.valid ? [] : result.problems });
  }
  return checked;
}

/** `  file: /path: message` for every problem, with the command that fixes a missing reference. */
export function problemLines(checked: readonly Checked[]): string[] {
  return checked.flatMap((item) =>
    item.problems.map((problem) => {
      const hint = referenceHint(item.definition, problem.path, problem.message);
      return `  ${item.source}: ${problem.path || '/'}: ${problem.message}${hint ? ` (${hint})` : ''}`;
    }),
  );
}

/** Workflows name their API key and credentials; a missing one is created under that name. */
function referenceHint(definition: JsonObject, path: string, message: string): string | undefined {
  const name = valueAt(definition, pointerPath(path));
  // Only when the problem is about that name (a missing key), not, say, its format.
  if (typeof name !== 'string' || !message.includes(`"${name}"`)) return undefined;
  if (path === '/trigger/apiKeyName') return `create it: hookflow keys create ${name}`;
  if (/^\/nodes\/\d+\/credential$/.test(path)) return `create it: hookflow credentials set ${name} --type <type>`;
  return undefined;
}

function pointerPath(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((token) => (/^\d+$/.test(token) ? Number(token) : token));
}
