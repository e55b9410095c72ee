import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { runTs } from '../../../../test/support/child-process';
import { createTestLedger, type TestLedger } from '../../../../test/support/test-ledgers';
import { describeEventStoreContract, sleep, waitFor } from '../contract/event-store.contract';
import {
  CorruptEvent,
  RevisionConflict,
  StoreBusy,
  StoreFormatMismatch,
  StoreUnavailable,
  type CommandCommit,
  type NewEvent,
  type RecordedEvent,
} from '../event-store.port';
import { openEventStore } from '../store-from-env';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
import { LOCK_CLASS, WRITE_LOCK_ID } from './postgres-schema';

jest.setTimeout(60_000);

// PostgreSQL runs on every dev and CI machine: an unreachable server fails these tests, never skips them.
let ledger: TestLedger;
const opened: PostgresEventStore[] = [];

beforeAll(async () => {
  ledger = await createTestLedger('postgres', 'test');
});

afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await ledger?.dispose();
});

describeEventStoreContract('PostgreSQL', async () =>
  PostgresEventStore.connect(ledger.spec, { pollIntervalMs: 50, poolSize: 4 }),
);

const open = (options: PostgresEventStoreOptions = {}, url = ledger.spec): PostgresEventStore => {
  const store = PostgresEventStore.connect(url, { pollIntervalMs: 50, poolSize: 3, ...options });
  opened.push(store);
  return store;
};

