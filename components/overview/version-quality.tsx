// Per-version latest quality in one compact list (accuracy · F1, or MAE for regression).
import { formatMetric, formatPercent } from "@/lib/charts/format";
import { versionColors } from "@/lib/charts/palette";
import type { ModelSummary } from "../hooks/types";

export function VersionQuality({ model }: { model: ModelSummary }) {
  if (model.versions.length === 0) return <span className="text-muted">—</span>;
  const colors = versionColors(model.versions.map((v) => v.name));
  const regression = model.task === "regression";
  return (
    <ul className="space-y-0.5 text-xs tabular-nums">
      {model.versions.map((v) => (
        <li key={v.name} className="flex items-center gap-1.5 whitespace-nowrap">
          <span aria-hidden="true" className="h-2 w-2 rounded-full" style={{ background: colors[v.name] }} />
          <span className="font-mono">{v.name}</span>
          {regression ? (
            <span>MAE {formatMetric(v.mae)}</span>
          ) : (
            <span>
              acc {formatPercent(v.accuracy)} · F1 {formatMetric(v.f1)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
