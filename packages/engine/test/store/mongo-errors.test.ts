import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/errors/engine-errors';
import { withMongoErrors } from '../../src/store/mongo-errors';

/** A database that goes away mid-command must be answered 503 `unavailable`, never 500. */
describe('withMongoErrors', () => {
  it('turns a socket error the driver passes on unwrapped (EPIPE while the database stops) into unavailable', async () => {
    // What the MongoDB driver threw when FerretDB was stopped under load (found by `npm run chaos`).
    const epipe = Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
    await expect(withMongoErrors(() => Promise.reject(epipe))).rejects.toBeInstanceOf(UnavailableError);
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    await expect(withMongoErrors(() => Promise.reject(reset))).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('turns a full connection pool (no connection free within waitQueueTimeoutMS) into unavailable', async () => {
    // The driver does not export its class; its name is what identifies it.
    const fullPool = Object.assign(new Error('Timed out while checking out a connection from connection pool'), {
      name: 'MongoWaitQueueTimeoutError',
    });
    await expect(withMongoErrors(() => Promise.reject(fullPool))).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('leaves other errors alone', async () => {
    const bug = new TypeError('not a database problem');
    await expect(withMongoErrors(() => Promise.reject(bug))).rejects.toBe(bug);
    const duplicate = Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
    await expect(withMongoErrors(() => Promise.reject(duplicate))).rejects.toBe(duplicate);
  });
});
