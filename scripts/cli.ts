// `npm run vigil -- <command>`: operator commands (API keys, users, migrations).
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runRuleTests } from "../lib/alerts/rule-test";
import type { AuditActor } from "../lib/audit/record";
import { recordAudit } from "../lib/audit/record";
import { createApiKeyAudited, revokeApiKeyAudited } from "../lib/auth/api-key-admin";
import { API_KEY_SCOPES, type ApiKeyScope, listApiKeys } from "../lib/auth/api-keys";
import { createResetLink, linkPath } from "../lib/auth/invites";
import { PASSWORD_MIN_LENGTH, USER_ROLES, type UserRole, usernameSchema } from "../lib/auth/schemas";
import { createUser } from "../lib/auth/user-admin";
import { setUserPassword } from "../lib/auth/users";
import { env } from "../lib/config/env";
import { backup, restore } from "../lib/db/backup";
import { connectDatabase } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";

const USAGE = `usage: npm run vigil -- <command>
  migrate                                         apply pending database migrations
  apikey create --name N [--scope ingest|read|admin] [--expires-in-days D]
                                                  create a key (printed once; default scope ingest, no expiry)
  apikey list                                     list keys (prefix, scope, last use, expiry; never the key)
  apikey revoke <id|prefix>                       revoke a key
  user set-password --username U [--password P]   set a dashboard password and end the user's sessions (reads
                                                  VIGIL_NEW_PASSWORD or stdin if -p is omitted; creates an admin
                                                  of that name if none exists)
  user create --username U --role viewer|editor|admin [--password P]
                                                  create a user (password as for set-password, ≥ ${PASSWORD_MIN_LENGTH} characters)
  user reset-link --username U                    print a one-day password reset link (path; prefix VIGIL_PUBLIC_URL)
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
    "expires-in-days": { type: "string" },
    role: { type: "string" },
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
/** Changes made here are audited as the CLI, with the operating-system user when there is one. */
const cli: AuditActor = { kind: "cli", name: osUser() };
function osUser(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    return process.env.USER; // no passwd entry (a container's numeric uid)
  }
}
const readPassword = async () => values.password ?? process.env.VIGIL_NEW_PASSWORD ?? (await readStdin());
try {
  if (command === "apikey" && sub === "create") {
    if (!values.name) fail("apikey create needs --name");
    const scope = (values.scope ?? "ingest") as ApiKeyScope;
    if (!API_KEY_SCOPES.includes(scope)) fail(`--scope must be one of ${API_KEY_SCOPES.join(", ")}`);
    const days = values["expires-in-days"] === undefined ? null : Number(values["expires-in-days"]);
    if (days !== null && !(Number.isInteger(days) && days > 0))
      fail("--expires-in-days must be a positive integer");
    const expiresAt = days === null ? null : new Date(Date.now() + days * 86_400_000);
    const { key, apiKey } = await createApiKeyAudited(database, cli, { name: values.name, scope, expiresAt });
    console.log(
      `created API key #${apiKey.id} "${apiKey.name}" (scope ${apiKey.scope}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ""}). Store it now; it is not shown again:\n${key}`,
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
          k.revokedAt
            ? "REVOKED"
            : k.expiresAt && k.expiresAt.getTime() <= Date.now()
              ? "EXPIRED"
              : `active${k.expiresAt ? ` until ${k.expiresAt.toISOString()}` : ""}`,
          `last used ${k.lastUsedAt?.toISOString() ?? "never"}`,
        ].join("  "),
      );
  } else if (command === "apikey" && sub === "revoke") {
    if (!arg) fail("apikey revoke needs an id or prefix");
    const active = (await listApiKeys(database.db)).filter(
      (k) => !k.revokedAt && (String(k.id) === arg || k.prefix === arg),
    );
    if (active.length === 0) fail(`no active key matches "${arg}"`);
    for (const k of active) await revokeApiKeyAudited(database, cli, k.id);
    console.log(`revoked ${active.length} key(s)`);
  } else if (command === "user" && sub === "set-password") {
    if (!values.username) fail("user set-password needs --username");
    await setUserPassword(database.db, values.username, await readPassword());
    await recordAudit(database, cli, {
      action: "user.set-password",
      targetType: "user",
      targetId: values.username,
      summary: `set the password of ${values.username} from the CLI; their sessions ended`,
    });
    console.log(`password set for ${values.username}; their sessions have ended`);
  } else if (command === "user" && sub === "create") {
    const username = usernameSchema.safeParse(values.username ?? "");
    if (!username.success) fail(`--username: ${username.error.issues[0]?.message}`);
    const role = values.role as UserRole;
    if (!USER_ROLES.includes(role)) fail(`--role must be one of ${USER_ROLES.join(", ")}`);
    const password = await readPassword();
    if (password.length < PASSWORD_MIN_LENGTH)
      fail(`the password must be at least ${PASSWORD_MIN_LENGTH} characters`);
    const user = await createUser(database, cli, { username: username.data, password, role });
    console.log(`created user ${user.username} (${user.role})`);
  } else if (command === "user" && sub === "reset-link") {
    if (!values.username) fail("user reset-link needs --username");
    const user = await database.db.user.findUnique({ where: { username: values.username } });
    if (!user) fail(`no user named "${values.username}"`);
    const { token, invite } = await createResetLink(database, cli, user.id);
    const base = process.env.VIGIL_PUBLIC_URL ? env().VIGIL_PUBLIC_URL : "<Vigil's address>";
    console.log(
      `reset link for ${user.username}, valid until ${invite.expiresAt.toISOString()} (shown once):\n${base}${linkPath("reset", token)}`,
    );
  } else {
    fail(`unknown command "${[command, sub].filter(Boolean).join(" ")}"`);
  }
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
