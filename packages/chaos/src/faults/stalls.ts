import { now, sleep } from '../clock';
import type { ServiceName } from '../stack/infrastructure';
import type { LoadFault } from './fault';

/** The fault model's bound for a stalled dependency: an answer (503, or 2xx from a cache) within 5 s. */
export const STALL_ANSWER_LIMIT_MS = 5_000;

/**
 * Temporal or the database frozen with SIGSTOP: connections are accepted and then nothing answers, so only
 * the servers' own deadlines stand between a sender and a hang. Released with SIGCONT.
 */
export function stallFault(name: string, service: ServiceName): LoadFault {
  return {
    kind: 'load',
    name,
    async inject(ctx) {
      ctx.log(`SIGSTOP ${service}`);
      const from = now();
      ctx.infrastructure.stall(service);
      try {
        await sleep(ctx.profile.stallMs);
      } finally {
        ctx.infrastructure.resume(service);
      }
      const to = now();
      ctx.log(`SIGCONT ${service}`);
      return { healedAt: to, answerWithin: [{ window: { from, to }, limitMs: STALL_ANSWER_LIMIT_MS }] };
    },
  };
}
