// The endpoint check job (`endpoint-check:<endpointId>`), one per serving endpoint, on the endpoint's own grid
// as scrape-job.ts: every interval, shifted by an offset hashed from the id; it checks at the latest slot that
// has come and marks itself due at the next one; a disabled or deleted endpoint's job ends. One check =
// endpoint-health.ts in the server's protocol → the state row and the endpoint's series (live, ready, latency,
// readiness per served version), with stale markers for the series it no longer has, in one transaction.
import { decryptSecret } from "../auth/secrets";
import { env } from "../config/env";
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { ENDPOINT_CHECK_JOB, markEndpointCheck } from "../jobs/mark";
import { parseAllowList } from "../net/address-policy";
import type { Labels } from "../series/labels";
import type { PointInput } from "../series/store";
import { checkEndpoint, type EndpointKind, type EndpointStatus } from "./endpoint-health";
import { type EndpointRow, endpointRow, serverModelOf, versionMapOf } from "./endpoints";
import { liveSeries, replaceSeriesStatements } from "./live-series";
import { hash32, slotAt } from "./scrape-job";

export { ENDPOINT_CHECK_JOB };

export const ENDPOINT_SERIES = {
  live: "vigil_endpoint_live",
  ready: "vigil_endpoint_ready",
  latency: "vigil_endpoint_check_latency_ms",
  versionReady: "vigil_endpoint_version_ready",
} as const;
const SERIES_NAMES = Object.values(ENDPOINT_SERIES);

export interface CheckResult extends EndpointStatus {
  at: number;
  /** series of earlier checks that this one no longer has, marked stale */
  staleMarked: number;
}

export const endpointOffsetMs = (endpointId: number, intervalMs: number) =>
  hash32(`serving-endpoint:${endpointId}`) % Math.max(1, intervalMs);

/** (Re)schedules the endpoint's job at `at` (default now): after a create or an edit. */
export async function markEndpoint(database: Database, endpointId: number, at?: number): Promise<void> {
  await database.raw.batch(markEndpointCheck(database.raw, endpointId, at ?? Date.now()));
}

/** Drops empty labels: in PromQL an empty label is no label, so `{version=""}` is not a series of its own. */
function labelsOf(labels: Labels): Labels {
  return Object.fromEntries(Object.entries(labels).filter(([, v]) => v !== ""));
}

/**
 * The check's points: live, ready and latency of the endpoint, and the readiness of each version the server
 * serves of the endpoint's model, labelled with the Vigil version (mapped back through versionMap) and the
 * server's own.
 */
export function endpointPoints(endpoint: EndpointRow, status: EndpointStatus, at: number): PointInput[] {
  const base = { endpoint: endpoint.name, model: endpoint.model.name };
  const toVigil = new Map(Object.entries(versionMapOf(endpoint)).map(([vigil, server]) => [server, vigil]));
  const serverModel = serverModelOf(endpoint);
  const points: PointInput[] = [
    { name: ENDPOINT_SERIES.live, labels: base, ts: at, value: status.live ? 1 : 0 },
    { name: ENDPOINT_SERIES.ready, labels: base, ts: at, value: status.ready ? 1 : 0 },
    { name: ENDPOINT_SERIES.latency, labels: base, ts: at, value: status.latencyMs },
  ];
  const seen = new Set<string>();
  for (const model of status.models.filter((m) => m.name === serverModel))
    for (const v of model.versions) {
      if (seen.has(v.version)) continue;
      seen.add(v.version);
      points.push({
        name: ENDPOINT_SERIES.versionReady,
        labels: labelsOf({
          ...base,
          version: toVigil.get(v.version) ?? v.version,
          server_version: v.version,
        }),
        ts: at,
        value: v.ready ? 1 : 0,
      });
    }
  return points;
}

/**
 * Asks the server, within the endpoint's timeout for the whole check (each request also has it): a server
 * that hangs cannot hold the worker's lane longer than that.
 */
