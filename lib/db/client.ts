// The one place that builds a Prisma client: SQLite (embedded default) or PostgreSQL, picked from DATABASE_URL.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { env } from "../config/env";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { postgresRaw, type RawSql, sqliteRaw } from "./raw";
import { type DbFlavour, flavourOf, sqlitePath } from "./url";

/**
 * The app is typed against the SQLite client. Both clients are generated from one data model, so their
 * query APIs are the same; TypeScript only sees them as different nominal types, hence the single cast below.
 */
export type Db = SqliteClient;

export interface Database {
  db: Db;
  raw: RawSql;
  flavour: DbFlavour;
  url: string;
  close(): Promise<void>;
}

/** Keeps hold of the better-sqlite3 connection Prisma opens, so raw hot paths share it. */
class SharedSqliteFactory extends PrismaBetterSQLite3 {
  connection: BetterSqlite3.Database | null = null;
  override async connect() {
    const adapter = await super.connect();
    const connection = (adapter as unknown as { client: BetterSqlite3.Database }).client;
    connection.pragma("journal_mode = WAL");
    connection.pragma("synchronous = NORMAL");
    connection.pragma("foreign_keys = ON");
    this.connection = connection;
    return adapter;
  }
}

export function openDatabase(url: string): Database {
  const flavour = flavourOf(url);
  if (flavour === "sqlite") {
    const path = sqlitePath(url);
    // busy timeout: several processes (web, workers, CLI) share one file.
    const factory = new SharedSqliteFactory(
      { url: `file:${path}`, timeout: 15_000 },
      { timestampFormat: "unixepoch-ms" },
    );
    const db = new SqliteClient({ adapter: factory });
    const raw = sqliteRaw(() => {
      if (!factory.connection) throw new Error("database not connected yet: await connect() first");
      return factory.connection;
    });
    return { db, raw, flavour, url, close: () => db.$disconnect() };
  }
  const pool = new pg.Pool({ connectionString: url, max: env().VIGIL_PG_POOL_SIZE });
  const db = new PostgresClient({ adapter: new PrismaPg(pool) }) as unknown as Db;
  return {
    db,
    raw: postgresRaw(pool),
    flavour,
    url,
    close: async () => {
      await db.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

/** Opens and connects, so the raw connection exists before first use. */
export async function connectDatabase(url: string): Promise<Database> {
  const database = openDatabase(url);
  await database.db.$connect();
  await database.db.$queryRawUnsafe("SELECT 1");
  return database;
}
