// The experiments list: the shape GET /api/v1/experiments answers, a status people read (scheduled / running /
// ended / stopped), units so far, and filter + sort. Pure so the table behaviour is unit-tested.
import type { z } from "zod";
import type { experimentListItem } from "../api/contract-experiments";
import type { ExperimentInfo } from "../experiments/schemas";
import { formatPercent } from "./format";

/** One row of GET /api/v1/experiments: the definition plus a summary of the latest computed results. */
export type ExperimentListItem = z.output<typeof experimentListItem>;
export type ExperimentSummary = NonNullable<ExperimentListItem["summary"]>;

export type DisplayStatus = "scheduled" | "running" | "ended" | "stopped";

/** "stopped" wins; a running experiment before its start is scheduled, after its end ended. */
export function displayStatus(
  e: Pick<ExperimentInfo, "status" | "startAt" | "endAt">,
  now: number,
): DisplayStatus {
  if (e.status === "stopped") return "stopped";
  const start = Date.parse(e.startAt);
  if (Number.isFinite(start) && start > now) return "scheduled";
  const end = e.endAt ? Date.parse(e.endAt) : Number.NaN;
  if (Number.isFinite(end) && end <= now) return "ended";
  return "running";
}

export const STATUS_TONE: Record<DisplayStatus, "good" | "info" | "muted" | "warn"> = {
  running: "good",
  scheduled: "info",
  ended: "muted",
  stopped: "warn",
};

/** Units assigned so far (sum over variants of the latest computed summary); null before the first. */
export function unitsSoFar(e: Pick<ExperimentListItem, "summary">): number | null {
  if (!e.summary) return null;
  return Object.values(e.summary.units).reduce((s, n) => s + n, 0);
}

/** "control 50% · treatment 50%" */
export function variantsLabel(variants: ReadonlyArray<{ key: string; weight: number }>): string {
  return variants.map((v) => `${v.key} ${formatPercent(v.weight, v.weight * 100 >= 1 ? 0 : 1)}`).join(" · ");
}

export type ExperimentSortKey = "key" | "model" | "status" | "units" | "startAt" | "endAt";
export type SortDir = "asc" | "desc";

const STATUS_ORDER: Record<DisplayStatus, number> = { running: 0, scheduled: 1, ended: 2, stopped: 3 };

function sortValue(e: ExperimentListItem, key: ExperimentSortKey, now: number): string | number | null {
  switch (key) {
    case "key":
      return (e.name || e.key).toLowerCase();
    case "model":
      return e.model.toLowerCase();
    case "status":
      return STATUS_ORDER[displayStatus(e, now)];
    case "units":
      return unitsSoFar(e);
    case "startAt":
      return Date.parse(e.startAt);
    case "endAt":
      return e.endAt ? Date.parse(e.endAt) : null;
  }
}

/** Only the experiments of `model` (all when null), and those whose key or name contain `text`. */
export function filterExperiments<T extends ExperimentListItem>(
  items: readonly T[],
  model: string | null,
  text = "",
): T[] {
  const q = text.trim().toLowerCase();
  return items.filter(
    (e) =>
      (model === null || e.model === model) &&
      (!q || e.key.toLowerCase().includes(q) || (e.name ?? "").toLowerCase().includes(q)),
  );
}

/** Stable sort; missing values (no units yet, no end) last whatever the direction. */
export function sortExperiments<T extends ExperimentListItem>(
  items: readonly T[],
  key: ExperimentSortKey,
  dir: SortDir,
  now: number,
): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return items
    .map((e, i) => ({ e, i, v: sortValue(e, key, now) }))
    .sort((a, b) => {
      if (a.v === null && b.v === null) return a.i - b.i;
      if (a.v === null) return 1;
      if (b.v === null) return -1;
      if (a.v < b.v) return -sign;
      if (a.v > b.v) return sign;
      return a.i - b.i;
    })
    .map((x) => x.e);
}

/** The curl command the empty state shows: an A/B test between two versions of `model`. */
export function createExperimentCurl(origin: string, model = "recommender"): string {
  const body = {
    key: "ranker-ab",
    model,
    variants: [
      { key: "control", version: "v1", weight: 0.5 },
      { key: "treatment", version: "v2", weight: 0.5 },
    ],
    metrics: ["conversion", "revenue", "accuracy"],
    guardrails: ["latency_p95", "error_rate"],
  };
  return [
    `curl -X POST ${origin}/api/v1/experiments \\`,
    `  -H "Authorization: Bearer $VIGIL_API_KEY" -H "Content-Type: application/json" \\`,
    `  -d '${JSON.stringify(body)}'`,
  ].join("\n");
}
