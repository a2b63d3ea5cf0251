import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Temporal workflow code imports the expression engine and the graph helpers; webpack bundles them
 * into a sandbox with no Node APIs. Their imports must stay within jsonata, re2js, type-only imports and
 * each other.
 */
const src = path.join(__dirname, '../../src');
const workflowSafe = [
  ...readdirSync(path.join(src, 'expressions')).map((file) => `expressions/${file}`),
  'graph/incoming-edges.ts',
  'graph/definition.ts',
  'graph/control-nodes.ts',
];
// re2js: pure JavaScript, no clock, no randomness (the linear-time regex engine of expressions).
const allowed = new Set(['jsonata', 're2js', '@hookflow/sdk/errors']);

function runtimeImports(file: string): string[] {
  const text = readFileSync(path.join(src, file), 'utf8');
  return [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((match) => match[1]!);
}

describe('workflow-safe modules', () => {
  it.each(workflowSafe)('%s imports nothing Node-specific', (file) => {
    const outside = runtimeImports(file).filter((specifier) => !specifier.startsWith('./') && !allowed.has(specifier));
    expect(outside).toEqual([]);
  });
});
