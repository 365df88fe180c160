"use client";
// The verdict first: the decision sentence in a callout, the SRM banner when the split is off, the power line,
// and when the numbers were computed with a "Recompute" button.
import { powerLine, srmSummary } from "@/lib/charts/experiment-results";
import { formatDateTime, formatRelativeTime } from "@/lib/charts/format";
import type { ExperimentResults } from "@/lib/experiments/schemas";
import { AlertIcon } from "../icons";
import { secondaryButton } from "./form-fields";

export function SrmBanner({ results }: { results: ExperimentResults }) {
  if (!results.srm.flagged) return null;
  const s = srmSummary(results);
  return (
    <section
      role="alert"
      aria-label="Sample ratio mismatch"
      className="rounded-lg border border-bad/50 bg-bad/10 p-4 text-sm"
      data-testid="experiment-srm"
    >
      <p className="flex items-center gap-2 font-semibold text-bad">
        <AlertIcon /> Sample ratio mismatch — the results below are not trustworthy
      </p>
      <p className="mt-1">
        The units per variant differ from the configured weights more than chance allows (χ² = {s.chiSquare},{" "}
        {s.pClause}). Check the assignment and any filtering that depends on the variant before reading the
        lifts.
      </p>
      <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1 tabular-nums">
        {s.counts.map((c) => (
          <li key={c.variant}>
            <span className="font-medium">{c.variant}</span>: {c.observed} observed vs {c.expected} expected
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Verdict({
  results,
  now,
  onRecompute,
  recomputing,
  recomputeError,
}: {
  results: ExperimentResults;
  now: number;
  onRecompute: () => void;
  recomputing: boolean;
  recomputeError: string | null;
}) {
  const power = powerLine(results);
  return (
    <section
      aria-label="Decision"
      className="rounded-lg border border-accent/40 bg-accent/5 p-4 shadow-sm"
      data-testid="experiment-verdict"
    >
      <p className="text-xs font-medium tracking-wide text-muted uppercase">Decision</p>
      <p className="mt-1 text-base font-medium sm:text-lg" data-testid="experiment-decision">
        {results.decision}
      </p>
      {power && (
        <p className="mt-2 text-sm text-muted" data-testid="experiment-power">
          {power}
        </p>
      )}
      <div className="mt-3 flex flex-wrap items-center gap-3 text-xs text-muted">
        <span>
          Computed{" "}
          <time dateTime={results.computedAt} title={formatDateTime(results.computedAt)}>
            {formatRelativeTime(results.computedAt, now)}
          </time>{" "}
          over {formatDateTime(results.from)} – {formatDateTime(results.to)} · α = {results.experiment.alpha}{" "}
          · sequential: {results.sequential.method}
        </span>
        <button
          type="button"
          className={`${secondaryButton} h-7 px-2 text-xs`}
          onClick={onRecompute}
          disabled={recomputing}
          data-testid="experiment-recompute"
        >
          {recomputing ? "Recomputing…" : "Recompute"}
        </button>
        {recomputeError && (
          <span role="alert" className="text-bad">
            {recomputeError}
          </span>
        )}
      </div>
    </section>
  );
}
