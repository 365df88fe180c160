"use client";
// "Lift with interval bars" for one metric: a row per treatment, the confidence interval of the relative lift
// as a bar around the zero line (the always-valid sequential interval as a thinner bar behind it), the point
// estimate as a dot, coloured by significance; the numbers beside it. Geometry from lib/charts.
import { type SignificanceTone, TONE_LABELS } from "@/lib/charts/experiment-format";
import type { LiftBarRow, LiftChart } from "@/lib/charts/experiment-results";

const TONE_FILL: Record<SignificanceTone, string> = {
  better: "bg-good/30 border-good",
  worse: "bg-bad/30 border-bad",
  inconclusive: "bg-muted/20 border-muted",
};
const TONE_DOT: Record<SignificanceTone, string> = {
  better: "bg-good",
  worse: "bg-bad",
  inconclusive: "bg-muted",
};
const TONE_TEXT: Record<SignificanceTone, string> = {
  better: "text-good",
  worse: "text-bad",
  inconclusive: "text-muted",
};

function Plot({ row, zero }: { row: LiftBarRow; zero: number }) {
  return (
    <div className="relative h-8 w-full" aria-hidden="true">
      <div className="absolute top-1/2 right-0 left-0 h-px bg-border" />
      <div className="absolute top-0 bottom-0 w-px bg-fg/50" style={{ left: `${zero}%` }} />
      {row.sequentialBar && (
        <div
          className={`absolute top-1/2 h-1 -translate-y-1/2 rounded-full ${TONE_DOT[row.tone]} opacity-40`}
          style={{ left: `${row.sequentialBar.left}%`, width: `${row.sequentialBar.width}%` }}
          data-testid="lift-sequential-bar"
        />
      )}
      {row.bar && (
        <div
          className={`absolute top-1/2 h-3.5 -translate-y-1/2 rounded-sm border ${TONE_FILL[row.tone]}`}
          style={{ left: `${row.bar.left}%`, width: `${row.bar.width}%` }}
          data-testid="lift-bar"
        />
      )}
      {row.point !== null && (
        <div
          className={`absolute top-1/2 h-3 w-3 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-surface ${TONE_DOT[row.tone]}`}
          style={{ left: `${row.point}%` }}
        />
      )}
    </div>
  );
}

function Stat({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div title={title}>
      <dt className="text-muted">{label}</dt>
      <dd className="font-mono tabular-nums">{value}</dd>
    </div>
  );
}

export function LiftBars({ chart }: { chart: LiftChart }) {
  if (chart.rows.length === 0)
    return <p className="text-sm text-muted">No comparison for this metric yet.</p>;
  return (
    <div className="space-y-3" data-testid={`lift-chart-${chart.metric}`}>
      {chart.rows.map((r) => (
        <div
          key={r.variant}
          className="grid grid-cols-1 gap-x-4 gap-y-1 md:grid-cols-[8rem_minmax(0,1fr)_22rem] md:items-center"
          data-testid="lift-row"
          data-tone={r.tone}
        >
          <div className="min-w-0">
            <p className="flex items-center gap-1.5 truncate text-sm font-medium">
              <span
                aria-hidden="true"
                className="h-2.5 w-2.5 shrink-0 rounded-full"
                style={{ background: r.color }}
              />
              {r.variant}
            </p>
            <p className={`text-xs ${TONE_TEXT[r.tone]}`}>
              {TONE_LABELS[r.tone]}
              {r.inverse ? " · lower is better" : ""}
            </p>
          </div>
          <div className="min-w-0">
            <Plot row={r} zero={chart.zero} />
            <p className="text-sm tabular-nums">
              <span className={`font-semibold ${TONE_TEXT[r.tone]}`} data-testid="lift-value">
                {r.lift}
              </span>{" "}
              <span className="text-muted" data-testid="lift-interval">
                {r.interval}
              </span>
              {r.sequentialInterval && (
                <span className="ml-2 text-xs text-muted" title="Always-valid interval (safe to peek)">
                  sequential {r.sequentialInterval}
                </span>
              )}
            </p>
          </div>
          <dl className="grid grid-cols-4 gap-2 text-xs">
            <Stat label="p" value={r.pValue} />
            <Stat label="adj. p" value={r.adjustedPValue} title="Holm-adjusted across variants × metrics" />
            <Stat label="P(beat)" value={r.chance} title="Chance to beat control (Bayesian)" />
            <Stat label="exp. loss" value={r.expectedLoss} title="Expected loss of choosing this variant" />
          </dl>
        </div>
      ))}
      <div
        className="relative hidden h-4 text-[11px] text-muted md:ml-[9rem] md:mr-[23rem] md:block"
        aria-hidden="true"
      >
        {chart.ticks.map((t, i) => (
          <span
            key={`${t.at}-${t.label}`}
            className={`absolute ${i === 0 ? "" : i === chart.ticks.length - 1 ? "-translate-x-full" : "-translate-x-1/2"}`}
            style={{ left: `${t.at}%` }}
          >
            {t.label}
          </span>
        ))}
      </div>
    </div>
  );
}
