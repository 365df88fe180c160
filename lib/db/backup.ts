// `npm run vigil -- backup DIR` / `restore DIR`: everything Vigil keeps, in one directory —
// SQLite through its online backup API (a consistent copy while Vigil keeps writing), PostgreSQL through
// `pg_dump --format=custom` (restored with pg_restore), plus the uploaded shadow models (<VIGIL_DATA_DIR>/models)
// and a manifest saying what the directory holds.
import { execFile } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { type DbFlavour, flavourOf, sqlitePath } from "./url";

const run = promisify(execFile);

export interface BackupManifest {
  format: "vigil-backup/1";
  flavour: DbFlavour;
  createdAt: string;
  /** migrations applied in the backed-up database */
  migrations: string[];
  files: string[];
}

const DB_FILE = { sqlite: "vigil.db", postgres: "vigil.pgdump" } as const;

function emptyDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new Error(`${dir} is not empty: back up into a new directory`);
  mkdirSync(dir, { recursive: true });
}

function copyModels(from: string, to: string): string[] {
  if (!existsSync(from)) return [];
  mkdirSync(to, { recursive: true });
  const copied: string[] = [];
  for (const name of readdirSync(from).filter((n) => n.endsWith(".onnx"))) {
    if (!existsSync(join(to, name))) copyFileSync(join(from, name), join(to, name));
    copied.push(name);
  }
  return copied;
}

async function appliedMigrations(url: string, flavour: DbFlavour): Promise<string[]> {
  const sql = `SELECT "migration_name" AS name FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL ORDER BY 1`;
  if (flavour === "sqlite") {
    const db = new BetterSqlite3(sqlitePath(url, false), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(sql).all() as Array<{ name: string }>).map((r) => r.name);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>(sql)).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

async function tableCount(url: string, flavour: DbFlavour): Promise<number> {
  if (flavour === "sqlite") {
    const path = sqlitePath(url, false);
    if (!existsSync(path) || statSync(path).size === 0) return 0;
    const db = new BetterSqlite3(path, { readonly: true });
    try {
      return (
        db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }
      ).n;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

export async function backup(url: string, dir: string, dataDir: string): Promise<BackupManifest> {
  const flavour = flavourOf(url);
  emptyDir(dir);
  const target = join(dir, DB_FILE[flavour]);
  if (flavour === "sqlite") {
    const db = new BetterSqlite3(sqlitePath(url, false), { fileMustExist: true });
    try {
      await db.backup(target);
    } finally {
      db.close();
    }
  } else {
    try {
      await run("pg_dump", [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        `--file=${target}`,
        `--dbname=${url}`,
      ]);
    } catch (error) {
      throw new Error(
        `pg_dump failed: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`,
      );
    }
  }
  const models = copyModels(join(dataDir, "models"), join(dir, "models"));
  const manifest: BackupManifest = {
    format: "vigil-backup/1",
    flavour,
    createdAt: new Date().toISOString(),
    migrations: await appliedMigrations(url, flavour),
    files: [DB_FILE[flavour], ...models.map((m) => `models/${m}`)],
  };
  writeFileSync(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function readManifest(dir: string): BackupManifest {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) throw new Error(`${dir} has no manifest.json: not a Vigil backup`);
  const manifest = JSON.parse(readFileSync(path, "utf8")) as BackupManifest;
  if (manifest.format !== "vigil-backup/1")
    throw new Error(`${path}: unknown backup format "${manifest.format}"`);
  return manifest;
}

/**
 * Restores into the database of `url` (stop Vigil first). Refuses a database that already has tables unless
 * `force`, and a backup of the other flavour (moving between SQLite and PostgreSQL is not a restore).
 */
export async function restore(
  url: string,
  dir: string,
  dataDir: string,
  force: boolean,
): Promise<BackupManifest> {
  const manifest = readManifest(dir);
  const flavour = flavourOf(url);
  if (manifest.flavour !== flavour)
    throw new Error(`this backup is of a ${manifest.flavour} database; DATABASE_URL points at ${flavour}`);
  if (!force && (await tableCount(url, flavour)) > 0)
    throw new Error(
      "the target database is not empty; pass --force to replace its contents (stop Vigil first)",
    );
  const source = join(dir, DB_FILE[flavour]);
  if (flavour === "sqlite") {
    const path = sqlitePath(url);
    for (const suffix of ["-wal", "-shm"]) rmSync(path + suffix, { force: true });
    copyFileSync(source, path);
  } else {
    try {
      await run("pg_restore", [
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        `--dbname=${url}`,
        source,
      ]);
    } catch (error) {
      throw new Error(
        `pg_restore failed: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`,
      );
    }
  }
  copyModels(join(dir, "models"), join(dataDir, "models"));
  return manifest;
}
