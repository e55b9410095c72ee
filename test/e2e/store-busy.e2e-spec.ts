/**
 * Another writer holds the ledger's write lock longer than the API may wait (issue 12): the
 * command is 503 with Retry-After, recorded nowhere, while reads and /health keep answering.
 */
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { LOCK_CLASS, WRITE_LOCK_ID } from '../../libs/event-store/src/postgres/postgres-schema';
import { TEST_LEDGER_KIND } from '../support/test-ledgers';
import { participantPath, startApi, type TestApi } from './support/api-harness';
import * as c from './support/commands';

let api: TestApi;

beforeAll(async () => {
  process.env.LEDGER_LOCK_TIMEOUT_MS = '400';
  try {
    api = await startApi('store-busy');
  } finally {
    delete process.env.LEDGER_LOCK_TIMEOUT_MS;
  }
  await api.command('admin', c.registerStudy('S-B')).expect(201);
  await api.command('coordinator', c.recordConsent({ studyId: 'S-B', participantId: 'P1' })).expect(201);
});
afterAll(() => api.close());

/** Takes the ledger's write lock from outside, as another process's long transaction would. */
async function holdWriteLock(): Promise<() => Promise<void>> {
  if (TEST_LEDGER_KIND === 'sqlite') {
    const db = new Database(api.storeSpec.slice('sqlite:'.length));
    db.exec('BEGIN IMMEDIATE');
    return async () => {
      db.exec('ROLLBACK');
      db.close();
    };
  }
  const client = new Client({ connectionString: api.storeSpec });
  await client.connect();
  await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${LOCK_CLASS}, ${WRITE_LOCK_ID})`);
  return async () => {
    await client.query('ROLLBACK');
    await client.end();
  };
}

it('answers 503 with Retry-After while the lock is held, then takes the same command', async () => {
  const release = await holdWriteLock();
  const command = c.withId('c-busy', c.recordConsent({ studyId: 'S-B', participantId: 'P2' }));
  try {
    const res = await api.command('coordinator', command).expect(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toEqual({ error: 'STORE_BUSY', message: expect.stringMatching(/locked|lock/) });
    await api.get(participantPath('S-B', 'P1')).expect(200);
    await api.http().get('/health').expect(200);
  } finally {
    await release();
  }
  // Nothing was recorded: the same commandId is judged afresh and accepted.
  await api.command('coordinator', command).expect(201);
});