async function askServer(endpoint: EndpointRow): Promise<EndpointStatus> {
  const { VIGIL_OUTBOUND_ALLOWLIST, VIGIL_SECRET_KEY } = env();
  const headers = endpoint.authEncrypted
    ? { authorization: decryptSecret(endpoint.authEncrypted, VIGIL_SECRET_KEY) }
    : undefined;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<EndpointStatus>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          live: false,
          ready: false,
          models: [],
          problems: [`check timed out after ${endpoint.timeoutMs} ms`],
          latencyMs: endpoint.timeoutMs,
        }),
      endpoint.timeoutMs,
    );
  });
  const check = checkEndpoint(
    {
      kind: endpoint.kind as EndpointKind,
      baseUrl: endpoint.baseUrl,
      managementUrl: endpoint.managementUrl,
      serverModel: serverModelOf(endpoint),
      headers,
    },
    { allow: parseAllowList(VIGIL_OUTBOUND_ALLOWLIST), timeoutMs: endpoint.timeoutMs },
  );
  try {
    return await Promise.race([check, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function stateStatement(database: Database, endpointId: number, at: number, s: EndpointStatus): Statement {
  const bool = (b: boolean) => (database.raw.flavour === "sqlite" ? (b ? 1 : 0) : b);
  return {
    sql: `INSERT INTO "ServingEndpointState" ("endpointId","checkedAt","live","ready","latencyMs","problems","models")
          VALUES (?,?,?,?,?,?,?)
          ON CONFLICT ("endpointId") DO UPDATE SET "checkedAt" = excluded."checkedAt", "live" = excluded."live",
            "ready" = excluded."ready", "latencyMs" = excluded."latencyMs", "problems" = excluded."problems",
            "models" = excluded."models"`,
    params: [
      endpointId,
      database.raw.time(at),
      bool(s.live),
      bool(s.ready),
      s.latencyMs,
      JSON.stringify(s.problems),
      JSON.stringify(s.models),
    ],
  };
}

/** Checks the endpoint once, at `at` (default now), and stores the state and the series in one transaction. */
export async function checkEndpointOnce(
  database: Database,
  endpoint: EndpointRow,
  at = Date.now(),
): Promise<CheckResult> {
  const status = await askServer(endpoint);
  const points = endpointPoints(endpoint, status, at);
  const previous = await liveSeries(database, SERIES_NAMES, { endpoint: endpoint.name }, at);
  const { statements, ended } = await replaceSeriesStatements(database, points, previous, at);
  await database.raw.batch([...statements, stateStatement(database, endpoint.id, at, status)]);
  return { ...status, at, staleMarked: ended };
}

/** "Check now": the endpoint by id, checked and stored; the fresh row. */
export async function checkEndpointNow(database: Database, id: number): Promise<EndpointRow> {
  await checkEndpointOnce(database, await endpointRow(database, id));
  return endpointRow(database, id);
}

/** A deleted (or renamed) endpoint's series end now: a stale marker for each that has not ended yet. */
export async function markEndpointGone(database: Database, name: string, at = Date.now()): Promise<number> {
  const previous = await liveSeries(database, SERIES_NAMES, { endpoint: name }, at);
  const { statements, ended } = await replaceSeriesStatements(database, [], previous, at);
  if (statements.length > 0) await database.raw.batch(statements);
  return ended;
}

/** The processor: check at the latest slot (unless done already) and schedule the next one. */
export async function runEndpointJob(
  database: Database,
  payload: { endpointId: number },
  opts: { now?: number } = {},
): Promise<CheckResult | null> {
  const endpoint = await database.db.servingEndpoint.findUnique({
    where: { id: payload.endpointId },
    include: { state: true, model: { select: { name: true } } },
  });
  if (!endpoint?.enabled) return null; // deleted or disabled: the job ends
  const now = opts.now ?? Date.now();
  const slot = slotAt(now, endpoint.intervalMs, endpointOffsetMs(endpoint.id, endpoint.intervalMs));
  const last = endpoint.state?.checkedAt?.getTime() ?? null;
  // Marked before checking, so an edit saved during the check still triggers a run of its own.
  await database.raw.batch(markEndpointCheck(database.raw, endpoint.id, slot + endpoint.intervalMs, now));
  if (last !== null && last >= slot) return null; // this slot is checked already (e.g. "check now")
  return checkEndpointOnce(database, endpoint, now);
}
