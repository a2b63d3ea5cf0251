import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hookflowCacheDir } from './cache-dir';
import { findOnPath } from './find-executable';
import { buildWithGo } from './go-build';

export const FERRETDB_VERSION = '1.24.2';

/** Our small Go main that embeds FerretDB (packages/dev-stack/ferretdb). */
export const FERRETDB_SOURCE_DIR = path.resolve(__dirname, '..', '..', 'ferretdb');

export type DatabaseBinary = { kind: 'mongod'; path: string } | { kind: 'ferretdb'; path: string };

/** A real `mongod` on PATH wins; otherwise FerretDB with its SQLite backend, built once and cached. */
export async function resolveDatabaseBinary(log: (line: string) => void): Promise<DatabaseBinary> {
  const mongod = findOnPath('mongod');
  if (mongod) return { kind: 'mongod', path: mongod };
  // Keyed by version and by our sources, so editing the Go main rebuilds it.
  const output = path.join(hookflowCacheDir(), `ferretdb-${FERRETDB_VERSION}-${sourceHash()}`, 'hookflow-ferretdb');
  const built = await buildWithGo({
    what: `FerretDB v${FERRETDB_VERSION}`,
    output,
    cwd: FERRETDB_SOURCE_DIR,
    args: (outDir) => ['build', '-trimpath', '-o', path.join(outDir, 'hookflow-ferretdb'), '.'],
    log,
  });
  return { kind: 'ferretdb', path: built };
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(path.join(FERRETDB_SOURCE_DIR, file)));
  return hash.digest('hex').slice(0, 12);
}