/** A plain connection to the test database, for what the ledger itself would never do. */
const sql = async <T>(work: (client: Client) => Promise<T>, url = ledger.spec): Promise<T> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const newStudy = (): string => `S${randomUUID().slice(0, 8)}`;
const event = (studyId: string, type = 'ThingHappened', recordedAt = '2024-03-01T10:00:00.000000Z'): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data: { type, n: 1 },
  metadata: {
    actor: { id: 'u-1', role: 'investigator' },
    commandId: randomUUID(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    recordedAt,
    storedAt: new Date().toISOString(),
    studyId,
    prevHash: '',
    hash: 'x',
  },
});
const commitOf = (studyId: string, streamId: string, types = ['A']): CommandCommit => ({
  commandId: `c-${randomUUID()}`,
  envelopeHash: 'h1',
  studyId,
  recordedAt: '2024-03-01T10:00:00.000000Z',
  streamId,
  expectedRevision: 'no_stream',
  events: types.map((t) => event(studyId, t)),
});
const readAll = async (store: PostgresEventStore, studyId: string, fromPosition?: bigint) => {
  const out: RecordedEvent[] = [];
  for await (const e of store.readAll({ studyId, fromPosition })) out.push(e);
  return out;
};
const errorOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('PostgresEventStore: positions in commit order', () => {
  it('never lets a reader skip an event committed late under a lower position (8 writers x 50 appends)', async () => {
    const studyId = newStudy();
    const writers = Array.from({ length: 8 }, () => open({ poolSize: 2 }));
    const reader = open();
    const subscriber = open({ pollIntervalMs: 20 });
    const delivered: RecordedEvent[] = [];
    const subscription = subscriber.subscribeToAll((e) => void delivered.push(e), { studyId });
    await subscription.caughtUp;

    const written = new Set<string>();
    let writing = true;
    const write = async (w: number): Promise<void> => {
      for (let i = 0; i < 50; i += 1) {
        const streamId = `participant-${studyId}.w${w}-${i % 7}`;
        if (w % 2 === 0) {
          const e = event(studyId, `W${w}`);
          await writers[w]!.appendToStream(streamId, [e], { expectedRevision: 'any' });
          written.add(e.eventId);
        } else {
          // Half the writers go through commit, in groups, as the API's group committer does.
          const c = { ...commitOf(studyId, `${streamId}-${i}`, [`W${w}`]) };
          const [outcome] = await writers[w]!.commit([c]);
          expect(outcome?.kind).toBe('committed');
          written.add(c.events[0]!.eventId);
        }
      }
    };

    const seen: RecordedEvent[] = [];
    const seenIds = new Set<string>();
    let last = 0n;
    // Events that turned up, in a full read, at or below a position the follower had already
    // passed without them: exactly what a late commit under a lower position would be.
    const passedBy: RecordedEvent[] = [];
    const follow = async (): Promise<void> => {
      for await (const e of reader.readAll({ studyId, fromPosition: last })) {
        last = e.position;
        seen.push(e);
        seenIds.add(e.eventId);
      }
    };
    const audit = async (): Promise<void> => {
      const mark = last;
      for (const e of await readAll(reader, studyId))
        if (e.position <= mark && !seenIds.has(e.eventId)) passedBy.push(e);
    };
    const reading = (async () => {
      while (writing) {
        await follow();
        await audit();
      }
    })();
    await Promise.all(writers.map((_, w) => write(w)));
    writing = false;
    await reading;
    await follow();
    await audit();

    expect(passedBy).toEqual([]);
    expect(written.size).toBe(400);
    expect(seen.map((e) => e.eventId).sort()).toEqual([...written].sort());
    // Everything is in the log: a reader from the start finds exactly what the follower saw, in its order.
    expect((await readAll(reader, studyId)).map((e) => e.eventId)).toEqual(seen.map((e) => e.eventId));

    await waitFor(() => delivered.length >= 400, 10_000);
    await sleep(200);
    await subscription.close();
    expect(delivered.map((e) => e.eventId)).toEqual(seen.map((e) => e.eventId));
  });

  it('shows the trap the write lock closes: rows inserted around it become visible out of order', async () => {
    const studyId = newStudy();
    const reader = open();
    await reader.ready();
    const insert = (client: Client, name: string) =>
      client.query<{ position: string }>(
        `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, study_id, recorded_at)
         VALUES ($1, $2, 0, 'Raw', 1, '{}', '{}', $3, '2024-03-01T10:00:00.000000Z') RETURNING position`,
        [randomUUID(), `raw-${studyId}.${name}`, studyId],
      );
    const [a, b] = [new Client({ connectionString: ledger.spec }), new Client({ connectionString: ledger.spec })];
    await Promise.all([a.connect(), b.connect()]);
    try {
      // Without the lock: A draws the lower position, B commits first, a reader passes A by.
      await a.query('BEGIN');
      const lower = BigInt((await insert(a, 'a')).rows[0]!.position);
      await b.query('BEGIN');
      const higher = BigInt((await insert(b, 'b')).rows[0]!.position);
      await b.query('COMMIT');
      expect(higher).toBeGreaterThan(lower);
      const first = await readAll(reader, studyId);
      expect(first.map((e) => e.position)).toEqual([higher]);
      await a.query('COMMIT');
      expect(await readAll(reader, studyId, higher)).toEqual([]);
      expect((await readAll(reader, studyId)).map((e) => e.position)).toEqual([lower, higher]);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }

    // With the store: a writer that has drawn a position holds the lock until it commits, so the
    // next writer waits, draws a higher one and becomes visible after it.
    const [x, y] = [open(), open()];
    const s = `participant-${studyId}.locked`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let drawn = 0n;
    const batch = x.inBatch(async () => {
      drawn = (await x.appendToStream(s, [event(studyId, 'X')], { expectedRevision: 'no_stream' })).position;
      await held;
    });
    await waitFor(() => drawn > 0n);
    let settled = false;
    const later = y.appendToStream(s, [event(studyId, 'Y')], { expectedRevision: 'any' }).finally(() => {
      settled = true;
    });
    await sleep(300);
    expect(settled).toBe(false);
    expect((await reader.readStream(s)).map((e) => e.type)).toEqual([]);
    release();
    await batch;
    const y1 = await later;
    expect(y1.position).toBeGreaterThan(drawn);
    expect(y1.revisions).toEqual([1n]);
    expect((await reader.readStream(s)).map((e) => e.type)).toEqual(['X', 'Y']);
  });
});

