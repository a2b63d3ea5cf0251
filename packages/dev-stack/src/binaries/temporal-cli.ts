import os from 'node:os';
import path from 'node:path';
import { hookflowCacheDir } from './cache-dir';
import { findOnPath } from './find-executable';
import { buildWithGo } from './go-build';

/** Later tags carry a `replace` directive and cannot be `go install`ed (README.md). */
export const TEMPORAL_CLI_VERSION = '1.5.1';

/** A `temporal` on PATH wins; otherwise the CLI is built once from the Go module proxy and cached. */
export async function resolveTemporalCli(log: (line: string) => void): Promise<string> {
  const onPath = findOnPath('temporal');
  if (onPath) return onPath;
  const output = path.join(hookflowCacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
  return buildWithGo({
    what: `Temporal CLI v${TEMPORAL_CLI_VERSION}`,
    output,
    // `go install pkg@version` must run outside any module.
    cwd: os.tmpdir(),
    args: () => ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`],
    env: (outDir) => ({ GOBIN: outDir }),
    log,
  });
}
