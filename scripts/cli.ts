// `npm run vigil -- <command>`: operator commands (API keys, users, migrations).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runRuleTests } from "../lib/alerts/rule-test";
import {
  API_KEY_SCOPES,
  type ApiKeyScope,
  createApiKey,
  listApiKeys,
  revokeApiKey,
} from "../lib/auth/api-keys";
import { setUserPassword } from "../lib/auth/users";
import { env } from "../lib/config/env";
import { backup, restore } from "../lib/db/backup";
import { connectDatabase } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";

const USAGE = `usage: npm run vigil -- <command>
  migrate                                         apply pending database migrations
  apikey create --name N [--scope ingest|read|admin]   create a key (printed once; default scope ingest)
  apikey list                                     list keys (prefix, scope, last use; never the key)
  apikey revoke <id|prefix>                       revoke a key
  user set-password --username U [--password P]   set a dashboard password (reads VIGIL_NEW_PASSWORD or stdin if -p is omitted)
  backup DIR                                      copy the database (SQLite online backup / pg_dump) and uploaded models into DIR
  restore DIR [--force]                           restore a backup into DATABASE_URL (stop Vigil first; --force replaces a non-empty database)
  test-rules FILE…                                unit-test rule files, in the format of \`promtool test rules\` (no database needed)
DATABASE_URL selects the database (default file:./data/vigil.db).`;

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").trim();
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string" },
    scope: { type: "string" },
    username: { type: "string" },
    password: { type: "string", short: "p" },
    help: { type: "boolean", short: "h" },
    force: { type: "boolean" },
  },
});
const [command, sub, arg] = positionals;
if (values.help || !command) {
  console.log(USAGE);
  process.exit(command ? 0 : 2);
}

if (command === "test-rules") {
  const files = positionals.slice(1);
  if (files.length === 0) fail("test-rules needs at least one test file");
  let failed = 0;
  for (const file of files) {
    const report = await runRuleTests(file, readFileSync(file, "utf8"), (name) =>
      readFileSync(resolve(dirname(file), name), "utf8"),
    );
    console.log(`${report.text}\n`);
    if (!report.ok) failed++;
  }
  process.exit(failed > 0 ? 1 : 0);
}

if (command === "backup" || command === "restore") {
  if (!sub) fail(`${command} needs a directory`);
  const settings = env();
  try {
    const manifest =
      command === "backup"
        ? await backup(settings.DATABASE_URL, sub, settings.VIGIL_DATA_DIR)
        : await restore(settings.DATABASE_URL, sub, settings.VIGIL_DATA_DIR, values.force ?? false);
    const what = `${manifest.flavour} database (${manifest.migrations.length} migrations) and ${manifest.files.length - 1} model file(s)`;
    console.log(
      command === "backup"
        ? `backed up the ${what} into ${sub}`
        : `restored the ${what} from ${sub}; run \`npm run vigil -- migrate\` if this Vigil is newer`,
    );
    process.exit(0);
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    process.exit(1);
  }
}

const url = env().DATABASE_URL;
const result = await migrate(url);
if (command === "migrate") {
  console.log(result.applied.length ? `applied: ${result.applied.join(", ")}` : "database is up to date");
  process.exit(0);
}
const database = await connectDatabase(url);
try {
  if (command === "apikey" && sub === "create") {
    if (!values.name) fail("apikey create needs --name");
    const scope = (values.scope ?? "ingest") as ApiKeyScope;
    if (!API_KEY_SCOPES.includes(scope)) fail(`--scope must be one of ${API_KEY_SCOPES.join(", ")}`);
    const { key, info } = await createApiKey(database.db, { name: values.name, scope });
    console.log(
      `created API key #${info.id} "${info.name}" (scope ${info.scope}). Store it now; it is not shown again:\n${key}`,
    );
  } else if (command === "apikey" && sub === "list") {
    const keys = await listApiKeys(database.db);
    if (keys.length === 0) console.log("no API keys");
    for (const k of keys)
      console.log(
        [
          `#${k.id}`,
          k.prefix,
          k.scope.padEnd(6),
          k.name,
          k.revokedAt ? "REVOKED" : "active",
          `last used ${k.lastUsedAt?.toISOString() ?? "never"}`,
        ].join("  "),
      );
  } else if (command === "apikey" && sub === "revoke") {
    if (!arg) fail("apikey revoke needs an id or prefix");
    const n = await revokeApiKey(database.db, arg);
    if (n === 0) fail(`no active key matches "${arg}"`);
    console.log(`revoked ${n} key(s)`);
  } else if (command === "user" && sub === "set-password") {
    if (!values.username) fail("user set-password needs --username");
    const password = values.password ?? process.env.VIGIL_NEW_PASSWORD ?? (await readStdin());
    await setUserPassword(database.db, values.username, password);
    console.log(`password set for ${values.username}`);
  } else {
    fail(`unknown command "${[command, sub].filter(Boolean).join(" ")}"`);
  }
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
