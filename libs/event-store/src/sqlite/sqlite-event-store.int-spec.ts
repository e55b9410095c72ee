import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract, waitFor } from '../contract/event-store.contract';
import {
  EventIdConflict,
  RevisionConflict,
  StoreBusy,
  StoreFormatMismatch,
  StoreUnavailable,
  type EventStore,
  type RecordedEvent,
} from '../event-store.port';
import { sealEvents, verifyStream, type UnsealedEvent } from '../integrity';
import { openEventStore } from '../store-from-env';
import { SqliteEventStore } from './sqlite-event-store';

const root = mkdtempSync(join(tmpdir(), 'ledger-event-store-'));
const tempPath = (): string => join(root, randomUUID(), 'nested', 'ledger.db');

afterAll(() => rmSync(root, { recursive: true, force: true }));

describeEventStoreContract(
  'SQLite',
  // NORMAL keeps the suite fast; the durability default is asserted separately below.
  async () => SqliteEventStore.open(tempPath(), { synchronous: 'NORMAL', pollIntervalMs: 50 }),
  async (store: EventStore) => rmSync((store as SqliteEventStore).path, { force: true }),
);

const unsealed = (type: string, studyId = 'S1'): UnsealedEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data: { type, at: [1, 2, 3] },
  metadata: {
    actor: { id: 'u-1', role: 'monitor' },
    commandId: randomUUID(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    recordedAt: '2024-03-01T10:00:00.000Z',
    storedAt: '2024-03-01T10:00:01.000Z',
    studyId,
  },
});

