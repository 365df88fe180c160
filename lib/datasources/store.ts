// External Prometheus-compatible data sources: stored with encrypted credentials, listed without them.
import { lookup } from "node:dns/promises";
import { z } from "zod";
import { encryptSecret } from "../auth/secrets";
import { env } from "../config/env";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { parseAllowList, refusal } from "../net/address-policy";
import { checkUrl } from "../net/outbound";

export const dataSourceInput = z
  .object({
    name: z
      .string({ error: "name is required" })
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "name: 1–64 lowercase letters, digits, '_' or '-'")
      .refine((n) => n !== "vigil", "name: 'vigil' is Vigil's own series store"),
    url: z.string({ error: "url is required" }).max(2000),
    auth: z
      .discriminatedUnion("type", [
        z.object({ type: z.literal("none") }),
        z.object({
          type: z.literal("basic"),
          username: z.string().min(1).max(200),
          password: z.string().min(1).max(2000),
        }),
        z.object({ type: z.literal("bearer"), token: z.string().min(1).max(8000) }),
      ])
      .default({ type: "none" }),
  })
  .strict();

export interface DataSourceInfo {
  name: string;
  kind: string;
  url: string;
  authType: string;
  username: string | null;
  hasCredentials: boolean;
  createdAt: string;
}

/** Resolves the host now, so a blocked or unresolvable address is reported when the source is saved. */
async function checkReachablePolicy(url: URL): Promise<void> {
  const allow = parseAllowList(env().VIGIL_OUTBOUND_ALLOWLIST);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: Array<{ address: string }>;
  try {
    addresses = await lookup(host, { all: true });
  } catch {
    throw new HttpError(400, `url: cannot resolve host "${host}"`);
  }
  for (const a of addresses) {
    const why = refusal(host, a.address, allow);
    if (why) throw new HttpError(400, `url: ${why}`);
  }
}

export async function createDataSource(
  database: Database,
  input: z.output<typeof dataSourceInput>,
): Promise<DataSourceInfo> {
  const url = checkUrl(input.url);
  await checkReachablePolicy(url);
  const secret =
    input.auth.type === "basic"
      ? input.auth.password
      : input.auth.type === "bearer"
        ? input.auth.token
        : null;
  const existing = await database.db.dataSource.findUnique({ where: { name: input.name } });
  if (existing) throw new HttpError(409, `a data source named "${input.name}" already exists`);
  const row = await database.db.dataSource.create({
    data: {
      name: input.name,
      url: url.toString().replace(/\/$/, ""),
      authType: input.auth.type,
      username: input.auth.type === "basic" ? input.auth.username : null,
      secretEncrypted: secret ? encryptSecret(secret, env().VIGIL_SECRET_KEY) : null,
    },
  });
  return toInfo(row);
}

function toInfo(row: {
  name: string;
  kind: string;
  url: string;
  authType: string;
  username: string | null;
  secretEncrypted: string | null;
  createdAt: Date;
}): DataSourceInfo {
  return {
    name: row.name,
    kind: row.kind,
    url: row.url,
    authType: row.authType,
    username: row.username,
    hasCredentials: row.secretEncrypted !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listDataSources(database: Database): Promise<DataSourceInfo[]> {
  return (await database.db.dataSource.findMany({ orderBy: { name: "asc" } })).map(toInfo);
}

export async function deleteDataSource(database: Database, name: string): Promise<void> {
  const res = await database.db.dataSource.deleteMany({ where: { name } });
  if (res.count === 0) throw new HttpError(404, `no data source named "${name}"`);
}
