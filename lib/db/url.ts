// Which database a DATABASE_URL points at. SQLite is the embedded default; PostgreSQL is for production.
import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";

export type DbFlavour = "sqlite" | "postgres";

export const DEFAULT_DATABASE_URL = "file:./data/vigil.db";

export function flavourOf(url: string): DbFlavour {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.split(":")[0]}:…"`,
  );
}

/** Absolute path of a SQLite file URL, creating its directory so first start just works. */
export function sqlitePath(url: string, ensureDir = true): string {
  const raw = url.slice("file:".length).split("?")[0] ?? "";
  if (raw === ":memory:") return raw;
  const path = isAbsolute(raw) ? raw : resolve(/*turbopackIgnore: true*/ process.cwd(), raw);
  if (ensureDir) mkdirSync(dirname(path), { recursive: true });
  return path;
}
