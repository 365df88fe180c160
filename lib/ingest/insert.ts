// Multi-row INSERT … ON CONFLICT DO NOTHING: idempotent on the primary key, same SQL on both databases.
import type { Statement } from "../db/raw";

/** Rows per statement: 11 columns × 900 stays under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 900;

/**
 * SQLite: one prepared single-row statement run per row (no SQL parsing per batch, the driver's fastest path).
 * PostgreSQL: multi-row statements (one round trip per 900 rows).
 */
export function insertIgnoreStatements(
  flavour: "sqlite" | "postgres",
  table: string,
  columns: string[],
  rows: unknown[][],
): Statement[] {
  const statements: Statement[] = [];
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(",")})`;
  if (flavour === "sqlite")
    return rows.length ? [{ sql: `${head}${tuple} ON CONFLICT DO NOTHING`, params: [], many: rows }] : [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const part = rows.slice(i, i + ROWS_PER_STATEMENT);
    statements.push({
      sql: `${head}${part.map(() => tuple).join(",")} ON CONFLICT DO NOTHING`,
      params: part.flat(),
    });
  }
  return statements;
}

/** Sum of affected rows of the first `count` statements (the inserts of a batch). */
export const sumFirst = (counts: number[], count: number) =>
  counts.slice(0, count).reduce((a, b) => a + b, 0);
