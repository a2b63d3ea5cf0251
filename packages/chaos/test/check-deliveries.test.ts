import { describe, expect, it } from 'vitest';
import { checkDeliveries } from '../src/invariants/check-deliveries';
import type { RunInfo } from '../src/invariants/temporal-runs';
import { Violations } from '../src/invariants/violations';
import type { Attempt, Delivery } from '../src/senders/records';

/**
 * The checks must catch what they promise to catch: a harness whose checker passes everything would prove
 * nothing. Records here are what senders write; runs are what Temporal lists.
 */
const WF = 'wf_0123456789abcdef01234567';

function attempt(overrides: Partial<Attempt>): Attempt {
  return { server: 0, sentAt: 1_000, answeredAt: 1_050, ...overrides };
}

function delivery(key: string | undefined, attempts: Attempt[]): Delivery {
  const success = attempts.find((a) => a.status !== undefined && a.status < 300);
  return {
    workflowId: WF,
    ownKey: key,
    key,
    attempts,
    outcome: success ? (success.status === 202 ? 'accepted' : 'duplicate') : 'gave-up',
  };
}

function accepted(key: string, overrides: Partial<Attempt> = {}): Attempt {
  return attempt({ status: 202, sentKey: key, executionId: `${WF}:${key}`, answerStatus: 'accepted', ...overrides });
}

function run(key: string, status = 'COMPLETED'): RunInfo {
  return { executionId: `${WF}:${key}`, runId: `run-${key}-${Math.random()}`, status };
}

function check(deliveries: Delivery[], runs: RunInfo[], expectations = {}) {
  const violations = new Violations();
  const figures = checkDeliveries(deliveries, runs, { requireSuccess: true, ...expectations }, violations);
  return { figures, kinds: violations.list().map((v) => v.invariant) };
}

describe('the chaos invariants', () => {
  it('pass a clean record: each 2xx with one completed run', () => {
    const { figures, kinds } = check(
      [delivery('a', [accepted('a')]), delivery('b', [accepted('b')])],
      [run('a'), run('b')],
    );
    expect(kinds).toEqual([]);
    expect(figures).toMatchObject({ requests: 2, success: 2, runs: 2, duplicates: 0, lost: 0 });
  });

  it('flag a 2xx without a run, a second run of one key, and a run that did not complete', () => {
    const { figures, kinds } = check(
      [delivery('a', [accepted('a')]), delivery('b', [accepted('b')]), delivery('c', [accepted('c')])],
      [run('b'), run('b'), run('c', 'FAILED')],
    );
    expect(figures).toMatchObject({ lost: 1, duplicates: 1 });
    expect(kinds).toEqual(
      expect.arrayContaining([
        '2xx without a run in Temporal (lost)',
        'a delivery key ran more than once',
        'accepted run did not complete',
      ]),
    );
  });

  it('flag a 503 without Retry-After or without the delivery key, and a sender that never got through', () => {
    const refused = attempt({ status: 503, sentKey: 'a', errorCode: 'unavailable' });
    const { kinds } = check([delivery('a', [refused])], []);
    expect(kinds).toEqual(
      expect.arrayContaining([
        '503 without a usable Retry-After',
        '503 without the delivery key (Idempotency-Key header)',
        '503 without the delivery key in the body',
        'a retrying sender never got a 2xx (no recovery)',
      ]),
    );
    const proper = attempt({ status: 503, sentKey: 'b', retryAfter: '5', answerKeyHeader: 'b', answerKeyBody: 'b' });
    expect(check([delivery('b', [proper, accepted('b')])], [run('b')]).kinds).toEqual([]);
  });

  it('flag a 2xx while Temporal was down, a slow answer under a stall, a hang, and a refused valid delivery', () => {
    const { kinds } = check(
      [
        delivery('a', [accepted('a', { sentAt: 2_000, answeredAt: 2_010 })]),
        delivery('b', [attempt({ sentKey: 'b', sentAt: 2_000, answeredAt: 7_500, status: 503, retryAfter: '1' })]),
        delivery('c', [attempt({ sentKey: 'c', failure: 'timeout', answeredAt: 11_000 })]),
        delivery('d', [attempt({ sentKey: 'd', status: 401 })]),
      ],
      [run('a')],
      {
        noSuccess: [{ from: 1_500, to: 3_000 }],
        answerWithin: [{ window: { from: 1_500, to: 3_000 }, limitMs: 5_000 }],
      },
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        '2xx while Temporal was down',
        'not answered within 5 s while stalled',
        'no answer within the sender timeout (hang)',
        'a valid delivery was refused (4xx)',
      ]),
    );
  });
});
