// Before any query: what this page does and queries over Vigil's own series to start from.
import { EmptyState } from "../ui/empty-state";

export const EXAMPLE_QUERIES = [
  { q: 'vigil_model_accuracy{window="1h"}', what: "hourly accuracy of every model and version" },
  { q: 'sum by (model) (vigil_predictions_total{window="1h"})', what: "predictions per hour, by model" },
  { q: "avg_over_time(vigil_model_f1[1d])", what: "F1 averaged over the last day" },
];

export function ExploreEmpty({ onPick }: { onPick: (q: string) => void }) {
  return (
    <EmptyState title="Write a PromQL expression and press Enter">
      <p>
        Every metric Vigil computes is a time series you can query here. Type to get metric and label
        suggestions, or start from one of these:
      </p>
      <ul className="space-y-1.5">
        {EXAMPLE_QUERIES.map((e) => (
          <li key={e.q} className="flex flex-col gap-0.5 sm:flex-row sm:items-baseline sm:gap-2">
            <button
              type="button"
              onClick={() => onPick(e.q)}
              className="w-fit break-all rounded border border-border bg-surface-2 px-2 py-0.5 text-left font-mono text-xs text-fg hover:border-accent"
            >
              {e.q}
            </button>
            <span className="text-xs">{e.what}</span>
          </li>
        ))}
      </ul>
    </EmptyState>
  );
}
