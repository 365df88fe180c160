"use client";
// The answer of a run: count, duration and warnings, then the table or the graph (or a skeleton).
import { useMemo } from "react";
import { formatInteger } from "@/lib/charts/format";
import { MAX_GRAPH_SERIES, prepareGraph } from "@/lib/charts/prom-graph";
import { prepareTable, resultCount } from "@/lib/charts/prom-table";
import type { ExploreMode } from "@/lib/charts/prom-url";
import type { PromRunResult } from "../hooks/use-prom-query";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { ResultGraph } from "./result-graph";
import { ResultTable } from "./result-table";

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function Body({ result, stacked }: { result: PromRunResult; stacked: boolean }) {
  const graph = useMemo(
    () => (result.run.mode === "graph" ? prepareGraph(result.data, MAX_GRAPH_SERIES) : null),
    [result],
  );
  const rows = useMemo(() => (result.run.mode === "table" ? prepareTable(result.data) : null), [result]);
  return (
    <>
      {graph?.truncated && (
        <p className="mb-2 text-xs text-warn" data-testid="series-cap">
          Showing the first {MAX_GRAPH_SERIES} of {formatInteger(graph.total)} series. Aggregate (sum by,
          topk) or add label matchers to see the rest.
        </p>
      )}
      {graph && <ResultGraph key={result.run.query} graph={graph} stacked={stacked} />}
      {rows && <ResultTable rows={rows} />}
    </>
  );
}

export function ExploreResults({
  result,
  loading,
  fetching,
  mode,
  stacked,
}: {
  result: PromRunResult | undefined;
  loading: boolean;
  fetching: boolean;
  mode: ExploreMode;
  stacked: boolean;
}) {
  if (loading || (result && result.run.mode !== mode)) {
    return (
      <LoadingRegion label="Running query">
        {mode === "graph" ? <Skeleton className="h-80 w-full" /> : <Skeleton className="h-40 w-full" />}
      </LoadingRegion>
    );
  }
  if (!result) return null;
  const count = resultCount(result.data);
  const kind = result.data.resultType;
  return (
    <section
      aria-label="Query result"
      aria-busy={fetching}
      className={fetching ? "opacity-70 transition-opacity" : ""}
    >
      <p className="mb-2 text-xs text-muted" data-testid="result-stats">
        {kind === "scalar" || kind === "string" ? `${kind} result` : `${formatInteger(count)} series`} ·{" "}
        {formatMs(result.durationMs)} · {kind}
      </p>
      {result.warnings.map((w) => (
        <p key={w} className="mb-2 text-xs text-warn">
          {w}
        </p>
      ))}
      <Body result={result} stacked={stacked} />
    </section>
  );
}
