// Model page header: name, task, positive class, versions in their chart colours, and the serving endpoints'
// status in one badge (the worst of them) that leads to the Serving tab.
import Link from "next/link";
import type { StatusTone } from "@/lib/charts/serving-endpoints";
import type { ModelSummary, QualityResponse } from "../hooks/types";
import { HealthBadge, TaskBadge } from "../model-badges";
import { Badge } from "../ui/badge";

export function ModelHeader({
  name,
  quality,
  summary,
  colors,
  versions,
  serving = null,
}: {
  name: string;
  quality: QualityResponse | undefined;
  summary: ModelSummary | undefined;
  colors: Record<string, string>;
  versions: string[];
  /** The serving endpoints' overall status and the Serving tab's URL; null when none is registered. */
  serving?: { tone: StatusTone; label: string; href: string } | null;
}) {
  const task = quality?.task ?? summary?.task ?? null;
  const positive = quality?.positiveClass ?? summary?.positiveClass ?? null;
  return (
    <div className="min-w-0 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="truncate text-xl font-semibold tracking-tight">{summary?.displayName || name}</h1>
        {summary?.displayName && <span className="font-mono text-sm text-muted">{name}</span>}
        <TaskBadge task={task} source={summary?.taskSource} />
        {summary && <HealthBadge health={summary.health} />}
        {serving && (
          <Link href={serving.href} scroll={false} data-testid="header-serving" className="hover:opacity-80">
            <Badge tone={serving.tone} title="Serving endpoints: the worst status among them">
              Serving: {serving.label}
            </Badge>
          </Link>
        )}
      </div>
      {summary?.description && <p className="text-sm text-muted">{summary.description}</p>}
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        {task === "binary" && (
          <div className="flex gap-1.5">
            <dt className="text-muted">Positive class</dt>
            <dd className="font-mono">{positive ?? "default (1, true, or the last class)"}</dd>
          </div>
        )}
        <div className="flex flex-wrap gap-1.5">
          <dt className="text-muted">Versions</dt>
          <dd className="flex flex-wrap gap-2">
            {versions.length === 0 && "—"}
            {versions.map((v) => (
              <span key={v} className="inline-flex items-center gap-1 font-mono">
                <span aria-hidden="true" className="h-2 w-2 rounded-full" style={{ background: colors[v] }} />
                {v}
              </span>
            ))}
          </dd>
        </div>
        {summary?.owner && (
          <div className="flex gap-1.5">
            <dt className="text-muted">Owner</dt>
            <dd>{summary.owner}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
