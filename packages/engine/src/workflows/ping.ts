import { proxyActivities } from '@temporalio/workflow';
import type { PingActivities } from '../activities/ping';

const { ping } = proxyActivities<PingActivities>({ startToCloseTimeout: '10 seconds' });

/** A trivial round trip through a worker, used to prove the stack executes workflows end to end. */
export async function pingWorkflow(name: string): Promise<string> {
  return ping(name);
}
