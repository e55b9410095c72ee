/**
 * Faults in the store (issue 12): a stored row that cannot be read fails only what reads it, and
 * says what and where; everything else keeps answering.
 */
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { openEventStore } from '../../libs/event-store/src';
import { CommandPipeline, systemClock } from '../../libs/ledger/src';
import { TEST_LEDGER_KIND } from '../support/test-ledgers';
import { participantPath, startApi, type TestApi } from './support/api-harness';
import * as c from './support/commands';

let api: TestApi;

/** Runs one SQL statement on the API's ledger, behind the ledger's back, as a tamperer would. */
async function tamper(sql: string): Promise<void> {
  if (TEST_LEDGER_KIND === 'sqlite') {
    const db = new Database(api.storeSpec.slice('sqlite:'.length));
    try {
      db.prepare(sql).run();
    } finally {
      db.close();
    }
    return;
  }
  const client = new Client({ connectionString: api.storeSpec });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  api = await startApi('store-faults');
  await api.command('admin', c.registerStudy('S-F')).expect(201);
  // Written by another process, so that this API has not folded them yet.
  const other = openEventStore(api.storeSpec);
  const pipeline = new CommandPipeline(other, systemClock);
  const coordinator = { kind: 'http', principal: { id: 'coord-02', role: 'coordinator' } } as const;
  for (const participantId of ['P-BAD', 'P-OK'])
    await pipeline.execute(c.recordConsent({ studyId: 'S-F', participantId }), coordinator);
  await other.close();
  await tamper("UPDATE events SET metadata = '{\"actor\":' WHERE stream_id = 'participant-S-F.P-BAD'");
});
afterAll(() => api.close());

it('answers a read of the corrupt participant with a 500 that names the event, and nothing else', async () => {
  for (const path of [participantPath('S-F', 'P-BAD'), `${participantPath('S-F', 'P-BAD')}/history`]) {
    const res = await api.get(path).expect(500);
    expect(res.body).toEqual({
      error: 'STORED_EVENT_CORRUPT',
      message: expect.stringMatching(
        /^stored event at position \d+ in stream participant-S-F\.P-BAD revision 0 is corrupt: its metadata column is not JSON/,
      ),
    });
  }
  await api.get(participantPath('S-F', 'P-OK')).expect(200);
  await api.get(`${participantPath('S-F', 'P-OK')}/history`).expect(200);
  await api.http().get('/health').expect(200);
});

it('refuses a command on the corrupt stream and takes the others', async () => {
  const res = await api
    .command('coordinator', c.recordConsent({ studyId: 'S-F', participantId: 'P-BAD' }, '2024-02-01'))
    .expect(500);
  expect(res.body.error).toBe('STORED_EVENT_CORRUPT');
  await api.command('coordinator', c.recordConsent({ studyId: 'S-F', participantId: 'P-NEW' })).expect(201);
});
