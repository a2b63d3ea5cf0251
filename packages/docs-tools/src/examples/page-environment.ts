import { mkdir, mkdtemp, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../docs-location';

export interface PageEnvironment {
  /** The page's working directory: empty but for `examples/` (linked from the repository). */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * What a page's runnable blocks start with (docs/README.md, "Examples that run"): a fresh directory and
 * home, the repository's `node_modules/.bin` on `PATH`, and the variables a reader sets after `npm run dev`.
 */
export async function pageEnvironment(server: { baseUrl: string; adminToken: string }): Promise<PageEnvironment> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'hookflow-docs-'));
  const home = path.join(cwd, '.home');
  await mkdir(home);
  await symlink(path.join(REPO_ROOT, 'examples'), path.join(cwd, 'examples'));
  return {
    cwd,
    env: {
      PATH: `${path.join(REPO_ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      HOME: home,
      LANG: 'C.UTF-8',
      TERM: 'dumb',
      NO_COLOR: '1',
      HOOKFLOW_URL: server.baseUrl,
      HOOKFLOW_ADMIN_TOKEN: server.adminToken,
      API: `${server.baseUrl}/api/v1`,
      TOKEN: server.adminToken,
    },
  };
}
