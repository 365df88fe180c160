// Overview table: filter and sort model rows. Pure so the table behaviour is unit-tested.

export type HealthKind = "ok" | "stale" | "no-labels" | "no-data";

export interface ModelRowLike {
  name: string;
  displayName: string | null;
  task: string | null;
  health: HealthKind;
  predictions24h: number;
  labelCoverage: number | null;
  lastPredictionAt: string | null;
  versions: ReadonlyArray<{ accuracy: number | null; f1: number | null }>;
}

export type SortKey = "name" | "predictions24h" | "labelCoverage" | "lastPredictionAt" | "health" | "f1";
export type SortDir = "asc" | "desc";

const HEALTH_ORDER: Record<HealthKind, number> = { stale: 0, "no-labels": 1, "no-data": 2, ok: 3 };

/** Best F1 (or accuracy when F1 is missing) over the model's versions. */
export function bestQuality(m: ModelRowLike): number | null {
  let best: number | null = null;
  for (const v of m.versions) {
    const q = v.f1 ?? v.accuracy;
    if (q !== null && Number.isFinite(q) && (best === null || q > best)) best = q;
  }
  return best;
}

function sortValue(m: ModelRowLike, key: SortKey): string | number | null {
  switch (key) {
    case "name":
      return (m.displayName || m.name).toLowerCase();
    case "predictions24h":
      return m.predictions24h;
    case "labelCoverage":
      return m.labelCoverage;
    case "lastPredictionAt":
      return m.lastPredictionAt ? Date.parse(m.lastPredictionAt) : null;
    case "health":
      return HEALTH_ORDER[m.health];
    case "f1":
      return bestQuality(m);
  }
}

/** Case-insensitive text filter over name, display name and task, plus an optional health filter. */
export function filterModels<T extends ModelRowLike>(
  models: readonly T[],
  text: string,
  health: HealthKind | "all",
): T[] {
  const q = text.trim().toLowerCase();
  return models.filter((m) => {
    if (health !== "all" && m.health !== health) return false;
    if (!q) return true;
    return [m.name, m.displayName ?? "", m.task ?? ""].some((s) => s.toLowerCase().includes(q));
  });
}

/** Stable sort; missing values always last whatever the direction. */
export function sortModels<T extends ModelRowLike>(models: readonly T[], key: SortKey, dir: SortDir): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return models
    .map((m, i) => ({ m, i, v: sortValue(m, key) }))
    .sort((a, b) => {
      if (a.v === null && b.v === null) return a.i - b.i;
      if (a.v === null) return 1;
      if (b.v === null) return -1;
      if (a.v < b.v) return -sign;
      if (a.v > b.v) return sign;
      return a.i - b.i;
    })
    .map((x) => x.m);
}
