"use client";
// Overview: every model, live (30 s). Filter + sort controls, table on wide screens, cards on narrow.
import { useMemo, useState } from "react";
import { filterModels, type HealthKind, type SortDir, type SortKey, sortModels } from "@/lib/charts/overview";
import { useModels } from "../hooks/use-models";
import { useNow } from "../hooks/use-now";
import { SendPredictionsHelp } from "../ingest-help";
import { EmptyState } from "../ui/empty-state";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { ModelCards } from "./model-cards";
import { ModelsTable } from "./models-table";

const HEALTH_FILTERS: Array<{ value: HealthKind | "all"; label: string }> = [
  { value: "all", label: "All health" },
  { value: "ok", label: "ok" },
  { value: "stale", label: "stale" },
  { value: "no-labels", label: "no labels" },
  { value: "no-data", label: "no data" },
];

const control =
  "rounded-md border border-border bg-surface px-3 py-1.5 text-sm text-fg placeholder:text-muted focus:border-accent";

export function ModelsOverview() {
  const { data, error, isPending } = useModels();
  const now = useNow(30_000);
  const [text, setText] = useState("");
  const [health, setHealth] = useState<HealthKind | "all">("all");
  const [sort, setSort] = useState<SortKey>("name");
  const [dir, setDir] = useState<SortDir>("asc");

  const models = data?.models;
  const shown = useMemo(
    () => (models ? sortModels(filterModels(models, text, health), sort, dir) : []),
    [models, text, health, sort, dir],
  );

  function onSort(key: SortKey) {
    if (key === sort) setDir(dir === "asc" ? "desc" : "asc");
    else {
      setSort(key);
      setDir(key === "name" || key === "health" ? "asc" : "desc");
    }
  }

  if (isPending) {
    return (
      <LoadingRegion label="Loading models">
        <div className="space-y-3">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-20 w-full" />
          ))}
        </div>
      </LoadingRegion>
    );
  }
  if (error && !data) {
    return (
      <EmptyState title="Could not load models">
        <p>{error.message}. The page retries every 30 seconds; check that the server and database are up.</p>
      </EmptyState>
    );
  }
  if (!models || models.length === 0) {
    return (
      <EmptyState title="No models yet">
        <SendPredictionsHelp />
      </EmptyState>
    );
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor="model-filter">
          Filter models
        </label>
        <input
          id="model-filter"
          type="search"
          placeholder="Filter by name or task"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className={`${control} min-w-0 flex-1 sm:max-w-xs`}
        />
        <label className="sr-only" htmlFor="health-filter">
          Health
        </label>
        <select
          id="health-filter"
          value={health}
          onChange={(e) => setHealth(e.target.value as HealthKind | "all")}
          className={control}
        >
          {HEALTH_FILTERS.map((h) => (
            <option key={h.value} value={h.value}>
              {h.label}
            </option>
          ))}
        </select>
        <span className="text-xs text-muted" aria-live="polite">
          {shown.length} of {models.length} models
        </span>
      </div>
      {shown.length === 0 ? (
        <EmptyState title="No model matches the filter">
          <p>Clear the filter text or choose “All health”.</p>
        </EmptyState>
      ) : (
        <>
          <ModelsTable models={shown} sort={sort} dir={dir} onSort={onSort} now={now} />
          <ModelCards models={shown} now={now} />
        </>
      )}
    </div>
  );
}
