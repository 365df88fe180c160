// Retention per data type (docs/retention.md): how long raw rows are kept. Rollups (hourly and daily quality
// statistics, drift sketches, experiment snapshots) are small and kept forever, so charts of old periods stay
// whole after their raw rows are gone. A day count of 0 keeps a type forever.
import { z } from "zod";

export const DATA_TYPES = ["predictions", "labels", "events", "series", "notifications"] as const;
export type DataType = (typeof DATA_TYPES)[number];

/** What each type covers, for the API, the UI and the docs. */
export const DATA_TYPE_INFO: Record<DataType, { env: string; defaultDays: number; covers: string }> = {
  predictions: {
    env: "VIGIL_RETENTION_PREDICTIONS_DAYS",
    defaultDays: 90,
    covers: "raw predictions (features, scores) and the shadow predictions made for them",
  },
  labels: { env: "VIGIL_RETENTION_LABELS_DAYS", defaultDays: 90, covers: "raw ground-truth labels" },
  events: {
    env: "VIGIL_RETENTION_EVENTS_DAYS",
    defaultDays: 90,
    covers: "raw business events (experiments)",
  },
  series: {
    env: "VIGIL_RETENTION_SERIES_DAYS",
    defaultDays: 400,
    covers: "series points: Vigil's own series, scraped, written by rules, imported or remote-written",
  },
  notifications: {
    env: "VIGIL_RETENTION_NOTIFICATIONS_DAYS",
    defaultDays: 30,
    covers: "the notification log (sent, failed, suppressed; never pending) and alert state transitions",
  },
};

export const MAX_RETENTION_DAYS = 36_500;

export const retentionDays = z
  .number({ error: "a whole number of days (0 = keep forever)" })
  .int("a whole number of days (0 = keep forever)")
  .min(0, "at least 0 (0 = keep forever)")
  .max(MAX_RETENTION_DAYS, `at most ${MAX_RETENTION_DAYS}`);

/** PATCH body: any subset of the types; null returns a type to the environment's value. */
export const retentionPatch = z
  .object(
    Object.fromEntries(DATA_TYPES.map((t) => [t, retentionDays.nullable().optional()])) as Record<
      DataType,
      z.ZodOptional<z.ZodNullable<typeof retentionDays>>
    >,
  )
  .strict();
export type RetentionPatch = z.output<typeof retentionPatch>;

const DAY_MS = 86_400_000;

/** The environment's days per type (the defaults above where a variable is unset). */
export function envRetention(source: Record<string, string | undefined>): Record<DataType, number> {
  const out = {} as Record<DataType, number>;
  for (const type of DATA_TYPES) {
    const { env, defaultDays } = DATA_TYPE_INFO[type];
    const text = source[env];
    if (text === undefined || text.trim() === "") {
      out[type] = defaultDays;
      continue;
    }
    const parsed = retentionDays.safeParse(Number(text));
    if (!parsed.success) throw new Error(`${env}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    out[type] = parsed.data;
  }
  return out;
}

/** The effective days: the UI's override where set, else the environment's. */
export function effectiveDays(
  fromEnv: Record<DataType, number>,
  overrides: Partial<Record<DataType, number | null>>,
): Record<DataType, number> {
  const out = { ...fromEnv };
  for (const type of DATA_TYPES) {
    const o = overrides[type];
    if (o !== null && o !== undefined) out[type] = o;
  }
  return out;
}

/** Rows strictly older than this are deleted; null keeps everything. Whole days back from `now`. */
export function cutoffOf(days: number, now: number): number | null {
  return days > 0 ? now - days * DAY_MS : null;
}
