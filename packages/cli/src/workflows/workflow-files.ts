import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { JsonObject } from '../api/types';
import { CliError, UsageError } from '../errors';

const EXTENSIONS = ['.yaml', '.yml', '.json'];

/** One workflow read from a file (a YAML file may hold several documents separated by `---`). */
export interface WorkflowFile {
  /** Where it came from, as the user named it: `examples/workflows/order-alert.yaml`, `…#2` for a later document. */
  source: string;
  name: string;
  body: JsonObject;
}

/**
 * Reads workflow files: each path is a file, or a directory searched recursively for `.yaml`, `.yml` and
 * `.json` files (in name order). Every problem of every file is reported at once.
 */
export async function readWorkflowFiles(paths: readonly string[], cwd: string): Promise<WorkflowFile[]> {
  const files: string[] = [];
  for (const given of paths) files.push(...(await expand(given, cwd)));
  const workflows: WorkflowFile[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const display = displayPath(file, cwd);
    const text = await readFile(file, 'utf8');
    const documents = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true });
    const list = Array.isArray(documents) ? documents : [documents];
    list.forEach((document, index) => {
      const source = list.length > 1 ? `${display}#${index + 1}` : display;
      if (document.errors.length > 0) {
        for (const error of document.errors) problems.push(`  ${source}: ${error.message.split('\n')[0]}`);
        return;
      }
      const body: unknown = document.toJS({ maxAliasCount: 100 });
      if (body === null || body === undefined) return; // an empty document, e.g. after a trailing `---`
      if (typeof body !== 'object' || Array.isArray(body)) {
        problems.push(`  ${source}: a workflow file holds a mapping (name, trigger, nodes, edges)`);
      } else if (typeof (body as JsonObject).name !== 'string') {
        problems.push(`  ${source}: /name: a workflow needs a name`);
      } else {
        workflows.push({ source, name: (body as JsonObject).name as string, body: body as JsonObject });
      }
    });
  }
  if (problems.length > 0) throw new CliError('cannot read the workflow files', problems);
  rejectDuplicates(workflows);
  if (workflows.length === 0) throw new UsageError(`no workflows in ${paths.join(', ')}`);
  return workflows;
}

/** Relative to the working directory when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

async function expand(given: string, cwd: string): Promise<string[]> {
  const absolute = path.resolve(cwd, given);
  let info;
  try {
    info = await stat(absolute);
  } catch {
    throw new UsageError(`${given}: no such file or directory`);
  }
  if (info.isFile()) return [absolute];
  const entries = await readdir(absolute, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && EXTENSIONS.includes(path.extname(entry.name)))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function rejectDuplicates(workflows: readonly WorkflowFile[]): void {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const workflow of workflows) {
    const first = seen.get(workflow.name);
    if (first) problems.push(`  "${workflow.name}" is defined in ${first} and in ${workflow.source}`);
    else seen.set(workflow.name, workflow.source);
  }
  if (problems.length > 0) throw new CliError('a workflow name is defined twice', problems);
}
