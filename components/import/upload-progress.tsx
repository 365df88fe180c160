"use client";
// Upload progress: a progress bar (percent of bytes sent), bytes sent of total, throughput and time left while
// sending; "processing" once every byte is out and the server is storing the last samples; how long it took
// afterwards. Cancel aborts the request.
import { formatDuration } from "@/lib/charts/format";
import { formatBytes, formatEta, formatRate, percentOf } from "@/lib/import/ui";
import type { UploadState } from "./use-upload";

function Bar({ percent, label }: { percent: number; label: string }) {
  return (
    <div
      role="progressbar"
      aria-label="Upload progress"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={label}
      className="h-2 w-full overflow-hidden rounded-full bg-surface-2"
      data-testid="import-progress"
    >
      <div
        className="h-full rounded-full bg-accent transition-[width] duration-200 motion-reduce:transition-none"
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}

function elapsed(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : formatDuration(ms / 1000);
}

export function UploadProgress({ state, onCancel }: { state: UploadState; onCancel: () => void }) {
  if (state.phase === "idle" || state.phase === "cancelled") return null;
  if (state.phase === "finished" && state.outcome.kind === "failed" && state.outcome.status === 0)
    return null;

  let percent: number;
  let label: string;
  let detail: string;
  if (state.phase === "uploading") {
    percent = percentOf(state.loaded, state.total);
    label = `${percent}% · ${formatBytes(state.loaded)} of ${formatBytes(state.total)}`;
    detail = `${formatRate(state.rate)} · ${formatEta(state.eta)} left`;
  } else if (state.phase === "processing") {
    percent = 100;
    label = `100% · ${formatBytes(state.total)} sent`;
    detail = `Sent in ${elapsed(state.uploadMs)}. Processing… the server is storing the last samples.`;
  } else {
    percent = percentOf(state.loaded, state.total);
    if (state.total === 0) percent = 100;
    label = `${percent}% · ${formatBytes(state.loaded)} of ${formatBytes(state.total)} sent`;
    const rate = state.uploadMs > 0 ? (state.loaded * 1000) / state.uploadMs : null;
    detail = `Sent in ${elapsed(state.uploadMs)}${rate !== null && state.loaded > 0 ? ` (${formatRate(rate)})` : ""}.`;
  }
  const busy = state.phase === "uploading" || state.phase === "processing";

  return (
    <div className="space-y-1.5" data-testid="import-upload" data-phase={state.phase}>
      <Bar percent={percent} label={label} />
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 text-xs">
        <p className="tabular-nums">
          <span className="font-medium" data-testid="import-progress-label">
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
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
