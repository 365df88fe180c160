// Raw SQL for the few hot paths (bulk ingest) where Prisma's per-query overhead would cost ~5x throughput.
// Statements are written with `?` placeholders; the PostgreSQL side renumbers them to $1..$n.
import type BetterSqlite3 from "better-sqlite3";
import type { Pool } from "pg";

export interface Statement {
  sql: string;
  params: unknown[];
  /** Run the same SQL once per parameter row (SQLite's fast path for bulk inserts); the count is the sum. */
  many?: unknown[][];
}

export interface RawSql {
  flavour: "sqlite" | "postgres";
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
  // Preparing is a large share of a bulk insert's cost; the statements used are few and repeat.
  const prepared = new Map<string, BetterSqlite3.Statement>();
  const prepare = (client: BetterSqlite3.Database, sql: string) => {
    let stmt = prepared.get(sql);
    if (!stmt) {
      if (prepared.size > 200) prepared.clear();
      stmt = client.prepare(sql);
      prepared.set(sql, stmt);
    }
    return stmt;
  };
  const runOne = (client: BetterSqlite3.Database, s: Statement) => {
    const stmt = prepare(client, s.sql);
    if (!s.many) return stmt.run(...s.params).changes;
    let changes = 0;
    for (const params of s.many) changes += stmt.run(...params).changes;
    return changes;
  };
  return {
    flavour: "sqlite",
    async batch(statements) {
      const client = getClient();
      while (client.inTransaction) await sleep(1);
      const run = client.transaction(() => statements.map((s) => runOne(client, s)));
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

/** deadlock_detected and serialization_failure: PostgreSQL rolled the transaction back; running it again is safe. */
const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 4;

export function postgresRaw(pool: Pool): RawSql {
  const runBatch = async (statements: Statement[]): Promise<number[]> => {
    const only = statements.length === 1 && !statements[0]!.many ? statements[0]! : null;
    if (only) {
      // One statement is atomic by itself: skip BEGIN/COMMIT, two round trips of three.
      const res = await pool.query(toPostgresPlaceholders(only.sql), only.params);
      return [res.rowCount ?? 0];
    }
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const counts: number[] = [];
      for (const s of statements) {
        const sql = toPostgresPlaceholders(s.sql);
        let count = 0;
        for (const params of s.many ?? [s.params]) count += (await client.query(sql, params)).rowCount ?? 0;
        counts.push(count);
      }
      await client.query("COMMIT");
      return counts;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    flavour: "postgres",
    async batch(statements) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await runBatch(statements);
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
          await sleep(5 * attempt + Math.random() * 20);
        }
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
