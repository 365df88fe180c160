// Scrape targets (docs/cluster.md, "Scraping"): what to scrape, how often, and with which limits. A target
// given as a bare host gets its kind's default metrics port and path; the URL must pass the outbound address
// policy when saved (and again on every scrape, in fetchTarget). The Authorization header value is stored
// encrypted and never returned: responses only say whether there is one.
import { lookup } from "node:dns/promises";
import { z } from "zod";
import { encryptSecret } from "../auth/secrets";
import { env } from "../config/env";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { parseAllowList, refusal } from "../net/address-policy";
import { checkUrl } from "../net/outbound";

export const TARGET_KINDS = ["triton", "torchserve", "tfserving", "dcgm", "node", "generic"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Where each kind serves its metrics by default (port, path): the exporters' and servers' documented defaults. */
export const KIND_DEFAULTS: Record<TargetKind, { port: number | null; path: string }> = {
  triton: { port: 8002, path: "/metrics" },
  torchserve: { port: 8082, path: "/metrics" },
  tfserving: { port: 8501, path: "/monitoring/prometheus/metrics" },
  dcgm: { port: 9400, path: "/metrics" },
  node: { port: 9100, path: "/metrics" },
  generic: { port: null, path: "/metrics" },
};

export const SCRAPE_DEFAULTS = { intervalSeconds: 15, timeoutSeconds: 10, sampleLimit: 50_000 };
export const MIN_INTERVAL_SECONDS = 5;

const fields = {
  kind: z.enum(TARGET_KINDS, { error: `kind: one of ${TARGET_KINDS.join(", ")}` }),
  url: z
    .string({ error: "url is required" })
    .min(1, "url: required")
    .max(2000, "url: at most 2000 characters")
    .describe("the metrics URL, or only host[:port] for the kind's default port and path"),
  job: z
    .string()
    .min(1, "job: must not be empty")
    .max(128, "job: at most 128 characters")
    .describe("the `job` label (default: the kind)"),
  intervalSeconds: z
    .number({ error: "intervalSeconds: a number of seconds" })
    .min(MIN_INTERVAL_SECONDS, `intervalSeconds: at least ${MIN_INTERVAL_SECONDS}`)
    .max(86_400, "intervalSeconds: at most 86400"),
  timeoutSeconds: z
    .number({ error: "timeoutSeconds: a number of seconds" })
    .min(0.1, "timeoutSeconds: at least 0.1")
    // within the worker's default job lease (60 s), so a slow target never outlives the lease of its job
    .max(60, "timeoutSeconds: at most 60"),
  sampleLimit: z
    .number({ error: "sampleLimit: an integer" })
    .int("sampleLimit: an integer")
    .min(1, "sampleLimit: at least 1")
    .max(10_000_000, "sampleLimit: at most 10000000"),
  enabled: z.boolean({ error: "enabled: true or false" }),
  authorization: z
    .string()
    .min(1, "authorization: must not be empty")
    .max(8000, "authorization: at most 8000 characters")
    .describe('the Authorization header value sent to the target, e.g. "Bearer …"; stored encrypted'),
};

export const targetInput = z
  .object({
    kind: fields.kind,
    url: fields.url,
    job: fields.job.optional(),
    intervalSeconds: fields.intervalSeconds.optional(),
    timeoutSeconds: fields.timeoutSeconds.optional(),
    sampleLimit: fields.sampleLimit.optional(),
    enabled: fields.enabled.optional(),
    authorization: fields.authorization.optional(),
  })
  .strict();

export const targetPatch = z
  .object({
    kind: fields.kind.optional(),
    url: fields.url.optional(),
    job: fields.job.optional(),
    intervalSeconds: fields.intervalSeconds.optional(),
    timeoutSeconds: fields.timeoutSeconds.optional(),
    sampleLimit: fields.sampleLimit.optional(),
    enabled: fields.enabled.optional(),
    authorization: fields.authorization.nullable().optional().describe("null removes it"),
  })
  .strict();

export type TargetInput = z.output<typeof targetInput>;
export type TargetPatch = z.output<typeof targetPatch>;

export const lastScrapeInfo = z.object({
  at: z.string(),
  up: z.number().int(),
  error: z.string().nullable(),
  durationMs: z.number(),
  samples: z.number().int().describe("samples in the body (before the sample limit)"),
});

export const targetInfo = z.object({
  id: z.number().int(),
  kind: z.enum(TARGET_KINDS),
  job: z.string(),
  instance: z.string().describe("host:port of the URL: the `instance` label"),
  url: z.string(),
  intervalSeconds: z.number(),
  timeoutSeconds: z.number(),
  sampleLimit: z.number().int(),
  enabled: z.boolean(),
  hasAuthorization: z.boolean(),
  createdAt: z.string(),
  lastScrape: lastScrapeInfo.nullable().describe("null until the first scrape"),
});
export type TargetInfo = z.output<typeof targetInfo>;

/** The metrics URL: a full http(s) URL as given, or a bare host[:port] completed with the kind's defaults. */
export function metricsUrl(kind: TargetKind, given: string): URL {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(given)) return checkUrl(given);
  const defaults = KIND_DEFAULTS[kind];
  const url = checkUrl(`http://${given}`);
  if (url.pathname !== "/" || url.search) return url; // "host:port/path" without a scheme: keep the path
  if (!url.port && defaults.port !== null) url.port = String(defaults.port);
  url.pathname = defaults.path;
  return url;
}

