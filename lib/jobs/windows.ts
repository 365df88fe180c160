// UTC windows that quality is rolled up over.
export const WINDOWS = { "1h": 3_600_000, "1d": 86_400_000 } as const;
export type WindowName = keyof typeof WINDOWS;
export const WINDOW_NAMES = Object.keys(WINDOWS) as WindowName[];

/**
 * Windows the quality job stores: the API's, plus the 5-minute buckets an hour is merged from, so a recompute
 * reads at most one bucket of raw rows however full its hour or day is (lib/rollups/quality-window.ts).
 */
export const ROLLUP_WINDOWS = { "5m": 300_000, ...WINDOWS } as const;
export type RollupWindow = keyof typeof ROLLUP_WINDOWS;

export function windowStart(ts: number, window: RollupWindow): number {
  const size = ROLLUP_WINDOWS[window];
  return Math.floor(ts / size) * size;
}
