// Serving endpoints (docs/cluster.md, "Serving endpoints"): the model servers behind a Vigil model, checked in
// their own protocol (endpoint-health.ts) on an interval. The base and management URLs must pass the outbound
// address policy when saved (and again on every check); the links are only shown, never fetched. The
// Authorization header value is stored encrypted and never returned, as for scrape targets.
import { lookup } from "node:dns/promises";
import { z } from "zod";
import { encryptSecret } from "../auth/secrets";
import { env } from "../config/env";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { parseAllowList, refusal } from "../net/address-policy";
import { parse } from "../promql";
import { ENDPOINT_KINDS, type EndpointKind, type ServedModel } from "./endpoint-health";

export { ENDPOINT_KINDS };

export const ENDPOINT_DEFAULTS = { intervalSeconds: 30, timeoutSeconds: 5 };
export const ENDPOINT_MIN_INTERVAL_SECONDS = 5;
/** A check's deadline stays well inside the worker's default job lease (60 s). */
export const ENDPOINT_MAX_TIMEOUT_SECONDS = 30;

const LINK_NAMES = ["metrics", "grafana", "kubernetes"] as const;

const httpUrl = z.url({ protocol: /^https?$/, error: "an http(s) URL" }).max(2000, "at most 2000 characters");

const fields = {
  name: z
    .string({ error: "name is required" })
    .min(1, "must not be empty")
    .max(100, "at most 100 characters")
    .regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' and '-' only"),
  kind: z.enum(ENDPOINT_KINDS, { error: `one of ${ENDPOINT_KINDS.join(", ")}` }),
  baseUrl: z
    .string({ error: "baseUrl is required" })
    .min(1, "required")
    .max(2000, "at most 2000 characters")
    .describe("the inference API's base URL, e.g. http://triton.serving.svc:8000"),
  model: z
    .string({ error: "model is required" })
    .min(1, "required")
    .max(200, "at most 200 characters")
    .describe("the Vigil model (name) this endpoint serves"),
  serverModel: z
    .string()
    .min(1, "must not be empty")
    .max(200, "at most 200 characters")
    .describe("the model's name on the server (default: the Vigil model's name)"),
  managementUrl: z
    .string()
    .min(1, "must not be empty")
    .max(2000, "at most 2000 characters")
    .describe("TorchServe's management API (default: the base URL on port 8081)"),
  versionMap: z
    .record(
      z.string().min(1, "a Vigil version name").max(200, "at most 200 characters"),
      z.string({ error: "the server's version, a string" }).min(1, "must not be empty").max(200),
    )
    .describe('Vigil version → server version, e.g. {"v1": "1"}; versions not listed keep their own name'),
  gpuSelector: z
    .string()
    .min(1, "must not be empty")
    .max(2000, "at most 2000 characters")
    .describe('PromQL label matchers of the GPU series of the pods serving it, e.g. {pod=~"triton-.*"}'),
  metricsJob: z
    .string()
    .min(1, "must not be empty")
    .max(128, "at most 128 characters")
    .describe("the `job` label of the server's scraped metrics"),
  intervalSeconds: z
    .number({ error: "a number of seconds" })
    .min(ENDPOINT_MIN_INTERVAL_SECONDS, `at least ${ENDPOINT_MIN_INTERVAL_SECONDS}`)
    .max(86_400, "at most 86400"),
  timeoutSeconds: z
    .number({ error: "a number of seconds" })
    .min(0.1, "at least 0.1")
    .max(ENDPOINT_MAX_TIMEOUT_SECONDS, `at most ${ENDPOINT_MAX_TIMEOUT_SECONDS}`)
    .describe("the deadline of one check, all its requests together"),
  enabled: z.boolean({ error: "true or false" }),
  authorization: z
    .string()
    .min(1, "must not be empty")
    .max(8000, "at most 8000 characters")
    .describe('the Authorization header value sent to the server, e.g. "Bearer …"; stored encrypted'),
};

