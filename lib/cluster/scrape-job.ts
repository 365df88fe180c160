// The scrape job (`scrape:<targetId>`), one per target. As Prometheus' scrape loop, each target is scraped on
// a fixed grid: every interval, shifted by a per-target offset (a hash of the id), so scrapes happen at stable
// times and targets spread over the interval. The job scrapes at the latest slot that has come, then marks
// itself due at the next one; a disabled or deleted target's job ends (a PATCH that enables it marks it again).
// One scrape = fetch → processScrape (lib/cluster/scrape-samples.ts) → samples, stale markers and the state row
// (result + the scrape's series, compared with the next scrape's) written in one transaction.
import { decryptSecret } from "../auth/secrets";
import { env } from "../config/env";
import type { Database } from "../db/client";
import type { Statement } from "../db/raw";
import { markScrape, SCRAPE_JOB } from "../jobs/mark";
import { parseAllowList } from "../net/address-policy";
import { pointStatements } from "../series/store";
import { fetchTarget } from "./fetch-target";
import { type Labels, processScrape, type ScrapeOutcome, seriesKey } from "./scrape-samples";
import type { targetRow } from "./targets";

export { SCRAPE_JOB };

/** A body larger than this (decompressed) fails the scrape: a runaway exporter cannot exhaust memory. */
export const SCRAPE_MAX_BYTES = 32 * 1024 * 1024;

type Target = Awaited<ReturnType<typeof targetRow>>;

export interface ScrapeResult {
  at: number;
  up: 0 | 1;
  error: string | null;
  durationMs: number;
  /** samples in the body (before the sample limit) */
  samples: number;
  /** series marked stale because this scrape no longer has them */
  staleMarked: number;
}

/** FNV-1a (32-bit) of the text: the target's offset within its interval, stable across restarts and workers. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

export const targetOffsetMs = (targetId: number, intervalMs: number) =>
  hash32(`scrape-target:${targetId}`) % Math.max(1, intervalMs);

/** The latest slot of the target's grid at or before `now`. */
export const slotAt = (now: number, intervalMs: number, offsetMs: number) =>
  Math.floor((now - offsetMs) / intervalMs) * intervalMs + offsetMs;

/** (Re)schedules the target's job at `at` (default now): after a create or an edit. */
export async function markScrapeTarget(database: Database, targetId: number, at?: number): Promise<void> {
  await database.raw.batch(markScrape(database.raw, targetId, at ?? Date.now()));
}

function previousSeries(target: Target): Map<string, Labels> {
  const list = JSON.parse(target.state?.seriesLabels ?? "[]") as Labels[];
  return new Map(list.map((labels) => [seriesKey(labels), labels]));
}

/** Upserts the samples and the stale markers (SeriesPoint.kind 2) at `at`, creating series as needed. */
function scrapePointStatements(
  database: Database,
  samples: ScrapeOutcome["samples"],
  stale: Labels[],
  at: number,
): Promise<Statement[]> {
  const point = (labels: Labels) => {
    const { __name__: name, ...rest } = labels;
    return { name: name ?? "", labels: rest };
  };
  return pointStatements(database, [
    ...samples.map((s) => ({ ...point(s.labels), ts: s.ts, value: s.value })),
    ...stale.map((labels) => ({ ...point(labels), ts: at, value: 0, stale: true })),
  ]);
}

function stateStatement(database: Database, targetId: number, r: ScrapeResult, series: Labels[]): Statement {
  return {
    sql: `INSERT INTO "ScrapeTargetState" ("targetId","lastScrapeAt","up","lastError","lastDurationMs","samplesScraped","seriesLabels")
          VALUES (?,?,?,?,?,?,?)
          ON CONFLICT ("targetId") DO UPDATE SET "lastScrapeAt" = excluded."lastScrapeAt", "up" = excluded."up",
            "lastError" = excluded."lastError", "lastDurationMs" = excluded."lastDurationMs",
            "samplesScraped" = excluded."samplesScraped", "seriesLabels" = excluded."seriesLabels"`,
    params: [
      targetId,
      database.raw.time(r.at),
      r.up,
      r.error,
      r.durationMs,
      r.samples,
      JSON.stringify(series),
    ],
  };
}

/** Scrapes the target once, at `at` (default now), and stores everything in one transaction. */
export async function scrapeOnce(database: Database, target: Target, at = Date.now()): Promise<ScrapeResult> {
  const { VIGIL_OUTBOUND_ALLOWLIST, VIGIL_SECRET_KEY } = env();
  const headers = target.authEncrypted
    ? { authorization: decryptSecret(target.authEncrypted, VIGIL_SECRET_KEY) }
    : undefined;
  const started = performance.now();
  const fetched = await fetchTarget(new URL(target.url), {
    timeoutMs: target.timeoutMs,
    maxBytes: SCRAPE_MAX_BYTES,
    allow: parseAllowList(VIGIL_OUTBOUND_ALLOWLIST),
    headers,
  });
  const durationMs = performance.now() - started;
  const outcome = processScrape({
    body: fetched.ok ? fetched.body : null,
    format: fetched.ok ? fetched.format : "prometheus",
    fetchError: fetched.ok ? null : fetched.error,
    target: { job: target.job, instance: target.instance },
    at,
    durationMs,
    sampleLimit: target.sampleLimit,
    previous: previousSeries(target),
  });
  const result: ScrapeResult = {
    at,
    up: outcome.up,
    error: outcome.error,
    durationMs,
    samples: outcome.scraped,
    staleMarked: outcome.stale.length,
  };
  await database.raw.batch([
    ...(await scrapePointStatements(database, outcome.samples, outcome.stale, at)),
    stateStatement(database, target.id, result, [...outcome.seriesKeys.values()]),
  ]);
  return result;
}

/** A deleted target's series end now, as when Prometheus drops a target: a stale marker for each. */
export async function markTargetGone(database: Database, target: Target, at = Date.now()): Promise<void> {
  const statements = await scrapePointStatements(database, [], [...previousSeries(target).values()], at);
  if (statements.length > 0) await database.raw.batch(statements);
}

/** The processor: scrape at the latest slot (unless done already) and schedule the next one. */
export async function runScrapeJob(
  database: Database,
  payload: { targetId: number },
  opts: { now?: number } = {},
): Promise<ScrapeResult | null> {
  const target = await database.db.scrapeTarget.findUnique({
    where: { id: payload.targetId },
    include: { state: true },
  });
  if (!target?.enabled) return null; // deleted or disabled: the job ends
  const now = opts.now ?? Date.now();
  const slot = slotAt(now, target.intervalMs, targetOffsetMs(target.id, target.intervalMs));
  const last = target.state?.lastScrapeAt?.getTime() ?? null;
  // Marked before scraping, so an edit saved during the scrape still triggers a run of its own.
  await database.raw.batch(markScrape(database.raw, target.id, slot + target.intervalMs, now));
  if (last !== null && last >= slot) return null; // this slot is scraped already (e.g. "scrape now")
  return scrapeOnce(database, target, now);
}
