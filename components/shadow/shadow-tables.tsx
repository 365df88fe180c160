"use client";
// The Shadows tab's tables: quality side by side (Δ with its 95% interval), disagreement by segment, and a
// sample of disagreeing rows with their features (each row's features in a disclosure).
import { formatDateTime, formatInteger, formatMetric, formatPercent } from "@/lib/charts/format";
import {
  featureEntries,
  formatSigned,
  formatValue,
  type QualityRow,
  type SegmentRow,
  type ShadowPredictionRow,
} from "@/lib/charts/shadow";

const th = "px-3 py-2 font-medium";
const num = "px-3 py-2 text-right font-mono text-xs tabular-nums whitespace-nowrap";

function deltaClass(r: QualityRow): string {
  if (r.delta === null || r.ci === null) return "";
  const lo = r.delta - r.ci;
  const hi = r.delta + r.ci;
  const better = r.lowerIsBetter ? hi < 0 : lo > 0;
  const worse = r.lowerIsBetter ? lo > 0 : hi < 0;
  return better ? "text-good" : worse ? "text-bad" : "";
}

export function QualityTable({ rows, shadowName }: { rows: QualityRow[]; shadowName: string }) {
  return (
    <table className="w-full text-sm" data-testid="shadow-quality-table">
      <caption className="sr-only">Quality of production and {shadowName} on the same labeled rows</caption>
      <thead className="border-b border-border text-left text-xs text-muted">
        <tr>
          <th scope="col" className={th}>
            Metric
          </th>
          <th scope="col" className={`${th} text-right`}>
            Production
          </th>
          <th scope="col" className={`${th} text-right`}>
            {shadowName}
          </th>
          <th scope="col" className={`${th} text-right`}>
            Δ (95% CI)
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-b border-border last:border-0">
            <th scope="row" className="px-3 py-2 text-left font-medium">
              {r.label}
            </th>
            <td className={num}>{formatMetric(r.production)}</td>
            <td className={num}>{formatMetric(r.shadow)}</td>
            <td className={`${num} ${deltaClass(r)}`}>
              {formatSigned(r.delta)}
              {r.ci !== null && ` ± ${formatMetric(r.ci)}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SegmentTable({ rows }: { rows: SegmentRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="shadow-segment-table">
        <caption className="sr-only">Disagreement by segment, most disagreeing rows first</caption>
        <thead className="border-b border-border text-left text-xs text-muted">
          <tr>
            <th scope="col" className={th}>
              Feature
            </th>
            <th scope="col" className={th}>
              Value
            </th>
            <th scope="col" className={`${th} text-right`}>
              Rows
            </th>
            <th scope="col" className={`${th} text-right`}>
              Disagreeing
            </th>
            <th scope="col" className={`${th} text-right`}>
              Agreement
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-b border-border last:border-0" data-testid="shadow-segment-row">
              <td className="px-3 py-2 text-muted">{r.feature}</td>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {formatValue(r.value)}
              </th>
              <td className={num}>{formatInteger(r.n)}</td>
              <td className={num}>{formatInteger(r.disagreed)}</td>
              <td className={num}>{formatPercent(r.agreement)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const show = (v: unknown) => (v === null || v === undefined ? "—" : formatValue(v, 30));

export function DisagreeingRows({ rows }: { rows: ShadowPredictionRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="shadow-disagreeing-table">
        <caption className="sr-only">
          A sample of rows where the shadow and production disagree, newest first
        </caption>
        <thead className="border-b border-border text-left text-xs text-muted">
          <tr>
            <th scope="col" className={th}>
              Prediction id
            </th>
            <th scope="col" className={th}>
              Time
            </th>
            <th scope="col" className={th}>
              Production
            </th>
            <th scope="col" className={th}>
              Shadow
            </th>
            <th scope="col" className={th}>
              Label
            </th>
            <th scope="col" className={th}>
              Features
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              className="border-b border-border align-top last:border-0"
              data-testid="shadow-disagreeing-row"
            >
              <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-medium">
                {formatValue(r.id, 40)}
              </th>
              <td className="px-3 py-2 text-xs whitespace-nowrap text-muted">{formatDateTime(r.ts)}</td>
              <td className="px-3 py-2 font-mono text-xs">
                {show(r.production.prediction)}
                {r.production.score !== null && (
                  <span className="text-muted"> ({formatMetric(r.production.score)})</span>
                )}
              </td>
              <td className="px-3 py-2 font-mono text-xs">
                {show(r.shadow.prediction)}
                {r.shadow.score !== null && (
                  <span className="text-muted"> ({formatMetric(r.shadow.score)})</span>
                )}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{show(r.label)}</td>
              <td className="px-3 py-2">
                <details>
                  <summary className="cursor-pointer text-xs text-accent">
                    {Object.keys(r.features).length} features
                  </summary>
                  <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
                    {featureEntries(r.features).map(([k, v]) => (
                      <div key={k} className="contents">
                        <dt className="text-muted">{k}</dt>
                        <dd className="font-mono">{v}</dd>
                      </div>
                    ))}
                  </dl>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
