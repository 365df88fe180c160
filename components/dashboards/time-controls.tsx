"use client";
// Time range and refresh of a dashboard: quick ranges, a custom from/to (now-6h, an ISO date or epoch ms),
// the auto-refresh interval and a "refresh now" button. The page keeps all of it in the URL.
import { useState } from "react";
import {
  isTimeExpr,
  REFRESH_INTERVALS,
  type RefreshInterval,
  TIME_PRESETS,
  type TimeRange,
  timeLabel,
} from "@/lib/dashboards/time";
import { controlBase, secondaryButton } from "../experiments/form-fields";

const CUSTOM = "custom";

export function TimeControls({
  range,
  refresh,
  onRange,
  onRefresh,
  onRefreshNow,
}: {
  range: TimeRange;
  refresh: RefreshInterval;
  onRange: (range: TimeRange) => void;
  onRefresh: (refresh: RefreshInterval) => void;
  onRefreshNow: () => void;
}) {
  const preset = range.to === "now" ? TIME_PRESETS.find((p) => p.from === range.from) : undefined;
  const [custom, setCustom] = useState(!preset);
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const invalid = !isTimeExpr(from) || !isTimeExpr(to);

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="time-controls">
      <label className="sr-only" htmlFor="dashboard-time">
        Time range
      </label>
      <select
        id="dashboard-time"
        className={controlBase}
        value={custom ? CUSTOM : (preset?.from ?? CUSTOM)}
        title={timeLabel(range)}
        onChange={(e) => {
          if (e.target.value === CUSTOM) {
            setFrom(range.from);
            setTo(range.to);
            setCustom(true);
            return;
          }
          setCustom(false);
          onRange({ from: e.target.value, to: "now" });
        }}
      >
        {TIME_PRESETS.map((p) => (
          <option key={p.from} value={p.from}>
            {p.label}
          </option>
        ))}
        <option value={CUSTOM}>{preset ? "Custom range…" : `Custom: ${timeLabel(range)}`}</option>
      </select>
      {custom && (
        <form
          className="flex flex-wrap items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalid) onRange({ from: from.trim(), to: to.trim() });
          }}
        >
          <label className="text-xs text-muted" htmlFor="dashboard-from">
            From
          </label>
          <input
            id="dashboard-from"
            className={`${controlBase} w-44 font-mono`}
            value={from}
            aria-invalid={!isTimeExpr(from) || undefined}
            onChange={(e) => setFrom(e.target.value)}
            placeholder="now-6h"
          />
          <label className="text-xs text-muted" htmlFor="dashboard-to">
            To
          </label>
          <input
            id="dashboard-to"
            className={`${controlBase} w-44 font-mono`}
            value={to}
            aria-invalid={!isTimeExpr(to) || undefined}
            onChange={(e) => setTo(e.target.value)}
            placeholder="now"
          />
          <button type="submit" className={`${secondaryButton} h-8`} disabled={invalid}>
            Apply
          </button>
        </form>
      )}
      <label className="sr-only" htmlFor="dashboard-refresh">
        Auto refresh
      </label>
      <select
        id="dashboard-refresh"
        className={controlBase}
        value={refresh}
        onChange={(e) => onRefresh(e.target.value as RefreshInterval)}
        title="Auto refresh"
      >
        {REFRESH_INTERVALS.map((r) => (
          <option key={r} value={r}>
            {r === "off" ? "Refresh: off" : `Every ${r}`}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={`${secondaryButton} h-8`}
        onClick={onRefreshNow}
        aria-label="Refresh now"
        title="Refresh now"
      >
        ↻
      </button>
    </div>
  );
}
