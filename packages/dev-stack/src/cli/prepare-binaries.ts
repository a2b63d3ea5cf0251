import { resolveDatabaseBinary } from '../binaries/database-server';
import { resolveTemporalCli } from '../binaries/temporal-cli';

/**
 * Builds (or finds) the Temporal CLI and the database server ahead of time, so CI can time the cold
 * builds apart from the tests. `npm run dev` and `npm test` do the same on demand.
 */
async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  const started = Date.now();
  const temporal = process.env.TEMPORAL_ADDRESS ? 'external (TEMPORAL_ADDRESS)' : await resolveTemporalCli(log);
  const database = process.env.MONGODB_URI ? 'external (MONGODB_URI)' : (await resolveDatabaseBinary(log)).path;
  console.log(`temporal: ${temporal}\ndatabase: ${database}\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