const linksInput = z
  .object({ metrics: httpUrl.optional(), grafana: httpUrl.optional(), kubernetes: httpUrl.optional() })
  .strict()
  .describe("links shown with the endpoint, never fetched");

const linksPatch = z
  .object({
    metrics: httpUrl.nullable().optional(),
    grafana: httpUrl.nullable().optional(),
    kubernetes: httpUrl.nullable().optional(),
  })
  .strict()
  .describe("merged into the links: a key given replaces that link, null removes it");

export const endpointInput = z
  .object({
    name: fields.name,
    kind: fields.kind,
    baseUrl: fields.baseUrl,
    model: fields.model,
    serverModel: fields.serverModel.optional(),
    managementUrl: fields.managementUrl.optional(),
    versionMap: fields.versionMap.optional(),
    gpuSelector: fields.gpuSelector.optional(),
    metricsJob: fields.metricsJob.optional(),
    links: linksInput.optional(),
    intervalSeconds: fields.intervalSeconds.optional(),
    timeoutSeconds: fields.timeoutSeconds.optional(),
    enabled: fields.enabled.optional(),
    authorization: fields.authorization.optional(),
  })
  .strict();

export const endpointPatch = z
  .object({
    name: fields.name.optional(),
    kind: fields.kind.optional(),
    baseUrl: fields.baseUrl.optional(),
    model: fields.model.optional(),
    serverModel: fields.serverModel.nullable().optional().describe("null: the Vigil model's name"),
    managementUrl: fields.managementUrl.nullable().optional().describe("null removes it"),
    versionMap: fields.versionMap.nullable().optional().describe("replaces the whole map; null empties it"),
    gpuSelector: fields.gpuSelector.nullable().optional().describe("null removes it"),
    metricsJob: fields.metricsJob.nullable().optional().describe("null removes it"),
    links: linksPatch.optional(),
    intervalSeconds: fields.intervalSeconds.optional(),
    timeoutSeconds: fields.timeoutSeconds.optional(),
    enabled: fields.enabled.optional(),
    authorization: fields.authorization.nullable().optional().describe("null removes it"),
  })
  .strict();

export type EndpointInput = z.output<typeof endpointInput>;
export type EndpointPatch = z.output<typeof endpointPatch>;

const tensor = z.object({ name: z.string(), datatype: z.string(), shape: z.array(z.number()) });

export const servedModelInfo = z.object({
  name: z.string(),
  platform: z.string().nullable(),
  versions: z.array(z.object({ version: z.string(), state: z.string(), ready: z.boolean() })),
  inputs: z.array(tensor),
  outputs: z.array(tensor),
});

export const endpointStatusInfo = z.object({
  checkedAt: z.string(),
  live: z.boolean(),
  ready: z.boolean(),
  latencyMs: z.number(),
  problems: z.array(z.string()).describe("what went wrong, per call"),
  models: z.array(servedModelInfo).describe("what the server says it serves"),
});

export const endpointInfo = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(ENDPOINT_KINDS),
  baseUrl: z.string(),
  managementUrl: z.string().nullable(),
  model: z.string().describe("the Vigil model's name"),
  serverModel: z.string().describe("the model's name on the server"),
  versionMap: z.record(z.string(), z.string()),
  gpuSelector: z.string().nullable(),
  metricsJob: z.string().nullable(),
  links: z.object({
    metrics: z
      .string()
      .nullable()
      .describe("as given, else the URL of the scrape target whose job is metricsJob, else null"),
    grafana: z.string().nullable(),
    kubernetes: z.string().nullable(),
  }),
  intervalSeconds: z.number(),
  timeoutSeconds: z.number(),
  enabled: z.boolean(),
  hasAuthorization: z.boolean(),
  createdAt: z.string(),
  status: endpointStatusInfo.nullable().describe("null until the first check"),
});
export type EndpointInfo = z.output<typeof endpointInfo>;

