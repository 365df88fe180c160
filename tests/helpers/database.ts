// Each test file gets a database of its own: a fresh SQLite file, or a fresh PostgreSQL database when
// DATABASE_URL points at a PostgreSQL server (dropped again after the file's tests).
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import pg from "pg";
import { afterAll } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { getDatabase } from "@/lib/runtime/instance";

export const TEST_API_KEY = "vgl_test_admin_key_0123456789abcdefghij";

/** A new, empty database of the flavour DATABASE_URL names (PostgreSQL: a new database; SQLite: a new file). */
export async function freshDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL ?? "";
  const name = `vigil_t_${randomBytes(6).toString("hex")}`;
  if (base.startsWith("postgres")) {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = resolve("data/test");
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${name}.db`;
  return {
    url: `file:${path}`,
    drop: async () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
    },
  };
}

/** Points this test file's process at a new database with an admin bootstrap key, migrated and connected. */
export async function useTestDatabase(extraEnv: Record<string, string> = {}): Promise<Database> {
  const { url, drop } = await freshDatabaseUrl();
  Object.assign(process.env, { DATABASE_URL: url, VIGIL_BOOTSTRAP_API_KEY: TEST_API_KEY, ...extraEnv });
  resetEnvCache();
  (globalThis as { __vigilDatabase?: unknown }).__vigilDatabase = undefined;
  const database = await getDatabase();
  afterAll(async () => {
    await database.close();
    await drop();
  });
  return database;
}
