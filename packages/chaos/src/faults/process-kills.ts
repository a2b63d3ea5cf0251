import { now, sleep } from '../clock';
import type { SupervisedProcess } from '../stack/supervised-process';
import type { FaultContext, LoadFault } from './fault';

type Target = 'server' | 'worker';

/**
 * SIGKILL at random moments, each victim restarted after the profile's delay as a supervisor would. Servers
 * killed mid-request reset their connections: senders see that and retry (their 2xx answers are what counts).
 */
export function killFault(name: string, targets: readonly Target[]): LoadFault {
  return {
    kind: 'load',
    name,
    async inject(ctx) {
      const restarts: Promise<void>[] = [];
      for (let kill = 0; kill < ctx.profile.kills; kill++) {
        // Each target at its own random moment: a worker mid-task, a server mid-request.
        const rounds = targets.map(async (target) => {
          await sleep(Math.random() * ctx.profile.killSpreadMs);
          const victim = pick(ctx, target);
          ctx.log(`SIGKILL ${victim.name}`);
          await victim.kill();
          await sleep(ctx.profile.restartDelayMs);
          await victim.start();
          ctx.log(`${victim.name} restarted`);
        });
        restarts.push(...rounds);
        await Promise.all(rounds);
      }
      await Promise.all(restarts);
      return { healedAt: now(), allowNetworkErrors: targets.includes('server') };
    },
  };
}

function pick(ctx: FaultContext, target: Target): SupervisedProcess {
  const pool = target === 'server' ? ctx.cluster.servers.map((server) => server.process) : ctx.cluster.workers;
  return pool[Math.floor(Math.random() * pool.length)] as SupervisedProcess;
}