type Links = Partial<Record<(typeof LINK_NAMES)[number], string>>;

/** An http(s) URL without credentials, reachable under the outbound address policy: checked when saved. */
async function checkOutboundUrl(field: string, raw: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HttpError(400, `${field}: "${raw.slice(0, 100)}" is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new HttpError(400, `${field}: only http and https URLs are allowed`);
  if (url.username || url.password)
    throw new HttpError(400, `${field}: put credentials in "authorization", not in the URL`);
  const allow = parseAllowList(env().VIGIL_OUTBOUND_ALLOWLIST);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: Array<{ address: string }>;
  try {
    addresses = await lookup(host, { all: true });
  } catch {
    throw new HttpError(400, `${field}: cannot resolve host "${host}"`);
  }
  for (const a of addresses) {
    const why = refusal(host, a.address, allow);
    if (why) throw new HttpError(400, `${field}: ${why}`);
  }
  return url.toString();
}

/** `{namespace="serving",pod=~"x-.*"}`: label matchers only, as PromQL parses them after a metric name. */
export function checkGpuSelector(selector: string): string {
  const text = selector.trim();
  if (!text.startsWith("{") || !text.endsWith("}"))
    throw new HttpError(400, 'gpuSelector: label matchers in braces, e.g. {pod=~"triton-.*"}');
  let expr: ReturnType<typeof parse>;
  try {
    expr = parse(`up${text}`);
  } catch (error) {
    throw new HttpError(400, `gpuSelector: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (expr.type !== "vectorSelector" || expr.name !== "up" || expr.offsetMs !== 0 || expr.at !== null)
    throw new HttpError(400, "gpuSelector: only label matchers, nothing after the braces");
  if (!expr.matchers.some((m) => m.name !== "__name__"))
    throw new HttpError(400, "gpuSelector: needs at least one label matcher");
  return text;
}

/** Two Vigil versions on one server version would make the series' `version` label ambiguous. */
function checkVersionMap(map: Record<string, string>): Record<string, string> {
  const seen = new Map<string, string>();
  for (const [vigil, server] of Object.entries(map)) {
    const other = seen.get(server);
    if (other !== undefined)
      throw new HttpError(
        400,
        `versionMap: "${other}" and "${vigil}" both map to server version "${server}"`,
      );
    seen.set(server, vigil);
  }
  return map;
}

async function modelIdOf(database: Database, name: string): Promise<number> {
  const model = await database.db.model.findUnique({ where: { name }, select: { id: true } });
  if (!model) throw new HttpError(400, `model: no model named "${name}"`);
  return model.id;
}

interface Settings {
  name: string;
  kind: EndpointKind;
  baseUrl: string;
  model: string;
  serverModel: string | null;
  managementUrl: string | null;
  versionMap: Record<string, string>;
  gpuSelector: string | null;
  metricsJob: string | null;
  links: Links;
  intervalSeconds: number;
  timeoutSeconds?: number;
  enabled: boolean;
}

/** The row's columns from validated settings: URLs and the selector checked, the timeout against the interval. */
async function columnsOf(database: Database, s: Settings) {
  const interval = s.intervalSeconds;
  const timeout = s.timeoutSeconds ?? Math.min(ENDPOINT_DEFAULTS.timeoutSeconds, interval);
  if (timeout > interval)
    throw new HttpError(400, `timeoutSeconds: ${timeout} is longer than intervalSeconds (${interval})`);
  return {
    name: s.name,
    kind: s.kind,
    baseUrl: await checkOutboundUrl("baseUrl", s.baseUrl),
    managementUrl: s.managementUrl === null ? null : await checkOutboundUrl("managementUrl", s.managementUrl),
    modelId: await modelIdOf(database, s.model),
    serverModel: s.serverModel,
    versionMap: JSON.stringify(checkVersionMap(s.versionMap)),
    gpuSelector: s.gpuSelector === null ? null : checkGpuSelector(s.gpuSelector),
    metricsJob: s.metricsJob,
    links: JSON.stringify(s.links),
    intervalMs: Math.round(interval * 1000),
    timeoutMs: Math.round(timeout * 1000),
    enabled: s.enabled,
  };
}

const encrypt = (value: string) => encryptSecret(value, env().VIGIL_SECRET_KEY);

const withRelations = { state: true, model: { select: { name: true } } } as const;
export type EndpointRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(database: Database, id: number) {
  return database.db.servingEndpoint.findUnique({ where: { id }, include: withRelations });
}

export async function endpointRow(database: Database, id: number): Promise<EndpointRow> {
  const row = await findRow(database, id);
  if (!row) throw new HttpError(404, `no serving endpoint with id ${id}`);
  return row;
}

export const versionMapOf = (row: { versionMap: string }) =>
  JSON.parse(row.versionMap) as Record<string, string>;
const linksOf = (row: { links: string }) => JSON.parse(row.links) as Links;
/** The model's name on the server: as set, else the Vigil model's. */
export const serverModelOf = (row: EndpointRow) => row.serverModel ?? row.model.name;

/** Scrape target URLs by job: the default metrics link, preferring a target on the endpoint's own host. */
async function metricsTargets(database: Database, jobs: string[]) {
  if (jobs.length === 0) return [];
  return database.db.scrapeTarget.findMany({
    where: { job: { in: jobs } },
    select: { job: true, url: true },
    orderBy: { id: "asc" },
  });
}

function metricsLink(row: EndpointRow, targets: Array<{ job: string; url: string }>): string | null {
  const given = linksOf(row).metrics;
  if (given) return given;
  const candidates = targets.filter((t) => t.job === row.metricsJob);
  const host = new URL(row.baseUrl).hostname;
  return (candidates.find((t) => new URL(t.url).hostname === host) ?? candidates[0])?.url ?? null;
}

function infoOf(row: EndpointRow, targets: Array<{ job: string; url: string }>): EndpointInfo {
  const s = row.state;
  const links = linksOf(row);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as EndpointKind,
    baseUrl: row.baseUrl,
    managementUrl: row.managementUrl,
    model: row.model.name,
    serverModel: serverModelOf(row),
    versionMap: versionMapOf(row),
    gpuSelector: row.gpuSelector,
    metricsJob: row.metricsJob,
    links: {
      metrics: metricsLink(row, targets),
      grafana: links.grafana ?? null,
      kubernetes: links.kubernetes ?? null,
    },
    intervalSeconds: row.intervalMs / 1000,
    timeoutSeconds: row.timeoutMs / 1000,
    enabled: row.enabled,
    hasAuthorization: row.authEncrypted !== null,
    createdAt: row.createdAt.toISOString(),
    status:
      s?.checkedAt == null
        ? null
        : {
            checkedAt: s.checkedAt.toISOString(),
            live: s.live ?? false,
            ready: s.ready ?? false,
            latencyMs: s.latencyMs ?? 0,
            problems: JSON.parse(s.problems) as string[],
            models: JSON.parse(s.models) as ServedModel[],
          },
  };
}