describe('PostgresEventStore: commit', () => {
  it('records a commandId once when two processes race it, one command at a time or as a group', async () => {
    const studyId = newStudy();
    const ids = Array.from({ length: 20 }, () => `race-${randomUUID()}`);
    const startAt = Date.now() + 5000;
    const run = (name: string, mode: 'each' | 'group') =>
      runTs('libs/event-store/src/postgres/testing/commit-racer.ts', [
        JSON.stringify({
          url: ledger.spec,
          startAt,
          studyId,
          mode,
          commits: ids.map((commandId, i) => ({ commandId, streamId: `participant-${studyId}.${name}${i}` })),
        }),
      ]);
    const results = await Promise.all([run('a', 'each'), run('b', 'group')]);
    const [a, b] = results.map((r) => {
      if (r.code !== 0) throw new Error(`a racer process failed (${r.code}): ${r.stderr}`);
      return JSON.parse(r.stdout) as Record<string, string>;
    });
    const store = open();
    for (const id of ids) {
      expect([a![id], b![id]].sort()).toEqual(['committed', 'known']);
    }
    const events = await readAll(store, studyId);
    expect(events).toHaveLength(20);
    expect(new Set(events.map((e) => e.metadata.commandId))).toEqual(new Set(ids));
    const rows = await sql((c) => c.query('SELECT count(*)::int AS n FROM commands WHERE command_id = ANY($1)', [ids]));
    expect(rows.rows[0]).toEqual({ n: 20 });
  });

  it('turns one commit the database refuses into failed and still commits the others of its group', async () => {
    const studyId = newStudy();
    const store = open();
    const [x, bad, y] = [
      commitOf(studyId, `participant-${studyId}.x`),
      // PostgreSQL text cannot hold NUL: the group's statement fails, and then only this commit.
      commitOf(studyId, `participant-${studyId}.\u0000`),
      commitOf(studyId, `participant-${studyId}.y`),
    ];
    const outcomes = await store.commit([x, bad, y]);
    expect(outcomes.map((o) => o.kind)).toEqual(['committed', 'failed', 'committed']);
    expect(String((outcomes[1] as { error: unknown }).error)).toMatch(/0x00/);
    expect((await readAll(store, studyId)).map((e) => e.streamId)).toEqual([x.streamId, y.streamId]);
    expect(await store.findCommand(bad.commandId)).toBeUndefined();
    expect(await store.findCommand(y.commandId)).toMatchObject({ envelopeHash: 'h1' });
  });

  it('fails, alone, a commit whose event ids are already stored or repeated in its group (as SQLite does)', async () => {
    const studyId = newStudy();
    const store = open();
    const s = `participant-${studyId}.again`;
    const stored = commitOf(studyId, s, ['A', 'B']);
    await store.appendToStream(s, stored.events, { expectedRevision: 'no_stream' });
    const fresh = commitOf(studyId, `participant-${studyId}.fresh`);
    const twin = commitOf(studyId, `participant-${studyId}.twin`);
    const copy = { ...commitOf(studyId, `participant-${studyId}.copy`), events: twin.events };
    const outcomes = await store.commit([{ ...stored, expectedRevision: 'any' }, fresh, twin, copy]);
    expect(outcomes.map((o) => o.kind)).toEqual(['failed', 'committed', 'committed', 'failed']);
    expect(String((outcomes[0] as { error: unknown }).error)).toMatch(/duplicate key/);
    expect(await store.readStream(s)).toHaveLength(2);
    expect((await readAll(store, studyId)).map((e) => e.streamId)).toEqual([s, s, fresh.streamId, twin.streamId]);
    expect(await store.findCommand(stored.commandId)).toBeUndefined();
  });
});

