"use client";
// The GPU view: one instant query for the table (every DCGM / Triton GPU gauge at the range's end, or now) and
// one range query for the utilization heatmap, on the chosen source. Verdict first (how many GPUs, how busy),
// then the table by node, then the heatmap; an empty state says how to get GPU data in.
import Link from "next/link";
import { useMemo, useState } from "react";
import type { ClusterState } from "@/lib/charts/cluster-url";
import { formatDateTime } from "@/lib/charts/format";
import { prepareHeatmap } from "@/lib/charts/gpu-heatmap";
import {
  formatMiB,
  formatUtilization,
  type GpuSortKey,
  gpuInstantQuery,
  gpuRows,
  gpuSummary,
  nodesOf,
  type SortDir,
} from "@/lib/charts/gpu-view";
import { resolveRange } from "@/lib/charts/range";
import { useGpuInstant, useGpuRange } from "../hooks/use-cluster";
import { useNow } from "../hooks/use-now";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { ClusterRangePicker, NodeFilter, SourcePicker } from "./gpu-controls";
import { GpuHeatmap } from "./gpu-heatmap";
import { GpuTable } from "./gpu-table";

function NoGpuData({ source }: { source: string | null }) {
  return (
    <EmptyState title={source ? `No GPU series on data source “${source}”` : "No GPU data yet"}>
      <p>
        The GPU view reads the DCGM exporter's gauges (<code className="font-mono">DCGM_FI_DEV_GPU_UTIL</code>
        , <code className="font-mono">DCGM_FI_DEV_FB_USED</code> …) or, without them, Triton's{" "}
        <code className="font-mono">nv_gpu_*</code> gauges.
      </p>
      {source ? (
        <p>
          Check that this Prometheus scrapes a DCGM exporter or Triton, or switch the source back to Vigil.
        </p>
      ) : (
        <ul className="list-disc space-y-1 pl-5">
          <li>
            Add each GPU node's DCGM exporter as a scrape target of kind{" "}
            <code className="font-mono">dcgm</code> (the host is enough: port 9400 is the default) in{" "}
            <Link href="#scrape-targets" className="text-accent hover:underline">
              Scrape targets
            </Link>{" "}
            below, or a Triton server (kind <code className="font-mono">triton</code>).
          </li>
          <li>
            Or, on a host with NVIDIA drivers and no exporter, set{" "}
            <code className="font-mono">VIGIL_NVIDIA_SMI=auto</code> for the worker: it asks{" "}
            <code className="font-mono">nvidia-smi</code> and writes the same series.
          </li>
        </ul>
      )}
    </EmptyState>
  );
}

export function GpuSection({
  state,
  onChange,
}: {
  state: ClusterState;
  onChange: (patch: Partial<ClusterState>) => void;
}) {
  const now = useNow(60_000);
  const range = useMemo(() => resolveRange(state.range, now), [state.range, now]);
  const live = state.range.kind === "preset";
  const [sort, setSort] = useState<{ key: GpuSortKey; dir: SortDir }>({ key: "gpu", dir: "asc" });

  const instant = useGpuInstant(gpuInstantQuery(), live ? null : Date.parse(range.to) / 1000, state.source);
  const heat = useGpuRange(
    live ? { spanMs: range.spanMs } : { fromMs: Date.parse(range.from), toMs: Date.parse(range.to) },
    state.source,
  );

  const table = useMemo(() => {
    const data = instant.data?.data;
    return gpuRows(data?.resultType === "vector" ? data.result : []);
  }, [instant.data]);
  const heatmap = useMemo(() => {
    if (!heat.data) return prepareHeatmap([], { start: 0, end: -1, step: 1 });
    const data = heat.data.run.data;
    return prepareHeatmap(data.resultType === "matrix" ? data.result : [], heat.data.frame);
  }, [heat.data]);

  const nodes = useMemo(() => nodesOf(table.rows), [table.rows]);
  const rows = state.node ? table.rows.filter((r) => r.node === state.node) : table.rows;
  const heatShown = useMemo(() => {
    if (!state.node) return heatmap;
    const keep = heatmap.rows.map((r) => r.node === state.node);
    return {
      ...heatmap,
      rows: heatmap.rows.filter((_, i) => keep[i]),
      values: heatmap.values.filter((_, i) => keep[i]),
    };
  }, [heatmap, state.node]);
  const summary = gpuSummary(rows);
  const nothing = table.rows.length === 0 && heatmap.rows.length === 0;

  return (
    <Panel
      title="GPUs"
      testId="gpu-section"
      description={
        table.source === "triton"
          ? "From Triton's nv_gpu_* gauges (no DCGM exporter series found): no temperature, clock or pod."
          : "From the DCGM exporter's gauges (or Vigil's nvidia-smi collector, which writes the same names)."
      }
      actions={
        <div className="flex flex-wrap items-start gap-3">
          <SourcePicker source={state.source} onChange={(source) => onChange({ source })} />
          {nodes.length > 1 || state.node ? (
            <NodeFilter nodes={nodes} node={state.node} onChange={(node) => onChange({ node })} />
          ) : null}
          <ClusterRangePicker
            key={state.range.kind === "custom" ? `${state.range.from}-${state.range.to}` : "preset"}
            selection={state.range}
            resolved={range}
            onChange={(sel) => onChange({ range: sel })}
          />
        </div>
      }
    >
      {instant.error && (
        <p role="alert" className="mb-3 text-sm text-bad" data-testid="gpu-error">
          Could not query GPU series: {instant.error.message}
        </p>
      )}
      {instant.isPending ? (
        <LoadingRegion label="Loading GPUs">
          <Skeleton className="h-40 w-full" />
        </LoadingRegion>
      ) : !instant.data ? null : nothing ? (
        <NoGpuData source={state.source} />
      ) : (
        <div className="space-y-4" aria-busy={instant.isFetching || heat.isFetching}>
          <p className="text-sm" data-testid="gpu-summary">
            <span className="font-medium">
              {summary.gpus} GPU{summary.gpus === 1 ? "" : "s"} on {summary.nodes} node
              {summary.nodes === 1 ? "" : "s"}
            </span>
            {summary.gpus > 0 && (
              <span className="text-muted">
                {" "}
                · mean utilization {formatUtilization(summary.utilization)} · memory{" "}
                {formatMiB(summary.memoryUsedMiB)} of {formatMiB(summary.memoryTotalMiB)}
                {live ? " · now" : ` · at ${formatDateTime(range.to)}`}
              </span>
            )}
          </p>
          {rows.length > 0 ? (
            <GpuTable rows={rows} sort={sort} onSort={setSort} />
          ) : (
            <p className="text-sm text-muted">
              No GPU reports at {live ? "this moment" : "the end of this range"}; the heatmap below shows the
              range.
            </p>
          )}
          <div>
            <h3 className="mb-2 text-sm font-semibold">Utilization over the range</h3>
            {heat.error ? (
              <p role="alert" className="text-sm text-bad">
                Could not query the utilization history: {heat.error.message}
              </p>
            ) : heat.isPending ? (
              <LoadingRegion label="Loading the utilization heatmap">
                <Skeleton className="h-32 w-full" />
              </LoadingRegion>
            ) : (
              <GpuHeatmap heatmap={heatShown} spanMs={range.spanMs} />
            )}
          </div>
        </div>
      )}
    </Panel>
  );
}
