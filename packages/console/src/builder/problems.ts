import type { ErrorSchema } from '@rjsf/utils';
import type { Problem } from '../api/types';

/** Where a validation problem belongs in the builder, from its JSON Pointer into the definition. */
export type ProblemPlace =
  | { kind: 'node'; index: number; rest: string[] }
  | { kind: 'edge'; index: number }
  | { kind: 'trigger'; rest: string[] }
  | { kind: 'inputSchema' }
  | { kind: 'workflow'; field: string };

export function placeOf(path: string): ProblemPlace {
  const parts = path
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [head, second, ...rest] = parts;
  if (head === 'nodes' && second !== undefined && /^[0-9]+$/.test(second)) {
    return { kind: 'node', index: Number(second), rest };
  }
  if (head === 'edges' && second !== undefined && /^[0-9]+$/.test(second))
    return { kind: 'edge', index: Number(second) };
  if (head === 'trigger') return { kind: 'trigger', rest: second === undefined ? [] : [second, ...rest] };
  if (head === 'inputSchema') return { kind: 'inputSchema' };
  return { kind: 'workflow', field: head ?? '' };
}

/** The problems of node `index`. */
export function nodeProblems(problems: Problem[], index: number): { problem: Problem; rest: string[] }[] {
  return problems.flatMap((problem) => {
    const place = placeOf(problem.path);
    return place.kind === 'node' && place.index === index ? [{ problem, rest: place.rest }] : [];
  });
}

/** Problems under `/params` (or the trigger's `/config`) as rjsf's error schema, so each shows on its field. */
export function fieldErrors(problems: { problem: Problem; rest: string[] }[], root: string): ErrorSchema {
  const errors: Record<string, unknown> = {};
  for (const { problem, rest } of problems) {
    if (rest[0] !== root) continue;
    let target = errors;
    for (const segment of rest.slice(1)) {
      target = (target[segment] ??= {}) as Record<string, unknown>;
    }
    ((target.__errors ??= []) as string[]).push(problem.message);
  }
  return errors as ErrorSchema;
}