describe('PostgresEventStore: inBatch', () => {
  it('commits the work as one transaction that only the work joins, and rolls it back when the work throws', async () => {
    const studyId = newStudy();
    const store = open();
    const outside = open();
    const s = `participant-${studyId}.batch`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inside: string[] = [];
    const batch = store.inBatch(async () => {
      await store.appendToStream(s, [event(studyId, 'A')], { expectedRevision: 'no_stream' });
      // A refused append (judged before anything is written) does not spoil the batch.
      await expect(store.appendToStream(s, [event(studyId, 'X')], { expectedRevision: 5n })).rejects.toBeInstanceOf(
        RevisionConflict,
      );
      await store.inBatch(() => store.appendToStream(s, [event(studyId, 'B')], { expectedRevision: 0n }));
      const [outcome] = await store.commit([commitOf(studyId, `${s}-c`)]);
      expect(outcome?.kind).toBe('committed');
      inside = (await store.readStream(s)).map((e) => e.type);
      await held;
      return 'done';
    });
    await waitFor(() => inside.length > 0);
    expect(inside).toEqual(['A', 'B']);
    expect(await outside.readStream(s)).toEqual([]);
    // A caller outside the work's context is no part of the batch: it waits for the lock.
    let settled = false;
    const after = store.appendToStream(s, [event(studyId, 'C')], { expectedRevision: 'any' }).finally(() => {
      settled = true;
    });
    await sleep(200);
    expect(settled).toBe(false);
    release();
    expect(await batch).toBe('done');
    expect((await after).revisions).toEqual([2n]);
    expect((await outside.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C']);

    const t = `participant-${studyId}.rolled-back`;
    await expect(
      store.inBatch(async () => {
        await store.appendToStream(t, [event(studyId, 'A')], { expectedRevision: 'no_stream' });
        throw new Error('import line 3 is broken');
      }),
    ).rejects.toThrow('import line 3 is broken');
    expect(await outside.readStream(t)).toEqual([]);

    // A statement the database refuses spoils the batch (no savepoint per write: see commitGroup),
    // and the batch, which acknowledged nothing, rolls back whole.
    const u = `participant-${studyId}.refused`;
    await expect(
      store.inBatch(async () => {
        await store.appendToStream(u, [event(studyId, 'A')], { expectedRevision: 'no_stream' });
        await expect(
          store.appendToStream(`${u}\u0000`, [event(studyId, 'X')], { expectedRevision: 'any' }),
        ).rejects.toThrow(/0x00/);
        await store.appendToStream(u, [event(studyId, 'B')], { expectedRevision: 0n });
      }),
    ).rejects.toThrow(/current transaction is aborted/);
    expect(await outside.readStream(u)).toEqual([]);
  });
});

describe('PostgresEventStore: failures', () => {
  it('gives up with StoreBusy when another client holds the write lock longer than lockTimeoutMs', async () => {
    const studyId = newStudy();
    const store = open({ lockTimeoutMs: 300 });
    const s = `participant-${studyId}.busy`;
    await store.appendToStream(s, [event(studyId, 'A')], { expectedRevision: 'no_stream' });
    const holder = new Client({ connectionString: ledger.spec });
    await holder.connect();
    try {
      await holder.query(`BEGIN; SELECT pg_advisory_xact_lock(${LOCK_CLASS}, ${WRITE_LOCK_ID})`);
      const started = Date.now();
      const busy = await errorOf(store.appendToStream(s, [event(studyId, 'B')], { expectedRevision: 0n }));
      expect(busy).toBeInstanceOf(StoreBusy);
      expect((busy as StoreBusy).retryAfterSeconds).toBe(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(Date.now() - started).toBeLessThan(3000);
      await expect(store.commit([commitOf(studyId, `${s}-c`)])).rejects.toBeInstanceOf(StoreBusy);
      // Reads take no lock.
      expect(await store.readStream(s)).toHaveLength(1);
      await holder.query('COMMIT');
      expect((await store.appendToStream(s, [event(studyId, 'B')], { expectedRevision: 0n })).revisions).toEqual([1n]);
    } finally {
      await holder.end();
    }
  });

  it('gives up with StoreBusy when a batch of this process holds the store longer than lockTimeoutMs', async () => {
    const studyId = newStudy();
    const store = open({ lockTimeoutMs: 200 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const batch = store.inBatch(async () => {
      started = true;
      await held;
    });
    await waitFor(() => started);
    await expect(
      store.appendToStream(`participant-${studyId}.x`, [event(studyId)], { expectedRevision: 'any' }),
    ).rejects.toBeInstanceOf(StoreBusy);
    release();
    await batch;
  });

  it('names the position and the stream of a row whose data was edited into something that is not JSON', async () => {
    const studyId = newStudy();
    const store = open();
    const [s, other] = [`participant-${studyId}.edited`, `participant-${studyId}.intact`];
    await store.appendToStream(s, [event(studyId, 'A'), event(studyId, 'B')], { expectedRevision: 'no_stream' });
    await store.appendToStream(other, [event(studyId, 'C')], { expectedRevision: 'no_stream' });
    const position = (await store.readStream(s))[1]!.position;
    await sql((c) => c.query(`UPDATE events SET data = '{"broken' WHERE position = $1`, [position]));

    const error = await errorOf(store.readStream(s));
    expect(error).toBeInstanceOf(CorruptEvent);
    expect((error as Error).message).toContain(`at position ${position} in stream ${s} revision 1`);
    expect((error as CorruptEvent).where).toEqual({ position, streamId: s, revision: 1n });
    await expect(readAll(store, studyId)).rejects.toBeInstanceOf(CorruptEvent);
    expect((await store.readStream(other)).map((e) => e.type)).toEqual(['C']);
  });

  it('refuses a database with an events table of no or another format, and creates the schema once when processes start together', async () => {
    const old = await createTestLedger('postgres', 'test_format');
    const fresh = await createTestLedger('postgres', 'test_fresh');
    const before = opened.length;
    try {
      await sql((c) => c.query('CREATE TABLE events (position bigint PRIMARY KEY, stream_id text)'), old.spec);
      const unversioned = open({}, old.spec);
      await expect(unversioned.ready()).rejects.toBeInstanceOf(StoreFormatMismatch);
      await expect(unversioned.lastPosition()).rejects.toThrow(
        /holds an events table but no Trial Ledger format version/,
      );
      await sql(
        (c) =>
          c.query(
            "CREATE TABLE ledger_meta (key text PRIMARY KEY, value text); INSERT INTO ledger_meta VALUES ('format_version', '1')",
          ),
        old.spec,
      );
      await expect(open({}, old.spec).appendToStream('s', [event('S')], { expectedRevision: 'any' })).rejects.toThrow(
        /is a Trial Ledger store of format 1; this ledger reads format 2 only/,
      );

      const starters = Array.from({ length: 6 }, () => open({ poolSize: 1 }, fresh.spec));
      await Promise.all(starters.map((s) => s.ready()));
      const meta = await sql((c) => c.query('SELECT key, value FROM ledger_meta'), fresh.spec);
      expect(meta.rows).toEqual([{ key: 'format_version', value: '2' }]);
      expect(await starters[0]!.lastPosition()).toBe(0n);
    } finally {
      for (const store of opened.splice(before)) await store.close();
      await old.dispose();
      await fresh.dispose();
    }
  });

  it('turns a server it cannot reach, or a database that does not exist, into StoreUnavailable without the password', async () => {
    const unreachable = open({ connectTimeoutMs: 2000 }, 'postgres://ledger:hunter2@127.0.0.1:1/trials');
    const error = await errorOf(unreachable.lastPosition());
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toContain('ledger@127.0.0.1:1/trials');
    expect((error as Error).message).not.toContain('hunter2');
    // The next use tries again rather than remembering the failure.
    await expect(unreachable.readStream('s')).rejects.toBeInstanceOf(StoreUnavailable);

    const url = new URL(ledger.spec);
    url.pathname = `/ledger_missing_${randomUUID().slice(0, 8)}`;
    await expect(open({}, url.toString()).lastPosition()).rejects.toThrow(StoreUnavailable);
    expect(() => PostgresEventStore.connect('postgres://[not a host')).toThrow(StoreUnavailable);
  });

  it('turns a connection the server drops mid-batch into StoreUnavailable, whatever the driver says, and recovers', async () => {
    const studyId = newStudy();
    const store = open();
    const s = `participant-${studyId}.dropped`;
    const error = await errorOf(
      store.inBatch(async () => {
        await store.appendToStream(s, [event(studyId)], { expectedRevision: 'no_stream' });
        // The batch's connection sits idle in its transaction: the server ends it, as a restart would.
        await sql((c) =>
          c.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'trial-ledger' AND state = 'idle in transaction'",
          ),
        );
        await sleep(200);
        // The driver now refuses the connection with a bare Error (no SQLSTATE, no Node code).
        await store.readStream(s);
      }),
    );
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toContain(store.where);
    expect(await store.readStream(s)).toEqual([]);
    await store.appendToStream(s, [event(studyId)], { expectedRevision: 'no_stream' });
    expect(await store.readStream(s)).toHaveLength(1);
  });

  it('says it is closed, as a plain error (a bug, not an outage), when used after close', async () => {
    const store = open();
    await store.lastPosition();
    await store.close();
    const error = await errorOf(store.appendToStream('s', [event('S')], { expectedRevision: 'any' }));
    expect(error).not.toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toMatch(/is closed/);
  });
});

describe('PostgresEventStore: subscriptions and LEDGER_STORE', () => {
  it('wakes a subscription on another process’s commit through LISTEN, without waiting for its poll', async () => {
    const studyId = newStudy();
    const reader = open({ pollIntervalMs: 60_000 });
    const writer = open();
    const seen: string[] = [];
    const subscription = reader.subscribeToAll((e) => void seen.push(e.type), { studyId });
    await subscription.caughtUp;
    await sleep(200); // LISTEN is set up in the background.
    await writer.appendToStream(`participant-${studyId}.n`, [event(studyId, 'Heard')], {
      expectedRevision: 'no_stream',
    });
    await waitFor(() => seen.length === 1, 3000);
    expect(seen).toEqual(['Heard']);
    await subscription.close();
  });

  it('is what openEventStore opens for postgres:// and postgresql:// URLs', async () => {
    for (const scheme of ['postgres:', 'postgresql:']) {
      const url = new URL(ledger.spec);
      const store = openEventStore(`${scheme}${url.href.slice(url.protocol.length)}`);
      expect(store).toBeInstanceOf(PostgresEventStore);
      expect(typeof (await (store as PostgresEventStore).lastPosition())).toBe('bigint');
      await store.close();
    }
  });
});
