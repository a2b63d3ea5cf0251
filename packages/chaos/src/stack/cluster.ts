import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { findFreePort } from '@hookflow/dev-stack';
import type { Infrastructure } from './infrastructure';
import { SupervisedProcess, type UnexpectedExit } from './supervised-process';

export interface ServerInstance {
  index: number;
  baseUrl: string;
  process: SupervisedProcess;
}

/**
 * Two servers and two workers, each a process of its own running the production entry points, configured
 * only through the environment as an operator would, sharing one Temporal and one database.
 */
export class Cluster {
  readonly unexpectedExits: UnexpectedExit[] = [];

  private constructor(
    readonly servers: ServerInstance[],
    readonly workers: SupervisedProcess[],
    readonly adminToken: string,
  ) {}

  static async start(
    infrastructure: Infrastructure,
    home: string,
    counts = { servers: 2, workers: 2 },
  ): Promise<Cluster> {
    const adminToken = randomBytes(24).toString('hex');
    const common: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOOKFLOW_ADMIN_TOKEN: adminToken,
      MONGODB_URI: `${infrastructure.mongodbUri}/hookflow-chaos`,
      TEMPORAL_ADDRESS: infrastructure.temporalAddress,
      // The senders are the load under test; a rate limit would turn it into 429s that measure nothing here.
      HOOKFLOW_WEBHOOK_RATE_LIMIT: '0',
      HOOKFLOW_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'info',
    };
    const exits: UnexpectedExit[] = [];
    const onUnexpectedExit = (exit: UnexpectedExit) => exits.push(exit);

    const servers: ServerInstance[] = [];
    for (let index = 0; index < counts.servers; index++) {
      const port = await findFreePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      servers.push({
        index,
        baseUrl,
        process: new SupervisedProcess({
          name: `server-${index}`,
          entry: require.resolve('@hookflow/server/main'),
          env: { ...common, HOOKFLOW_PORT: String(port), HOOKFLOW_PUBLIC_URL: baseUrl },
          logFile: path.join(home, 'logs', `server-${index}.log`),
          // Live is enough after a restart: whether the dependencies answer is what the faults measure.
          ready: async () => (await fetch(`${baseUrl}/healthz`)).status === 200,
          onUnexpectedExit,
        }),
      });
    }
    const workers = Array.from(
      { length: counts.workers },
      (_, index) =>
        new SupervisedProcess({
          name: `worker-${index}`,
          entry: require.resolve('@hookflow/engine/worker'),
          env: common,
          logFile: path.join(home, 'logs', `worker-${index}.log`),
          ready: (lines) => Promise.resolve(lines.some((line) => line.includes('worker started'))),
          onUnexpectedExit,
        }),
    );
    const cluster = new Cluster(servers, workers, adminToken);
    (cluster as { unexpectedExits: UnexpectedExit[] }).unexpectedExits = exits;
    await Promise.all([...servers.map((server) => server.process.start()), ...workers.map((worker) => worker.start())]);
    // The first start waits for MongoDB and Temporal too, so the first phase does not measure a cold start.
    await Promise.all(servers.map((server) => waitForReadiness(server.baseUrl)));
    return cluster;
  }

  async close(): Promise<void> {
    await Promise.all([...this.servers.map((server) => server.process.close()), ...this.workers.map((w) => w.close())]);
  }
}

async function waitForReadiness(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await fetch(`${baseUrl}/readyz`).catch(() => undefined))?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${baseUrl}/readyz did not answer 200 within 60 s`);
}
