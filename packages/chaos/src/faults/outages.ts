import { now, sleep } from '../clock';
import { isSuccess, type Delivery } from '../senders/records';
import type { ServiceName } from '../stack/infrastructure';
import type { LoadFault } from './fault';

/**
 * Temporal or the database stopped (SIGTERM, as `docker stop` does) for the profile's outage, then started
 * again on the same port and data; the servers and workers are left alone: they must recover by themselves.
 */
export function outageFault(name: string, service: ServiceName): LoadFault {
  return {
    kind: 'load',
    name,
    async inject(ctx) {
      ctx.log(`stopping ${service}`);
      const stopping = now();
      await ctx.infrastructure.stopService(service);
      const downFrom = now();
      ctx.log(`${service} down (it took ${((downFrom - stopping) / 1000).toFixed(1)} s to stop)`);
      await sleep(ctx.profile.outageMs);
      const downTo = now();
      ctx.log(`starting ${service} again`);
      await ctx.infrastructure.startService(service);
      const healedAt = now();
      if (service === 'temporal') {
        // Nothing can be durably recorded while Temporal is down: any 2xx then is a lie.
        return { healedAt, noSuccess: [{ from: downFrom, to: downTo }] };
      }
      return {
        healedAt,
        // Cached workflows and keys may be served for as long as their cache entries live (seconds); that is
        // a figure, not a promise one could check from outside without knowing each cache's age.
        note: (deliveries: readonly Delivery[]) =>
          `${countSuccess(deliveries, stopping, downTo)} deliveries accepted between the stop signal and the ` +
          `restart, ${countSuccess(deliveries, downFrom, downTo)} of them (from caches) once the process was gone`,
      };
    },
  };
}

function countSuccess(deliveries: readonly Delivery[], from: number, to: number): number {
  return deliveries
    .flatMap((delivery) => delivery.attempts)
    .filter((attempt) => isSuccess(attempt.status) && attempt.sentAt >= from && attempt.answeredAt <= to).length;
}
