"use client";
// Gauge panel: an SVG arc from min to max, the threshold bands on its outer edge, the value's arc in its
// threshold colour and the value in the middle; one gauge per series.
import type { Panel } from "@/lib/dashboards/schema";
import { colorFor, formatValue, sortedThresholds, thresholdCss } from "@/lib/dashboards/units";
import { lastValue, type NamedSeries } from "@/lib/dashboards/viz-data";

const MAX_GAUGES = 8;
const START = 150; // degrees, clockwise from 3 o'clock
const SWEEP = 240;
const CX = 100;
const CY = 100;

function point(r: number, deg: number): [number, number] {
  const rad = (deg * Math.PI) / 180;
  return [CX + r * Math.cos(rad), CY + r * Math.sin(rad)];
}

/** An SVG arc path of radius r between two shares (0..1) of the sweep. */
function arc(r: number, from: number, to: number): string {
  const a = START + SWEEP * Math.min(1, Math.max(0, from));
  const b = START + SWEEP * Math.min(1, Math.max(0, to));
  const [x1, y1] = point(r, a);
  const [x2, y2] = point(r, b);
  return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${r} ${r} 0 ${b - a > 180 ? 1 : 0} 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

/** 0 → 1, 73 → 100, 0.42 → 0.5, 1234 → 2000: a round upper end when the panel sets none. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const n = value / magnitude;
  const step = [1, 2, 5, 10].find((s) => n <= s) ?? 10;
  return step * magnitude;
}

export function gaugeRange(panel: Panel, values: ReadonlyArray<number | null>): { min: number; max: number } {
  const min = panel.min ?? 0;
  if (panel.max !== undefined) return { min, max: panel.max };
  if (panel.unit === "percentunit") return { min, max: 1 };
  if (panel.unit === "percent") return { min, max: 100 };
  const top = Math.max(min + 1e-9, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  return { min, max: niceMax(top) };
}

function Gauge({
  panel,
  series,
  range,
  showName,
}: {
  panel: Panel;
  series: NamedSeries;
  range: { min: number; max: number };
  showName: boolean;
}) {
  const value = lastValue(series);
  const share = (v: number) => (v - range.min) / (range.max - range.min);
  const color = colorFor(value, panel.thresholds, "var(--accent)");
  const text = formatValue(value, panel.unit, panel.decimals);
  const thresholds = sortedThresholds(panel.thresholds);
  const bands = thresholds.map((t, i) => ({
    from: share(t.value),
    to: i + 1 < thresholds.length ? share(thresholds[i + 1]!.value) : 1,
    color: thresholdCss(t.color),
  }));
  return (
    <figure
      className="m-0 flex min-h-0 min-w-0 flex-1 basis-32 flex-col items-center justify-center"
      data-testid="viz-gauge"
    >
      <svg
        viewBox="0 0 200 170"
        className="h-full max-h-full w-full min-h-0"
        role="img"
        aria-label={`${series.name}: ${text} (range ${formatValue(range.min, panel.unit)} to ${formatValue(range.max, panel.unit)})`}
      >
        <path
          d={arc(72, 0, 1)}
          fill="none"
          stroke="var(--surface-2)"
          strokeWidth={16}
          strokeLinecap="round"
        />
        {bands.map((b) => (
          <path
            key={`${b.from}-${b.color}`}
            d={arc(86, b.from, b.to)}
            fill="none"
            stroke={b.color}
            strokeWidth={4}
          />
        ))}
        {value !== null && share(value) > 0 && (
          <path
            d={arc(72, 0, share(value))}
            fill="none"
            stroke={color}
            strokeWidth={16}
            strokeLinecap="round"
          />
        )}
        <text
          x={CX}
          y={CY + 8}
          textAnchor="middle"
          fontSize={28}
          fontWeight={600}
          fill={color}
          data-testid="gauge-value"
        >
          {text}
        </text>
        <text x={point(72, START)[0]} y={158} textAnchor="middle" fontSize={11} fill="var(--muted)">
          {formatValue(range.min, panel.unit)}
        </text>
        <text x={point(72, START + SWEEP)[0]} y={158} textAnchor="middle" fontSize={11} fill="var(--muted)">
          {formatValue(range.max, panel.unit)}
        </text>
      </svg>
      {showName && (
        <figcaption className="max-w-full truncate font-mono text-xs text-muted">{series.name}</figcaption>
      )}
    </figure>
  );
}

export function GaugeViz({ panel, series }: { panel: Panel; series: NamedSeries[] }) {
  const shown = series.slice(0, MAX_GAUGES);
  const range = gaugeRange(panel, shown.map(lastValue));
  return (
    <div className="flex h-full min-h-0 gap-2">
      {shown.map((s) => (
        <Gauge key={s.key} panel={panel} series={s} range={range} showName={series.length > 1} />
      ))}
    </div>
  );
}
