import { TriggerError } from '@hookflow/sdk';
import { expect } from 'vitest';

/** The TriggerError `promise` rejects with; fails the test when it resolves or rejects otherwise. */
export async function refusalOf(promise: Promise<unknown>): Promise<TriggerError> {
  const outcome = await promise.then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ rejected: error }),
  );
  if ('resolved' in outcome) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.resolved)}`);
  expect(outcome.rejected).toBeInstanceOf(TriggerError);
  return outcome.rejected as TriggerError;
}
