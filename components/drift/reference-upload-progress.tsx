"use client";
// A reference upload's progress, as the Import page shows an import's: a progress bar (percent of bytes sent),
// bytes sent of total, throughput and time left while sending, the rows the server has read so far (from GET
// …/reference), "processing" once every byte is out, and how long it took afterwards. Cancel aborts it.
import { formatDuration, formatInteger } from "@/lib/charts/format";
import { formatBytes, formatEta, formatRate, percentOf } from "@/lib/import/ui";
import type { ReferenceUploadState } from "../hooks/use-drift-settings";

function elapsed(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : formatDuration(ms / 1000);
}

export function ReferenceUploadProgress({
  state,
  rowsRead,
  onCancel,
}: {
  state: ReferenceUploadState;
  /** Rows the server has read so far (it writes progress at most once a second); null when not known. */
  rowsRead: number | null;
  onCancel: () => void;
}) {
  if (state.phase === "idle" || state.phase === "cancelled") return null;
  if (state.phase === "failed" && state.status === 0) return null;

  let percent: number;
  let label: string;
  let detail: string;
  const rows = rowsRead !== null && rowsRead > 0 ? ` · ${formatInteger(rowsRead)} rows read` : "";
  if (state.phase === "uploading") {
    percent = percentOf(state.loaded, state.total);
    label = `${percent}% · ${formatBytes(state.loaded)} of ${formatBytes(state.total)}`;
    detail = `${formatRate(state.rate)} · ${formatEta(state.eta)} left${rows}`;
  } else if (state.phase === "processing") {
    percent = 100;
    label = `100% · ${formatBytes(state.total)} sent`;
    detail = `Sent in ${elapsed(state.uploadMs)}. Processing… the server is reading the last rows${rows}.`;
  } else if (state.phase === "done") {
    percent = 100;
    label = `100% · ${formatBytes(state.total)} sent`;
    const rate = state.uploadMs > 0 ? (state.total * 1000) / state.uploadMs : null;
    detail = `Sent in ${elapsed(state.uploadMs)}${rate !== null && state.total > 0 ? ` (${formatRate(rate)})` : ""}.`;
  } else {
    percent = state.total === 0 ? 100 : percentOf(state.loaded, state.total);
    label = `${percent}% · ${formatBytes(state.loaded)} of ${formatBytes(state.total)} sent`;
    detail = `Stopped after ${elapsed(state.uploadMs)}.`;
  }
  const busy = state.phase === "uploading" || state.phase === "processing";

  return (
    <div className="space-y-1.5" data-testid="reference-upload-progress" data-phase={state.phase}>
      <div
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={label}
        className="h-2 w-full overflow-hidden rounded-full bg-surface-2"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-200 motion-reduce:transition-none ${state.phase === "failed" ? "bg-bad" : "bg-accent"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 text-xs">
        <p className="tabular-nums">
          <span className="font-medium" data-testid="reference-progress-label">
            {label}
          </span>
          <span className="text-muted"> · {detail}</span>
        </p>
        {busy && (
          <button
            type="button"
            onClick={onCancel}
            className="rounded-md border border-border px-2.5 py-1 text-xs text-fg hover:bg-surface-2"
          >
            Cancel upload
          </button>
        )}
      </div>
    </div>
  );
}
