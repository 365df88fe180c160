"use client";
// Built-in panels: Vigil's own views on a dashboard, drawn with the components of their pages — the confusion
// matrix (model page), the drift verdict with its per-feature badges (drift tab), a shadow's verdict with its
// quality table (shadows tab), and an experiment's decision with its variant table (experiment page).
import Link from "next/link";
import { prepareConfusion } from "@/lib/charts/confusion";
import {
  columnDisplayName,
  DEFAULT_SORT,
  driftCounts,
  formatStatistic,
  sortColumns,
  stattestLabel,
} from "@/lib/charts/drift";
import { metricKeys, variantRows } from "@/lib/charts/experiment-results";
import { formatDateTime, formatInteger } from "@/lib/charts/format";
import { deltaTone, qualityRows, shadowVerdict } from "@/lib/charts/shadow";
import type { PanelResponse } from "@/lib/dashboards/panel-query";
import { ConfusionMatrixTable } from "../../charts/confusion-matrix";
import { DriftBadges } from "../../drift/feature-table";
import { VariantTable } from "../../experiments/experiment-tables";
import { SrmBanner } from "../../experiments/experiment-verdict";
import { QualityTable } from "../../shadow/shadow-tables";
import { EmptyState } from "../../ui/empty-state";

type Builtin = Exclude<PanelResponse, { kind: "prom" }>;

function Confusion({ r }: { r: Extract<Builtin, { kind: "confusion-matrix" }> }) {
  const data = prepareConfusion(r.quality.windows.map((w) => w.confusionMatrix));
  if (!data || data.total === 0)
    return (
      <EmptyState title="No labeled predictions in this range">
        <p>Send labels for {r.quality.model} (POST /api/v1/labels) or widen the time range.</p>
      </EmptyState>
    );
  return <ConfusionMatrixTable data={data} />;
}

function Drift({ r }: { r: Extract<Builtin, { kind: "drift-table" }> }) {
  const d = r.drift;
  const counts = driftCounts(d.features);
  const rows = sortColumns(d.features, DEFAULT_SORT.key, DEFAULT_SORT.dir);
  const href = `/models/${encodeURIComponent(d.model)}?tab=drift`;
  return (
    <div className="space-y-2 text-sm">
      <p
        className={`font-medium ${d.datasetDrift ? "text-bad" : "text-good"}`}
        data-testid="builtin-drift-verdict"
      >
        {!d.reference
          ? "No reference data yet."
          : d.datasetDrift
            ? `Dataset drift: ${counts.drifted} of ${counts.tested} features drifted.`
            : `No dataset drift: ${counts.drifted} of ${counts.tested} features drifted.`}{" "}
        <Link href={href} className="text-xs font-normal text-accent hover:underline">
          details
        </Link>
      </p>
      <table className="w-full text-xs" data-testid="builtin-drift-table">
        <caption className="sr-only">Drift per feature of {d.model}</caption>
        <thead className="border-b border-border text-left text-muted">
          <tr>
            <th scope="col" className="px-2 py-1 font-medium">
              Feature
            </th>
            <th scope="col" className="px-2 py-1 font-medium">
              Test
            </th>
            <th scope="col" className="px-2 py-1 text-right font-medium">
              Statistic
            </th>
            <th scope="col" className="px-2 py-1 font-medium">
              Drifted
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.name} className="border-b border-border last:border-0">
              <th scope="row" className="px-2 py-1 text-left font-mono font-medium break-all">
                {columnDisplayName(c.name)}
              </th>
              <td className="px-2 py-1 whitespace-nowrap">{stattestLabel(c.stattest, true)}</td>
              <td className="px-2 py-1 text-right font-mono tabular-nums">
                {formatStatistic(c.statistic, c.stattest)}
              </td>
              <td className="px-2 py-1">
                <DriftBadges column={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Shadow({ r }: { r: Extract<Builtin, { kind: "shadow-verdict" }> }) {
  const c = r.comparison;
  const line = shadowVerdict(c);
  const tone = deltaTone(c.accuracyDelta);
  return (
    <div className="space-y-2" data-testid="builtin-shadow-verdict">
      <p className="text-sm font-medium">
        {line ?? `${c.name} has no answered predictions in this range.`}
        {tone && tone !== "same" && (
          <span className={`ml-2 ${tone === "better" ? "text-good" : "text-bad"}`}>
            ({tone === "better" ? "significantly better" : "significantly worse"})
          </span>
        )}
      </p>
      <p className="text-xs text-muted">
        {formatInteger(c.evaluated)} compared · {formatInteger(c.labeled)} labeled · {formatDateTime(c.from)}{" "}
        – {formatDateTime(c.to)}
      </p>
      {c.labeled > 0 && <QualityTable rows={qualityRows(c)} shadowName={c.name} />}
    </div>
  );
}

function Experiment({ r }: { r: Extract<Builtin, { kind: "experiment-summary" }> }) {
  const results = r.results;
  const total = results.variants.reduce((s, v) => s + v.n, 0);
  return (
    <div className="space-y-2" data-testid="builtin-experiment-summary">
      <p className="text-sm font-medium">{results.decision}</p>
      <p className="text-xs text-muted">
        {formatInteger(total)} units · computed {formatDateTime(results.computedAt)} ·{" "}
        <Link
          href={`/experiments/${encodeURIComponent(results.experiment.key)}`}
          className="text-accent hover:underline"
        >
          details
        </Link>
      </p>
      <SrmBanner results={results} />
      <VariantTable rows={variantRows(results)} metrics={metricKeys(results)} />
    </div>
  );
}

export function BuiltinViz({ response }: { response: Builtin }) {
  switch (response.kind) {
    case "confusion-matrix":
      return <Confusion r={response} />;
    case "drift-table":
      return <Drift r={response} />;
    case "shadow-verdict":
      return <Shadow r={response} />;
    case "experiment-summary":
      return <Experiment r={response} />;
  }
}
