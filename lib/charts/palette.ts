// The one chart palette: Okabe–Ito, colour-blind safe. Every chart takes its series colours from here,
// so a model version keeps its colour across all panels of a page.

export const SERIES_COLORS = [
  "#0072B2", // blue
  "#E69F00", // orange
  "#009E73", // bluish green
  "#D55E00", // vermillion
  "#CC79A7", // reddish purple
  "#56B4E9", // sky blue
  "#F0E442", // yellow
  "#999999", // grey
] as const;

/** Colour for the i-th series; wraps around after the palette is exhausted. */
export function seriesColor(index: number): string {
  const n = SERIES_COLORS.length;
  return SERIES_COLORS[((index % n) + n) % n]!;
}

/** Stable colour per version: versions are coloured by their position in the given (sorted) list. */
export function versionColors(versions: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  versions.forEach((v, i) => {
    out[v] = seriesColor(i);
  });
  return out;
}

/** Heatmap shading (confusion matrix): the palette's blue at an opacity proportional to share (0..1). */
export const HEAT_RGB = "0, 114, 178";

export function heatColor(share: number): string {
  const s = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  return `rgba(${HEAT_RGB}, ${(0.06 + 0.94 * s).toFixed(3)})`;
}

/** Text on a heat cell needs to flip to white once the cell is dark enough. */
export function heatTextIsLight(share: number): boolean {
  return share >= 0.5;
}

/** Health badge colours (semantic, not series): ok / stale / no labels / no data. */
export const HEALTH_TONE = {
  ok: "good",
  stale: "warn",
  "no-labels": "info",
  "no-data": "muted",
} as const;
