// `npm run db:new-migration -- <name>`: writes the next migration for SQLite and PostgreSQL from the change to
// prisma/schema.base.prisma, offline (no database needed): Prisma diffs the schema at the last migration
// against the new one. See docs/development.md.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name>   (lowercase letters, digits and _)");
  process.exit(2);
}
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
// The SQLite CLI config opens data/prisma-cli.db; on a fresh checkout the folder does not exist yet.
mkdirSync("data", { recursive: true });
execFileSync(process.execPath, ["--import", "tsx", "scripts/prisma-schemas.ts"], { stdio: "inherit" });

for (const flavour of ["sqlite", "postgres"]) {
  const dir = `prisma/${flavour}/migrations`;
  const snapshot = join(dir, ".schema-at-last-migration.prisma");
  const sql = execFileSync(
    "npx",
    [
      "prisma",
      "migrate",
      "diff",
      "--config",
      `prisma/${flavour}/prisma.config.ts`,
      "--from-schema-datamodel",
      snapshot,
      "--to-schema-datamodel",
      `prisma/${flavour}/schema.prisma`,
      "--script",
    ],
    { env, encoding: "utf8" },
  );
  if (!/^\s*(CREATE|ALTER|DROP|INSERT|PRAGMA|UPDATE)/m.test(sql)) {
    console.log(`${flavour}: no schema change`);
    continue;
  }
  const next = String(readdirSync(dir).filter((d) => /^\d{4}_/.test(d)).length + 1).padStart(4, "0");
  const folder = join(dir, `${next}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "migration.sql"), sql);
  copyFileSync(`prisma/${flavour}/schema.prisma`, snapshot);
  console.log(`${flavour}: wrote ${folder}/migration.sql`);
}
execFileSync("npm", ["run", "db:generate"], { stdio: "inherit", env });
