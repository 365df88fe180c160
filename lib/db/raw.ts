// Raw SQL for the few hot paths (bulk ingest) where Prisma's per-query overhead would cost ~5x throughput.
// Statements are written with `?` placeholders; the PostgreSQL side renumbers them to $1..$n.
import type BetterSqlite3 from "better-sqlite3";
import type { Pool } from "pg";

export interface Statement {
  sql: string;
  params: unknown[];
}

export interface RawSql {
  /** Runs every statement in one transaction; returns the affected-row count of each. All or nothing. */
  batch(statements: Statement[]): Promise<number[]>;
  /** A read query returning plain rows (numbers, strings, null). */
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** A DateTime column parameter: epoch ms on SQLite (Prisma's unixepoch-ms format), a Date on PostgreSQL. */
  time(ms: number): unknown;
  /** A DateTime column value read by `query`, as epoch ms. */
  readTime(value: unknown): number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * SQLite: the same connection Prisma uses (one connection per process keeps writers from blocking each
 * other). The transaction runs synchronously, so nothing can interleave with it; it only waits while a
 * Prisma interactive transaction is open on the connection.
 */
export function sqliteRaw(getClient: () => BetterSqlite3.Database): RawSql {
  return {
    async batch(statements) {
      const client = getClient();
      while (client.inTransaction) await sleep(1);
      const run = client.transaction(() =>
        statements.map((s) => client.prepare(s.sql).run(...(s.params as unknown[])).changes),
      );
      return run.immediate();
    },
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const stmt = getClient().prepare(sql).safeIntegers(false);
      return stmt.all(...params) as Row[];
    },
    time: (ms) => ms,
    readTime: (value) => Number(value),
  };
}

export function toPostgresPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function postgresRaw(pool: Pool): RawSql {
  return {
    async batch(statements) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const counts: number[] = [];
        for (const s of statements) {
          const res = await client.query(toPostgresPlaceholders(s.sql), s.params);
          counts.push(res.rowCount ?? 0);
        }
        await client.query("COMMIT");
        return counts;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async query<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) {
      const res = await pool.query(toPostgresPlaceholders(sql), params);
      return res.rows as Row[];
    },
    time: (ms) => new Date(ms),
    readTime: (value) => (value instanceof Date ? value.getTime() : Date.parse(String(value))),
  };
}
