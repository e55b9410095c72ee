/**
 * Fresh PostgreSQL databases for one benchmark run, all dropped at its end: every measurement
 * starts from an empty ledger, and the server is left as it was found.
 */
import pg from 'pg';

/** The maintenance database the bench connects to in order to create and drop its own. */
export const PG_ADMIN_URL = process.env['BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export class PgDatabases {
  private readonly created: string[] = [];
  private count = 0;

  private constructor(private readonly adminUrl: string) {}

  /** The server's version when it answers within a few seconds; otherwise why not. */
  static async reach(
    adminUrl = PG_ADMIN_URL,
  ): Promise<{ ok: true; dbs: PgDatabases; version: string } | { ok: false; why: string }> {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      const version =
        (await client.query<{ v: string }>("SELECT split_part(current_setting('server_version'), ' ', 1) AS v")).rows[0]
          ?.v ?? '?';
      return { ok: true, dbs: new PgDatabases(adminUrl), version };
    } catch (error) {
      return { ok: false, why: error instanceof Error ? error.message : String(error) };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Creates an empty database and answers its URL. */
  async create(purpose: string): Promise<string> {
    const name = `ledger_bench_${process.pid}_${++this.count}_${purpose}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    await this.admin(`CREATE DATABASE "${name}"`);
    this.created.push(name);
    const url = new URL(this.adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  /** Drops every database this run created, even one a process still holds open. */
  async dropAll(): Promise<void> {
    for (const name of this.created.splice(0)) await this.admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }

  private async admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.adminUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}