export async function endpointInfos(database: Database, rows: EndpointRow[]): Promise<EndpointInfo[]> {
  const jobs = [...new Set(rows.map((r) => r.metricsJob).filter((j): j is string => j !== null))];
  const targets = await metricsTargets(database, jobs);
  return rows.map((row) => infoOf(row, targets));
}

export async function endpointInfoOf(database: Database, row: EndpointRow): Promise<EndpointInfo> {
  return (await endpointInfos(database, [row]))[0]!;
}

const nameTaken = (name: string) => new HttpError(409, `a serving endpoint named "${name}" exists already`);

async function refuseDuplicate(database: Database, name: string, exceptId?: number) {
  const other = await database.db.servingEndpoint.findUnique({ where: { name }, select: { id: true } });
  if (other && other.id !== exceptId) throw nameTaken(name);
}

/** Unique-name races between the check and the write end as 409 too. */
async function saving<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw nameTaken(name);
    throw error;
  }
}

export async function createEndpoint(database: Database, input: EndpointInput): Promise<EndpointRow> {
  const columns = await columnsOf(database, {
    name: input.name,
    kind: input.kind,
    baseUrl: input.baseUrl,
    model: input.model,
    serverModel: input.serverModel ?? null,
    managementUrl: input.managementUrl ?? null,
    versionMap: input.versionMap ?? {},
    gpuSelector: input.gpuSelector ?? null,
    metricsJob: input.metricsJob ?? null,
    links: input.links ?? {},
    intervalSeconds: input.intervalSeconds ?? ENDPOINT_DEFAULTS.intervalSeconds,
    timeoutSeconds: input.timeoutSeconds,
    enabled: input.enabled ?? true,
  });
  await refuseDuplicate(database, columns.name);
  const authEncrypted = input.authorization ? encrypt(input.authorization) : null;
  const row = await saving(columns.name, () =>
    database.db.servingEndpoint.create({ data: { ...columns, authEncrypted } }),
  );
  return endpointRow(database, row.id);
}

