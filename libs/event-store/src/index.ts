export * from './event-store.port';
export {
  SqliteEventStore,
  type SqliteEventStoreOptions,
  type SqlitePragmas,
  type SqliteSynchronous,
} from './sqlite/sqlite-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { EsdbEventStore } from './esdb/esdb-event-store';
export { openEventStore, DEFAULT_LEDGER_STORE } from './store-from-env';
export {
  canonicalJson,
  hashEvent,
  sealEvents,
  verifyStream,
  type HashableEvent,
  type StreamVerification,
  type UnsealedEvent,
  type UnsealedMetadata,
} from './integrity';
export { normaliseInstant } from './recorded-at';