describe('SqliteEventStore', () => {
  it('creates the file and its folders, and keeps the data across close and reopen', async () => {
    const path = tempPath();
    const store = SqliteEventStore.open(path);
    expect(existsSync(path)).toBe(true);
    const result = await store.appendToStream(
      'participant-S1-P1',
      sealEvents('participant-S1-P1', 0n, '', [unsealed('A'), unsealed('B')]),
      {
        expectedRevision: 'no_stream',
      },
    );
    await store.close();

    const reopened = SqliteEventStore.open(path);
    try {
      const events = await reopened.readStream('participant-S1-P1');
      expect(events.map((e) => e.type)).toEqual(['A', 'B']);
      expect(events[1]?.position).toBe(result.position);
      expect(reopened.lastPosition()).toBe(result.position);
      expect(verifyStream(events)).toEqual({ ok: true });
    } finally {
      await reopened.close();
    }
  });

  it('runs in WAL mode with synchronous FULL by default', async () => {
    const store = SqliteEventStore.open(tempPath());
    try {
      expect(store.pragmas()).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: true, busyTimeoutMs: 5000 });
    } finally {
      await store.close();
    }
    const relaxed = SqliteEventStore.open(tempPath(), { synchronous: 'OFF' });
    expect(relaxed.pragmas().synchronous).toBe(0);
    await relaxed.close();
  });

  it('lets verifyStream detect an event whose data was edited behind the ledger', async () => {
    const path = tempPath();
    const store = SqliteEventStore.open(path);
    const streamId = 'participant-S1-P2';
    const sealed = sealEvents(streamId, 0n, '', [unsealed('Consented'), unsealed('Enrolled'), unsealed('Assessed')]);
    await store.appendToStream(streamId, sealed, { expectedRevision: 'no_stream' });
    expect(verifyStream(await store.readStream(streamId))).toEqual({ ok: true });

    const tamper = new Database(path);
    tamper
      .prepare("UPDATE events SET data = json_set(data, '$.at[1]', 99) WHERE stream_id = ? AND revision = 1")
      .run(streamId);
    tamper.close();

    const verdict = verifyStream(await store.readStream(streamId));
    expect(verdict).toMatchObject({ ok: false, revision: 1n });
    await store.close();
  });

  it('throws a typed RevisionConflict carrying the stream, the expectation and the actual revision', async () => {
    const store = SqliteEventStore.open(tempPath());
    try {
      await store.appendToStream('study-S1', sealEvents('study-S1', 0n, '', [unsealed('StudyRegistered')]), {
        expectedRevision: 'no_stream',
      });
      const error = await store
        .appendToStream('study-S1', sealEvents('study-S1', 0n, '', [unsealed('Again')]), {
          expectedRevision: 'no_stream',
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RevisionConflict);
      expect(error).toMatchObject({
        name: 'RevisionConflict',
        streamId: 'study-S1',
        expected: 'no_stream',
        actual: 0n,
      });
    } finally {
      await store.close();
    }
  });

  it('delivers to a subscription events appended by another process (another connection)', async () => {
    const path = tempPath();
    const reader = SqliteEventStore.open(path, { pollIntervalMs: 25 });
    const writer = SqliteEventStore.open(path);
    const seen: RecordedEvent[] = [];
    const subscription = reader.subscribeToAll((e) => void seen.push(e));
    try {
      await subscription.caughtUp;
      await writer.appendToStream(
        'participant-S1-P3',
        sealEvents('participant-S1-P3', 0n, '', [unsealed('A'), unsealed('B')]),
        {
          expectedRevision: 'no_stream',
        },
      );
      await waitFor(() => seen.length >= 2);
      expect(seen.map((e) => e.type)).toEqual(['A', 'B']);
      // The other connection's append is a conflict for this one too: the check reads the file.
      await expect(
        reader.appendToStream('participant-S1-P3', sealEvents('participant-S1-P3', 0n, '', [unsealed('C')]), {
          expectedRevision: 'no_stream',
        }),
      ).rejects.toBeInstanceOf(RevisionConflict);
    } finally {
      await subscription.close();
      await reader.close();
      await writer.close();
    }
  });

  it('stops a subscription whose handler throws: caughtUp rejects during catch-up, onError after it', async () => {
    const store = SqliteEventStore.open(tempPath(), { pollIntervalMs: 25 });
    try {
      await store.appendToStream('participant-S1-P4', sealEvents('participant-S1-P4', 0n, '', [unsealed('A')]), {
        expectedRevision: 'no_stream',
      });
      const early = store.subscribeToAll(() => {
        throw new Error('boom early');
      });
      await expect(early.caughtUp).rejects.toThrow('boom early');

      const errors: unknown[] = [];
      const seen: string[] = [];
      const late = store.subscribeToAll(
        (e) => {
          if (e.type === 'Bad') throw new Error('boom late');
          seen.push(e.type);
        },
        { onError: (error) => errors.push(error) },
      );
      await late.caughtUp;
      await store.appendToStream(
        'participant-S1-P4',
        sealEvents('participant-S1-P4', 1n, '', [unsealed('Bad'), unsealed('After')]),
        { expectedRevision: 0n },
      );
      await waitFor(() => errors.length === 1);
      expect(seen).toEqual(['A']);
      expect(errors[0]).toEqual(new Error('boom late'));
    } finally {
      await store.close();
    }
  });

  it('names the event id a UNIQUE constraint refused, stored elsewhere or twice in the batch, by asking the data', async () => {
    const store = SqliteEventStore.open(tempPath());
    try {
      const [stored] = sealEvents('participant-S1-P1', 0n, '', [unsealed('A')]);
      await store.appendToStream('participant-S1-P1', [stored!], { expectedRevision: 'no_stream' });
      // The first id is new, so the append gets as far as the insert; the second one is P1's.
      const elsewhere = [{ ...stored!, eventId: randomUUID() }, stored!];
      await expect(store.appendToStream('participant-S1-P2', elsewhere, { expectedRevision: 'any' })).rejects.toEqual(
        new EventIdConflict(
          'participant-S1-P2',
          stored!.eventId,
          'it is already stored in stream participant-S1-P1 at revision 0',
        ),
      );
      const twin = unsealed('B');
      const twins = sealEvents('participant-S1-P3', 0n, '', [twin, twin]);
      await expect(store.appendToStream('participant-S1-P3', twins, { expectedRevision: 'no_stream' })).rejects.toEqual(
        new EventIdConflict('participant-S1-P3', twin.eventId, 'it appears twice in the batch'),
      );
      expect(store.readAllSync().map((e) => e.streamId)).toEqual(['participant-S1-P1']);
    } finally {
      await store.close();
    }
  });

  it('offers readAllSync with the same filters as readAll', async () => {
    const store = SqliteEventStore.open(tempPath(), { pageSize: 2 });
    try {
      for (let i = 0; i < 5; i += 1) {
        const streamId = `participant-S1-P${i}`;
        await store.appendToStream(
          streamId,
          sealEvents(streamId, 0n, '', [unsealed(`E${i}`, i % 2 === 0 ? 'S1' : 'S2')]),
          {
            expectedRevision: 'no_stream',
          },
        );
      }
      const paged: RecordedEvent[] = [];
      for await (const e of store.readAll({ studyId: 'S1' })) paged.push(e);
      expect(paged.map((e) => e.type)).toEqual(['E0', 'E2', 'E4']);
      expect(store.readAllSync({ studyId: 'S1' })).toEqual(paged);
      expect(store.readAllSync({ fromPosition: paged[0]?.position, maxCount: 2 }).map((e) => e.type)).toEqual([
        'E1',
        'E2',
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses, with a clear message, a ledger file of the earlier format and a file that is no ledger', () => {
    const old = tempPath();
    mkdirSync(join(old, '..'), { recursive: true });
    const db = new Database(old);
    db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, stream_id TEXT)');
    db.close();
    expect(() => SqliteEventStore.open(old)).toThrow(StoreFormatMismatch);
    expect(() => SqliteEventStore.open(old)).toThrow(/format 1; this ledger reads format 2 only/);
    const foreign = tempPath();
    mkdirSync(join(foreign, '..'), { recursive: true });
    const other = new Database(foreign);
    other.exec('CREATE TABLE invoices (id INTEGER)');
    other.close();
    expect(() => SqliteEventStore.open(foreign)).toThrow(/is not a Trial Ledger store \(it holds tables invoices\)/);
  });

  it('waits for another writer without blocking the event loop, then gives up with StoreBusy', async () => {
    const path = tempPath();
    const store = SqliteEventStore.open(path, { busyTimeoutMs: 300 });
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    try {
      const err = await store
        .appendToStream('participant-S1.P9', sealEvents('participant-S1.P9', 0n, '', [unsealed('A')]), {
          expectedRevision: 'no_stream',
        })
        .catch((e) => e);
      expect({
        name: (err as Error).name,
        code: (err as { code?: string }).code,
        message: (err as Error).message,
      }).toEqual({
        name: 'StoreBusy',
        code: undefined,
        message: expect.stringMatching(/stayed locked by another writer for 300 ms/),
      });
      expect(err).toBeInstanceOf(StoreBusy);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      // The timer kept firing while the append waited: the loop was free.
      expect(ticks).toBeGreaterThan(5);
      holder.exec('COMMIT');
      const ok = await store.appendToStream(
        'participant-S1.P9',
        sealEvents('participant-S1.P9', 0n, '', [unsealed('A')]),
        {
          expectedRevision: 'no_stream',
        },
      );
      expect(ok.revisions).toEqual([0n]);
    } finally {
      clearInterval(timer);
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
      await store.close();
    }
  });

  it('turns a file it cannot open into StoreUnavailable', () => {
    const directory = join(root, randomUUID());
    expect(() => openEventStore(`sqlite:${root}`)).toThrow(StoreUnavailable);
    writeFileSync(join(root, 'not-a-db'), 'plain text, not SQLite '.repeat(100));
    expect(() => SqliteEventStore.open(join(root, 'not-a-db'))).toThrow(StoreUnavailable);
    if (process.getuid?.() !== 0) {
      // Permissions do not bind root, so this part only runs for ordinary users.
      mkdirSync(directory);
      chmodSync(directory, 0o500);
      expect(() => SqliteEventStore.open(join(directory, 'ledger.db'))).toThrow(StoreUnavailable);
      chmodSync(directory, 0o700);
    }
  });
});

describe('openEventStore', () => {
  it('opens sqlite:<path> and refuses unknown specs naming LEDGER_STORE', async () => {
    const store = openEventStore(`sqlite:${tempPath()}`);
    expect(store).toBeInstanceOf(SqliteEventStore);
    await store.close();
    expect(() => openEventStore('mysql://localhost/ledger')).toThrow(/LEDGER_STORE/);
    expect(() => openEventStore('sqlite:')).toThrow(/LEDGER_STORE/);
  });
});
