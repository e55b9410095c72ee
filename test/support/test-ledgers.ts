import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** The stores that the multi-writer, pipeline and HTTP specs run on, each on a fresh ledger. */
export const LEDGER_KINDS = ['sqlite', 'postgres'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * The store the pipeline and e2e specs run on: SQLite by default; the suite's postgres project
 * sets LEDGER_TEST_KIND=postgres and runs the same specs on a fresh PostgreSQL database each.
 */
export const TEST_LEDGER_KIND: LedgerKind = process.env.LEDGER_TEST_KIND === 'postgres' ? 'postgres' : 'sqlite';

export interface TestLedger {
  /** The LEDGER_STORE value naming it. */
  readonly spec: string;
  dispose(): Promise<void>;
}

/** The PostgreSQL server the suite creates its databases on (CI's, trust auth). */
export const POSTGRES_ADMIN_URL = process.env.LEDGER_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh, empty ledger: a SQLite file in a temporary folder, or a new PostgreSQL database. */
export async function createTestLedger(kind: LedgerKind, name = 'test'): Promise<TestLedger> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `ledger-${name}-`));
    return {
      spec: `sqlite:${join(dir, 'ledger.db')}`,
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const database = `ledger_${name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${database}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return { spec: url.toString(), dispose: () => adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
