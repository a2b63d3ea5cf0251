import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the built console is: `dist/` of the `@hookflow/console` package, or undefined when it is not built
 * (or not installed, e.g. a server-only image). The server then answers `/` with 404 `console_not_built`.
 */
export function consoleDirectory(): string | undefined {
  let packageJson: string;
  try {
    packageJson = require.resolve('@hookflow/console/package.json');
  } catch {
    return undefined;
  }
  const dist = path.join(path.dirname(packageJson), 'dist');
  return existsSync(path.join(dist, 'index.html')) ? dist : undefined;
}
