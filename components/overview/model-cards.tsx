"use client";
// Narrow screens: one stacked card per model.
import Link from "next/link";
import { formatCount, formatPercent, formatRelativeTime } from "@/lib/charts/format";
import { Sparkline } from "../charts/sparkline";
import type { ModelSummary } from "../hooks/types";
import { HealthBadge, TaskBadge } from "../model-badges";
import { VersionQuality } from "./version-quality";

export function ModelCards({ models, now }: { models: ModelSummary[]; now: number }) {
  return (
    <ul className="space-y-3 md:hidden" data-testid="models-cards">
      {models.map((m) => (
        <li key={m.name} className="rounded-lg border border-border bg-surface p-4">
          <div className="flex items-start justify-between gap-2">
            <div className="min-w-0">
              <Link
                href={`/models/${encodeURIComponent(m.name)}`}
                className="block truncate font-medium text-accent hover:underline"
              >
                {m.displayName || m.name}
              </Link>
              {m.displayName && <span className="font-mono text-xs text-muted">{m.name}</span>}
            </div>
            <HealthBadge health={m.health} />
          </div>
          <div className="mt-2 flex flex-wrap gap-1.5">
            <TaskBadge task={m.task} source={m.taskSource} />
          </div>
          <div className="mt-3 flex items-center justify-between gap-3">
            <Sparkline volume={m.volume} className="h-10 min-w-0 flex-1" />
            <div className="text-right">
              <div className="font-semibold tabular-nums">{formatCount(m.predictions24h)}</div>
              <div className="text-xs text-muted">predictions 24h</div>
            </div>
          </div>
          <dl className="mt-3 grid grid-cols-2 gap-2 text-xs">
            <div>
              <dt className="text-muted">Labeled</dt>
              <dd className="tabular-nums">{formatPercent(m.labelCoverage, 0)}</dd>
            </div>
            <div>
              <dt className="text-muted">Last prediction</dt>
              <dd>{formatRelativeTime(m.lastPredictionAt, now)}</dd>
            </div>
          </dl>
          <div className="mt-3">
            <VersionQuality model={m} />
          </div>
        </li>
      ))}
    </ul>
  );
}