/** Prometheus' instance label: host:port, the scheme's port when the URL has none. */
export function instanceOf(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
}

/** Resolves the host now, so a blocked or unresolvable address is reported when the target is saved. */
async function checkAddressPolicy(url: URL): Promise<void> {
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

interface Settings {
  kind: TargetKind;
  url: string;
  job?: string;
  intervalSeconds?: number;
  timeoutSeconds?: number;
  sampleLimit?: number;
  enabled?: boolean;
}

/** The row's columns from validated settings: defaults filled, timeout checked against the interval. */
async function columnsOf(s: Settings) {
  const url = metricsUrl(s.kind, s.url);
  await checkAddressPolicy(url);
  const interval = s.intervalSeconds ?? SCRAPE_DEFAULTS.intervalSeconds;
  const timeout = s.timeoutSeconds ?? Math.min(SCRAPE_DEFAULTS.timeoutSeconds, interval);
  if (timeout > interval)
    throw new HttpError(400, `timeoutSeconds: ${timeout} is longer than intervalSeconds (${interval})`);
  return {
    kind: s.kind,
    job: s.job ?? s.kind,
    url: url.toString(),
    instance: instanceOf(url),
    intervalMs: Math.round(interval * 1000),
    timeoutMs: Math.round(timeout * 1000),
    sampleLimit: s.sampleLimit ?? SCRAPE_DEFAULTS.sampleLimit,
    enabled: s.enabled ?? true,
  };
}

const encrypt = (value: string) => encryptSecret(value, env().VIGIL_SECRET_KEY);

const withState = { state: true } as const;
type TargetRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(database: Database, id: number) {
  return database.db.scrapeTarget.findUnique({ where: { id }, include: withState });
}

export async function targetRow(database: Database, id: number): Promise<TargetRow> {
  const row = await findRow(database, id);
  if (!row) throw new HttpError(404, `no scrape target with id ${id}`);
  return row;
}

export function infoOf(row: TargetRow): TargetInfo {
  const s = row.state;
  return {
    id: row.id,
    kind: row.kind as TargetKind,
    job: row.job,
    instance: row.instance,
    url: row.url,
    intervalSeconds: row.intervalMs / 1000,
    timeoutSeconds: row.timeoutMs / 1000,
    sampleLimit: row.sampleLimit,
    enabled: row.enabled,
    hasAuthorization: row.authEncrypted !== null,
    createdAt: row.createdAt.toISOString(),
    lastScrape:
      s?.lastScrapeAt == null
        ? null
        : {
            at: s.lastScrapeAt.toISOString(),
            up: s.up ?? 0,
            error: s.lastError,
            durationMs: s.lastDurationMs ?? 0,
            samples: s.samplesScraped ?? 0,
          },
  };
}

async function refuseDuplicate(database: Database, job: string, instance: string, exceptId?: number) {
  const other = await database.db.scrapeTarget.findFirst({ where: { job, instance } });
  if (other && other.id !== exceptId)
    throw new HttpError(409, `target ${other.id} already scrapes instance "${instance}" in job "${job}"`);
}

export async function createTarget(database: Database, input: TargetInput): Promise<TargetRow> {
  const columns = await columnsOf(input);
  await refuseDuplicate(database, columns.job, columns.instance);
  const authEncrypted = input.authorization ? encrypt(input.authorization) : null;
  const row = await database.db.scrapeTarget.create({ data: { ...columns, authEncrypted } });
  return targetRow(database, row.id);
}

export async function listTargets(database: Database): Promise<TargetInfo[]> {
  const rows = await database.db.scrapeTarget.findMany({ include: withState, orderBy: { id: "asc" } });
  return rows.map(infoOf);
}

export async function patchTarget(database: Database, id: number, patch: TargetPatch): Promise<TargetRow> {
  const row = await targetRow(database, id);
  const kind = patch.kind ?? (row.kind as TargetKind);
  const columns = await columnsOf({
    kind,
    url: patch.url ?? row.url,
    job: patch.job ?? (patch.kind && row.job === row.kind ? patch.kind : row.job),
    intervalSeconds: patch.intervalSeconds ?? row.intervalMs / 1000,
    timeoutSeconds:
      patch.timeoutSeconds ??
      (patch.intervalSeconds !== undefined
        ? Math.min(row.timeoutMs / 1000, patch.intervalSeconds)
        : row.timeoutMs / 1000),
    sampleLimit: patch.sampleLimit ?? row.sampleLimit,
    enabled: patch.enabled ?? row.enabled,
  });
  await refuseDuplicate(database, columns.job, columns.instance, id);
  const authEncrypted =
    patch.authorization === undefined
      ? row.authEncrypted
      : patch.authorization === null
        ? null
        : encrypt(patch.authorization);
  await database.db.scrapeTarget.update({ where: { id }, data: { ...columns, authEncrypted } });
  return targetRow(database, id);
}

export async function deleteTarget(database: Database, id: number): Promise<TargetRow> {
  const row = await targetRow(database, id);
  await database.db.scrapeTarget.delete({ where: { id } });
  return row;
}
