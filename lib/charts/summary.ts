// The summary strip of a model page: the verdict first (which version does best on the range and how
// much of the traffic is labeled), then the per-version numbers it rests on.
import type { TaskKind, WindowLike } from "./types";

export interface VersionSummary {
  version: string;
  count: number;
  labeled: number;
  labeledShare: number | null;
  accuracy: number | null;
  f1: number | null;
  rocAuc: number | null;
  logLoss: number | null;
  mae: number | null;
  rmse: number | null;
  r2: number | null;
}

export type VerdictTone = "good" | "warn" | "info" | "muted";

export interface Summary {
  verdict: string;
  tone: VerdictTone;
  versions: VersionSummary[];
  totals: { count: number; labeled: number; labeledShare: number | null };
  best: string | null;
}

function fin(n: number | null | undefined): number | null {
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

/** Aggregate the `window=all` rows (one per version, possibly several) into one summary per version. */
export function summarizeVersions(
  windows: readonly WindowLike[],
  versions: readonly string[],
): VersionSummary[] {
  return versions.map((version) => {
    const rows = windows.filter((w) => w.version === version);
    const count = rows.reduce((s, w) => s + w.count, 0);
    const labeled = rows.reduce((s, w) => s + w.labeled, 0);
    // window=all yields one row per version; if several arrive, keep the one with most labels.
    const main = [...rows].sort((a, b) => b.labeled - a.labeled)[0];
    return {
      version,
      count,
      labeled,
      labeledShare: count > 0 ? labeled / count : null,
      accuracy: fin(main?.accuracy),
      f1: fin(main?.f1 ?? main?.macro?.f1),
      rocAuc: fin(main?.rocAuc),
      logLoss: fin(main?.logLoss),
      mae: fin(main?.mae),
      rmse: fin(main?.rmse),
      r2: fin(main?.r2),
    };
  });
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function prepareSummary(
  windows: readonly WindowLike[],
  versions: readonly string[],
  task: TaskKind | null,
): Summary {
  const rows = summarizeVersions(windows, versions);
  const count = rows.reduce((s, r) => s + r.count, 0);
  const labeled = rows.reduce((s, r) => s + r.labeled, 0);
  const totals = { count, labeled, labeledShare: count > 0 ? labeled / count : null };
  const base = { versions: rows, totals };
  if (count === 0) {
    return { ...base, verdict: "No predictions in this range.", tone: "muted", best: null };
  }
  if (labeled === 0) {
    return {
      ...base,
      verdict: "No labels yet — quality is unknown for this range.",
      tone: "info",
      best: null,
    };
  }
  const regression = task === "regression";
  const scored = rows.filter((r) => (regression ? r.rmse !== null : (r.f1 ?? r.accuracy) !== null));
  if (scored.length === 0) {
    return { ...base, verdict: "Labels arrived, metrics are not computed yet.", tone: "info", best: null };
  }
  const score = (r: VersionSummary) => (regression ? -(r.rmse ?? 0) : (r.f1 ?? r.accuracy ?? 0));
  const best = [...scored].sort((a, b) => score(b) - score(a))[0]!;
  const lowCoverage = totals.labeledShare !== null && totals.labeledShare < 0.2;
  const what = regression
    ? `RMSE ${best.rmse!.toPrecision(3)}`
    : best.f1 !== null
      ? `F1 ${best.f1.toFixed(3)}`
      : `accuracy ${pct(best.accuracy!)}`;
  const lead = scored.length > 1 ? `${best.version} leads with ${what}` : `${best.version}: ${what}`;
  const coverage = totals.labeledShare !== null ? ` on ${pct(totals.labeledShare)} labeled traffic` : "";
  return {
    ...base,
    verdict: `${lead}${coverage}.${lowCoverage ? " Few labels — treat with care." : ""}`,
    tone: lowCoverage ? "warn" : "good",
    best: best.version,
  };
}
