import pg from 'pg';
import { StoreBusy, StoreUnavailable } from '../event-store.port';
import { errorMessage } from './postgres-rows';

/** SQLSTATEs that say the server, not the statement, is the problem. */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '53300', // too_many_connections
  '3D000', // invalid_catalog_name: the database does not exist
  '28000', // invalid_authorization_specification
  '28P01', // invalid_password
  '25006', // read_only_sql_transaction: a standby
]);

export function isLockTimeout(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.code === '55P03';
}

/**
 * By code: the server's SQLSTATE, or Node's code for a socket that failed (ECONNREFUSED,
 * ECONNRESET, ENOTFOUND, EAI_AGAIN, …; an AggregateError when every address of a host failed).
 * What the driver throws without a code (a connection that ended, a pool that timed out) is
 * known by where it happened instead: the store passes `connectionLost` to translateError.
 */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof pg.DatabaseError)
    return error.code?.startsWith('08') === true || UNAVAILABLE_STATES.has(error.code ?? '');
  // Duck-typed: Node's socket errors come from another realm than this module's Error under jest.
  if (typeof error !== 'object' || error === null) return false;
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return true;
  return Array.isArray(errors) && errors.some(isConnectionError);
}

/**
 * The port's errors for what the server said: a lock wait that ran out is StoreBusy (503 with
 * Retry-After), a connection that failed is StoreUnavailable naming the server (never the
 * password); anything else is returned as it is. `connectionLost`: the error came from a
 * connection the driver has reported broken (its 'error' event), or from opening one, whatever
 * the error says.
 */
export function translateError(error: unknown, where: string, lockTimeoutMs: number, connectionLost = false): unknown {
  if (error instanceof StoreBusy || error instanceof StoreUnavailable) return error;
  if (isLockTimeout(error))
    return new StoreBusy(
      `PostgreSQL event store ${where} stayed locked by another writer for ${lockTimeoutMs} ms`,
      1,
      error,
    );
  if (connectionLost || isConnectionError(error))
    return new StoreUnavailable(`PostgreSQL event store ${where} is unavailable: ${errorMessage(error)}`, error);
  return error;
}

/** host:port/database and the user, from the URL, without the password. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  const user = parsed.username === '' ? '' : `${decodeURIComponent(parsed.username)}@`;
  const host = parsed.hostname === '' ? (parsed.searchParams.get('host') ?? 'localhost') : parsed.hostname;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
  return `${user}${host}:${parsed.port || '5432'}/${database}`;
}