/** Every endpoint, or those of one Vigil model (none when no model has that name). */
export async function listEndpoints(
  database: Database,
  filter: { model?: string } = {},
): Promise<EndpointRow[]> {
  return database.db.servingEndpoint.findMany({
    where: filter.model === undefined ? {} : { model: { name: filter.model } },
    include: withRelations,
    orderBy: { id: "asc" },
  });
}

function mergeLinks(current: Links, patch: EndpointPatch["links"]): Links {
  if (!patch) return current;
  const out: Links = { ...current };
  for (const name of LINK_NAMES) {
    const value = patch[name];
    if (value === null) delete out[name];
    else if (value !== undefined) out[name] = value;
  }
  return out;
}

export async function patchEndpoint(
  database: Database,
  id: number,
  patch: EndpointPatch,
): Promise<EndpointRow> {
  const row = await endpointRow(database, id);
  const keep = <T>(given: T | undefined, current: T) => (given === undefined ? current : given);
  const intervalSeconds = patch.intervalSeconds ?? row.intervalMs / 1000;
  const columns = await columnsOf(database, {
    name: patch.name ?? row.name,
    kind: patch.kind ?? (row.kind as EndpointKind),
    baseUrl: patch.baseUrl ?? row.baseUrl,
    model: patch.model ?? row.model.name,
    serverModel: keep(patch.serverModel, row.serverModel),
    managementUrl: keep(patch.managementUrl, row.managementUrl),
    versionMap: patch.versionMap === undefined ? versionMapOf(row) : (patch.versionMap ?? {}),
    gpuSelector: keep(patch.gpuSelector, row.gpuSelector),
    metricsJob: keep(patch.metricsJob, row.metricsJob),
    links: mergeLinks(linksOf(row), patch.links),
    intervalSeconds,
    // A shorter interval alone shortens a timeout that would no longer fit.
    timeoutSeconds: patch.timeoutSeconds ?? Math.min(row.timeoutMs / 1000, intervalSeconds),
    enabled: patch.enabled ?? row.enabled,
  });
  await refuseDuplicate(database, columns.name, id);
  const authEncrypted =
    patch.authorization === undefined
      ? row.authEncrypted
      : patch.authorization === null
        ? null
        : encrypt(patch.authorization);
  await saving(columns.name, () =>
    database.db.servingEndpoint.update({ where: { id }, data: { ...columns, authEncrypted } }),
  );
  return endpointRow(database, id);
}

export async function deleteEndpoint(database: Database, id: number): Promise<EndpointRow> {
  const row = await endpointRow(database, id);
  await database.db.servingEndpoint.delete({ where: { id } });
  return row;
}
