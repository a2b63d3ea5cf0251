import { randomBytes } from 'node:crypto';
import { now, sleep } from '../clock';
import { isSuccess, type Attempt, type Delivery } from '../senders/records';
import { sendAttempt, type SenderSettings } from '../senders/sender';
import type { ScenarioFault } from './fault';

/** A change made on one instance reaches every other within these bounds (workflows 2 s, API keys 5 s). */
export const WORKFLOW_CHANGE_BOUND_MS = 2_000;
export const KEY_REVOCATION_BOUND_MS = 5_000;
const PROBE_INTERVAL_MS = 50;

/** The same delivery key sent to both servers at the same instant, again and again: one run each. */
export function duplicateToBoth(): ScenarioFault {
  return {
    kind: 'scenario',
    name: 'two servers: same key to both at once',
    async run(ctx, violations) {
      const workflowId = await ctx.admin[0]?.createWorkflow(`chaos-dup-${suffix()}`, ctx.sharedKey.name);
      if (!workflowId) throw new Error('no server to set up on');
      const deliveries: Delivery[] = [];
      const run = suffix();
      for (let pair = 0; pair < ctx.profile.duplicatePairs; pair++) {
        const key = `dup-${run}-${pair}`;
        const answers = await Promise.all(
          ctx.cluster.servers.map((server) => sendAttempt(ctx.senders, server.index, workflowId, key, { n: pair })),
        );
        for (const attempt of answers) deliveries.push(singleAttempt(workflowId, key, attempt));
        if (!answers.every((attempt) => isSuccess(attempt.status))) {
          violations.add(
            'a duplicate sent to both servers was not answered 2xx by both',
            `${key}: ${answers.map((a) => a.status ?? a.failure).join(' / ')}`,
          );
        }
        const accepted = answers.filter((attempt) => attempt.status === 202).length;
        if (accepted > 1) violations.add('both servers answered 202 accepted for one key', key);
      }
      const keys = new Set(deliveries.map((delivery) => `${workflowId}:${delivery.key}`));
      return { deliveries, runs: await ctx.listRuns(workflowId, keys), recovery: '-' };
    },
  };
}

type Change = 'disable' | 'delete' | 'revoke';

const EXPECTED: Record<Change, { status: number; bound: number; what: string }> = {
  disable: { status: 409, bound: WORKFLOW_CHANGE_BOUND_MS, what: 'a disabled workflow' },
  delete: { status: 404, bound: WORKFLOW_CHANGE_BOUND_MS, what: 'a deleted workflow' },
  revoke: { status: 401, bound: KEY_REVOCATION_BOUND_MS, what: 'a revoked key' },
};

/**
 * An admin change made on server 0 while server 1 keeps receiving deliveries: server 0 honours it at once,
 * server 1 within the bound. The change comes at a random moment, so server 1's cache entries are of any age.
 */
export function changeOnOneInstance(change: Change): ScenarioFault {
  const expected = EXPECTED[change];
  return {
    kind: 'scenario',
    name: `two servers: ${change} honoured by the other`,
    async run(ctx, violations) {
      const origin = ctx.admin[0];
      if (!origin) throw new Error('no server to make the change on');
      // A key of its own when it is the one revoked: the other scenarios go on using the shared one.
      const revoked = change === 'revoke' ? await origin.createKey(`chaos-revoke-${suffix()}`) : undefined;
      const key = revoked ?? ctx.sharedKey;
      const workflowId = await origin.createWorkflow(`chaos-${change}-${suffix()}`, key.name);
      const senders: SenderSettings = { ...ctx.senders, apiKey: key.key };
      const deliveries: Delivery[] = [];
      const run = suffix();
      let n = 0;
      const probe = async (server: number): Promise<Attempt> => {
        const deliveryKey = `${change}-${run}-${n++}`;
        const attempt = await sendAttempt(senders, server, workflowId, deliveryKey, { n });
        deliveries.push(singleAttempt(workflowId, deliveryKey, attempt));
        return attempt;
      };

      // Both instances have served the workflow and the key: their caches hold them.
      for (const server of [0, 1]) {
        const warm = await probe(server);
        if (!isSuccess(warm.status)) {
          violations.add('a valid delivery was refused before any change', `server-${server}: ${warm.status}`);
        }
      }
      let probing = true;
      const otherInstance = (async () => {
        while (probing) {
          await probe(1);
          await sleep(PROBE_INTERVAL_MS);
        }
      })();
      await sleep(Math.random() * 1_500);

      if (change === 'disable') await origin.setEnabled(workflowId, false);
      else if (change === 'delete') await origin.deleteWorkflow(workflowId);
      else if (revoked) await origin.revokeKey(revoked.id);
      const changedAt = now();

      const immediate = await probe(0);
      if (immediate.status !== expected.status) {
        violations.add(
          `${change} not in effect at once on the instance that made it`,
          `server-0 answered ${immediate.status ?? immediate.failure}, expected ${expected.status}`,
        );
      }
      await sleep(expected.bound + 1_000);
      probing = false;
      await otherInstance;

      const after = deliveries
        .flatMap((delivery) => delivery.attempts)
        .filter((attempt) => attempt.server === 1 && attempt.sentAt > changedAt);
      const lastSuccess = Math.max(
        0,
        ...after.filter((attempt) => isSuccess(attempt.status)).map((attempt) => attempt.sentAt - changedAt),
      );
      for (const attempt of after) {
        const late = attempt.sentAt - changedAt > expected.bound;
        if (late && isSuccess(attempt.status)) {
          violations.add(
            `${expected.what} still accepted by the other instance after ${expected.bound / 1000} s`,
            `server-1 answered ${attempt.status} ${((attempt.sentAt - changedAt) / 1000).toFixed(2)} s after the change`,
          );
        } else if (!isSuccess(attempt.status) && attempt.status !== expected.status && attempt.status !== 429) {
          violations.add(
            `unexpected answer for ${expected.what}`,
            `server-1 answered ${attempt.status ?? attempt.failure} ${attempt.errorCode ?? ''}`,
          );
        }
      }
      const keys = new Set(
        deliveries
          .filter((delivery) => delivery.attempts.some((attempt) => isSuccess(attempt.status)))
          .map((delivery) => `${workflowId}:${delivery.key}`),
      );
      return {
        deliveries,
        runs: await ctx.listRuns(workflowId, keys),
        recovery: `≤ ${(lastSuccess / 1000).toFixed(2)} s`,
        note: `${change}: last 2xx on the other instance ${(lastSuccess / 1000).toFixed(2)} s after the change (bound ${expected.bound / 1000} s)`,
      };
    },
  };
}

function singleAttempt(workflowId: string, key: string, attempt: Attempt): Delivery {
  return {
    workflowId,
    ownKey: key,
    key,
    attempts: [attempt],
    outcome: isSuccess(attempt.status) ? (attempt.status === 202 ? 'accepted' : 'duplicate') : 'refused',
  };
}

function suffix(): string {
  return randomBytes(3).toString('hex');
}
