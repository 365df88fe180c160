// Contact points saved and listed: settings checked per kind (URLs and SMTP hosts against the outbound address
// policy now, so a blocked target is reported when it is saved), the one secret of each kind encrypted with
// VIGIL_SECRET_KEY, and responses that say only whether a secret is stored — never the secret itself.
import { lookup } from "node:dns/promises";
import { encryptSecret } from "../auth/secrets";
import { env } from "../config/env";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { parseAllowList, refusal } from "../net/address-policy";
import { checkUrl } from "../net/outbound";
import type { ContactPointBody, ContactPointInfo } from "./api-schemas";
import { type ContactPointRow, settingsOf } from "./contact-points";

const ADDRESS = /^(?:[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+|[^<>]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>)$/;

async function checkHost(field: string, host: string): Promise<void> {
  const allow = parseAllowList(env().VIGIL_OUTBOUND_ALLOWLIST);
  const bare = host.replace(/^\[|\]$/g, "");
  let addresses: Array<{ address: string }>;
  try {
    addresses = await lookup(bare, { all: true });
  } catch {
    throw new HttpError(400, `${field}: cannot resolve host "${bare}"`);
  }
  for (const a of addresses) {
    const why = refusal(bare, a.address, allow);
    if (why) throw new HttpError(400, `${field}: ${why}`);
  }
}

/** checkUrl's errors say "url: …"; name the field the user filled in instead. */
async function checkTargetUrl(field: string, raw: string): Promise<string> {
  let url: URL;
  try {
    url = checkUrl(raw);
  } catch (error) {
    throw new HttpError(400, `${field}: ${(error as Error).message.replace(/^url: /, "")}`);
  }
  await checkHost(field, url.hostname);
  return url.toString();
}

/** Validates the kind's settings and secret; returns what to store. `stored`: the secret kept on update. */
async function prepare(
  body: ContactPointBody,
  keepSecret: boolean,
): Promise<{ settings: Record<string, unknown>; secret: string | null | undefined }> {
  switch (body.kind) {
    case "email": {
      const s = body.settings;
      for (const [field, address] of [
        ["settings.from", s.from],
        ...s.to.map((a, i) => [`settings.to[${i}]`, a]),
      ])
        if (!ADDRESS.test(address as string))
          throw new HttpError(400, `${field}: "${String(address).slice(0, 80)}" is not an email address`);
      await checkHost("settings.host", s.host);
      return { settings: { ...s, username: s.username ?? null }, secret: body.secret };
    }
    case "slack":
      if (typeof body.secret === "string")
        await checkTargetUrl("secret (the Slack webhook URL)", body.secret);
      else if (body.secret === null || !keepSecret)
        throw new HttpError(
          400,
          "secret: a Slack contact point needs its incoming-webhook URL as the secret",
        );
      return { settings: {}, secret: body.secret };
    case "webhook":
      return {
        settings: { url: await checkTargetUrl("settings.url", body.settings.url) },
        secret: body.secret,
      };
  }
}

export function contactPointInfo(row: ContactPointRow): ContactPointInfo {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as ContactPointInfo["kind"],
    settings: settingsOf(row),
    hasSecret: row.secretEncrypted !== null,
    sendResolved: row.sendResolved,
    lastStatus: row.lastStatus as ContactPointInfo["lastStatus"],
    lastError: row.lastError,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function nameFree(database: Database, name: string, exceptId: number | null): Promise<void> {
  const other = await database.db.contactPoint.findUnique({ where: { name } });
  if (other && other.id !== exceptId)
    throw new HttpError(409, `name: a contact point named "${name}" exists`);
}

export async function createContactPoint(
  database: Database,
  body: ContactPointBody,
): Promise<ContactPointRow> {
  const { settings, secret } = await prepare(body, false);
  await nameFree(database, body.name, null);
  return database.db.contactPoint.create({
    data: {
      name: body.name,
      kind: body.kind,
      settings: JSON.stringify(settings),
      secretEncrypted: secret ? encryptSecret(secret, env().VIGIL_SECRET_KEY) : null,
      sendResolved: body.sendResolved ?? true,
    },
  });
}

export async function contactPointRow(database: Database, id: number): Promise<ContactPointRow> {
  const row = await database.db.contactPoint.findUnique({ where: { id } });
  if (!row) throw new HttpError(404, `no contact point with id ${id}`);
  return row;
}

/**
 * Replaces the settings. The secret is kept when `secret` is omitted and the kind is unchanged, removed when
 * it is null. A rename is refused while the notification policy routes to the old name.
 */
export async function updateContactPoint(
  database: Database,
  id: number,
  body: ContactPointBody,
  policyReceivers: ReadonlySet<string>,
): Promise<ContactPointRow> {
  const row = await contactPointRow(database, id);
  const keep = body.secret === undefined && row.kind === body.kind && row.secretEncrypted !== null;
  const { settings, secret } = await prepare(body, keep);
  await nameFree(database, body.name, id);
  if (body.name !== row.name && policyReceivers.has(row.name))
    throw new HttpError(
      409,
      `name: the notification policy routes to "${row.name}"; change the policy first`,
    );
  const secretEncrypted = keep
    ? row.secretEncrypted
    : secret
      ? encryptSecret(secret, env().VIGIL_SECRET_KEY)
      : null;
  return database.db.contactPoint.update({
    where: { id },
    data: {
      name: body.name,
      kind: body.kind,
      settings: JSON.stringify(settings),
      secretEncrypted,
      sendResolved: body.sendResolved ?? row.sendResolved,
    },
  });
}

export async function deleteContactPoint(
  database: Database,
  id: number,
  policyReceivers: ReadonlySet<string>,
): Promise<void> {
  const row = await contactPointRow(database, id);
  if (policyReceivers.has(row.name))
    throw new HttpError(409, `the notification policy routes to "${row.name}"; change the policy first`);
  await database.db.contactPoint.delete({ where: { id } });
}

export async function listContactPoints(database: Database): Promise<ContactPointRow[]> {
  return database.db.contactPoint.findMany({ orderBy: { name: "asc" } });
}
