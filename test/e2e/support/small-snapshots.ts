/**
 * Imported first by a spec whose read model should keep a snapshot every 50 events of a study,
 * in the test process as in the worker it spawns: the read model reads LEDGER_SNAPSHOT_EVERY once,
 * when it is loaded, so this must run before it is.
 */
export const SNAPSHOT_EVERY = '50';
process.env.LEDGER_SNAPSHOT_EVERY = SNAPSHOT_EVERY;
