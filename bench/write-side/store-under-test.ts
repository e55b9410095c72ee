/** The two stores as the write-side bench drives them: a fresh empty store per measurement. */
import { join } from 'node:path';
import {
  openEventStore,
  SqliteEventStore,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '../../libs/event-store/src';
import type { PgDatabases } from './pg-databases';

/** One stored event as an append of its own, at the revision it was stored at. */
export interface RawAppend {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly event: NewEvent;
}

export const asAppends = (events: readonly RecordedEvent[]): RawAppend[] =>
  events.map((e) => ({
    streamId: e.streamId,
    expectedRevision: e.revision === 0n ? 'no_stream' : e.revision - 1n,
    event: { eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata },
  }));

export interface StoreUnderTest<S extends EventStore = EventStore> {
  readonly kind: 'sqlite' | 'postgres';
  /** For the table's title. */
  readonly title: string;
  /** LEDGER_STORE naming a new, empty store. */
  fresh(purpose: string): Promise<string>;
  open(spec: string): Promise<S>;
  /** One append as one transaction (or joining the open inBatch), by the store's own append. */
  append(store: S, a: RawAppend): unknown;
  /** What `append` calls, for the table. */
  readonly appendName: string;
}

/** SQLite files in `dir`, opened as the API opens them (WAL, synchronous=FULL). */
export const sqliteUnderTest = (dir: string): StoreUnderTest<SqliteEventStore> => ({
  kind: 'sqlite',
  title: 'SQLite (WAL, synchronous=FULL)',
  fresh: async (purpose) => `sqlite:${join(dir, `${purpose}.db`)}`,
  open: async (spec) => SqliteEventStore.open(spec.slice('sqlite:'.length), { synchronous: 'FULL' }),
  // the synchronous twin of appendToStream: the floor should not pay for a promise per event
  append: (store, a) => store.appendToStreamSync(a.streamId, [a.event], { expectedRevision: a.expectedRevision }),
  appendName: 'appendToStreamSync',
});

/** A database per measurement, created for the run and dropped after it. */
export const postgresUnderTest = (dbs: PgDatabases, version: string): StoreUnderTest => ({
  kind: 'postgres',
  title: `PostgreSQL ${version} (synchronous_commit=on)`,
  fresh: (purpose) => dbs.create(purpose),
  open: async (spec) => openEventStore(spec) as EventStore,
  append: (store, a) => store.appendToStream(a.streamId, [a.event], { expectedRevision: a.expectedRevision }),
  appendName: 'appendToStream',
});
