// The verdict first, then the per-version numbers for the whole range (window=all).
import { formatInteger, formatMetric, formatPercent } from "@/lib/charts/format";
import type { Summary } from "@/lib/charts/summary";
import type { Task } from "../hooks/types";

const TONE: Record<Summary["tone"], string> = {
  good: "border-good/40 bg-good/10",
  warn: "border-warn/40 bg-warn/10",
  info: "border-info/40 bg-info/10",
  muted: "border-border bg-surface-2",
};

export function SummaryStrip({
  summary,
  task,
  colors,
}: {
  summary: Summary;
  task: Task | null;
  colors: Record<string, string>;
}) {
  const regression = task === "regression";
  const cols = regression
    ? (["mae", "rmse", "r2"] as const)
    : (["accuracy", "f1", "rocAuc", "logLoss"] as const);
  const heads: Record<(typeof cols)[number], string> = {
    accuracy: "Accuracy",
    f1: "F1",
    rocAuc: "AUC",
    logLoss: "Log loss",
    mae: "MAE",
    rmse: "RMSE",
    r2: "R²",
  };
  return (
    <section
      aria-label="Summary"
      className="rounded-lg border border-border bg-surface shadow-sm"
      data-testid="summary"
    >
      <p
        className={`rounded-t-lg border-b px-3 sm:px-4 py-3 text-base font-medium ${TONE[summary.tone]}`}
        data-testid="verdict"
      >
        {summary.verdict}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm tabular-nums">
          <thead className="text-left text-xs text-muted">
            <tr>
              <th scope="col" className="px-3 sm:px-4 pt-2 font-medium">
                Version
              </th>
              <th scope="col" className="px-2 pt-2 sm:px-3 text-right font-medium">
                Predictions
              </th>
              <th scope="col" className="px-2 pt-2 sm:px-3 text-right font-medium">
                Labeled
              </th>
              {cols.map((c) => (
                <th key={c} scope="col" className="px-2 pt-2 sm:px-3 text-right font-medium">
                  {heads[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summary.versions.map((v) => (
              <tr key={v.version} className={v.version === summary.best ? "font-semibold" : ""}>
                <th
                  scope="row"
                  className="px-3 sm:px-4 py-2 text-left font-mono font-medium whitespace-nowrap"
                >
                  <span
                    aria-hidden="true"
                    className="mr-1.5 inline-block h-2 w-2 rounded-full"
                    style={{ background: colors[v.version] }}
                  />
                  {v.version}
                </th>
                <td className="px-2 py-2 sm:px-3 text-right">{formatInteger(v.count)}</td>
                <td className="px-2 py-2 sm:px-3 text-right">{formatPercent(v.labeledShare)}</td>
                {cols.map((c) => (
                  <td key={c} className="px-2 py-2 sm:px-3 text-right">
                    {c === "accuracy" ? formatPercent(v[c]) : formatMetric(v[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
