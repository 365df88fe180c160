// UTC windows that quality is rolled up over.
export const WINDOWS = { "1h": 3_600_000, "1d": 86_400_000 } as const;
export type WindowName = keyof typeof WINDOWS;
export const WINDOW_NAMES = Object.keys(WINDOWS) as WindowName[];

export function windowStart(ts: number, window: WindowName): number {
  const size = WINDOWS[window];
  return Math.floor(ts / size) * size;
}
