// Applies the committed Prisma migrations (prisma/<flavour>/migrations/*/migration.sql) at start.
// Why not `prisma migrate deploy`: it needs the CLI (a dev tool) at run time. This keeps Prisma's own
// bookkeeping table (_prisma_migrations, same columns and checksums), so the Prisma CLI agrees with it.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { type DbFlavour, flavourOf, sqlitePath } from "./url";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsDir(flavour: DbFlavour): string {
  const root = process.env.VIGIL_PRISMA_DIR ?? resolve(/*turbopackIgnore: true*/ process.cwd(), "prisma");
  return join(root, flavour, "migrations");
}

export function loadMigrations(flavour: DbFlavour): Migration[] {
  const dir = migrationsDir(flavour);
  if (!existsSync(dir)) throw new Error(`migrations folder not found: ${dir} (set VIGIL_PRISMA_DIR)`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;
const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

function checkApplied(all: Migration[], applied: Map<string, string>): Migration[] {
  for (const [name, checksum] of applied) {
    const local = all.find((m) => m.name === name);
    if (!local) throw new Error(`database has migration ${name}, which this version of Vigil does not know`);
    if (local.checksum !== checksum) throw new Error(`migration ${name} was edited after it was applied`);
  }
  return all.filter((m) => !applied.has(m.name));
}

function migrateSqlite(url: string, all: Migration[]): MigrateResult {
  const conn = new BetterSqlite3(sqlitePath(url), { timeout: 15_000 });
  try {
    conn.pragma("journal_mode = WAL");
    conn.exec(SQLITE_TABLE);
    // BEGIN IMMEDIATE takes the write lock, so two processes starting at once apply each migration once.
    const run = conn.transaction(() => {
      const rows = conn
        .prepare(`SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL`)
        .all() as Array<{ migration_name: string; checksum: string }>;
      const pending = checkApplied(all, new Map(rows.map((r) => [r.migration_name, r.checksum])));
      for (const m of pending) {
        conn.exec(m.sql);
        conn
          .prepare(
            `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
             VALUES (?, ?, ?, ?, ?, 1)`,
          )
          .run(randomUUID(), m.checksum, Date.now(), m.name, Date.now());
      }
      return { applied: pending.map((m) => m.name), alreadyApplied: rows.length };
    });
    return run.immediate();
  } finally {
    conn.close();
  }
}

async function migratePostgres(url: string, all: Migration[]): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A session advisory lock serialises concurrent starters (several web/worker replicas).
    await client.query("SELECT pg_advisory_lock(72853401)");
    await client.query(POSTGRES_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL`,
    );
    const pending = checkApplied(all, new Map(rows.map((r) => [r.migration_name, r.checksum])));
    for (const m of pending) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`);
      }
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: rows.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock(72853401)").catch(() => {});
    await client.end();
  }
}

export async function migrate(url: string): Promise<MigrateResult> {
  const flavour = flavourOf(url);
  const all = loadMigrations(flavour);
  return flavour === "sqlite" ? migrateSqlite(url, all) : migratePostgres(url, all);
}
