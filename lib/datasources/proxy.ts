// Runs a Prometheus API call against an external data source, server-side: the browser never sees the
// credentials, and the request goes through the outbound address policy.
import { decryptSecret } from "../auth/secrets";
import { env } from "../config/env";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { parseAllowList } from "../net/address-policy";
import { outboundRequest } from "../net/outbound";

export async function proxyPrometheus(
  database: Database,
  name: string,
  path: string,
  params: URLSearchParams,
): Promise<{ status: number; body: unknown }> {
  const source = await database.db.dataSource.findUnique({ where: { name } });
  if (!source) throw new HttpError(404, `no data source named "${name}"`);
  const settings = env();
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  };
  if (source.secretEncrypted) {
    const secret = decryptSecret(source.secretEncrypted, settings.VIGIL_SECRET_KEY);
    headers.authorization =
      source.authType === "basic"
        ? `Basic ${Buffer.from(`${source.username ?? ""}:${secret}`).toString("base64")}`
        : `Bearer ${secret}`;
  }
  const forwarded = new URLSearchParams(params);
  forwarded.delete("datasource");
  // POST with a form body, as Grafana does: long queries do not hit URL length limits.
  const res = await outboundRequest(new URL(`${source.url}${path}`), {
    method: "POST",
    headers,
    body: forwarded.toString(),
    timeoutMs: settings.VIGIL_OUTBOUND_TIMEOUT_MS,
    maxBytes: 50 * 1024 * 1024,
    allow: parseAllowList(settings.VIGIL_OUTBOUND_ALLOWLIST),
  });
  try {
    return { status: res.status, body: JSON.parse(res.body) };
  } catch {
    throw new HttpError(502, `data source "${name}" answered ${res.status} with a body that is not JSON`);
  }
}
