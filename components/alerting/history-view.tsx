"use client";
// /alerting/history: one lane per alert (its labels) over the chosen range, pending spans amber and firing
// spans red, newest activity first; a lane opens its labels and transitions.
import Link from "next/link";
import { useMemo, useState } from "react";
import { historyLanes, type Lane, spanPosition } from "@/lib/charts/alert-history";
import { ruleHref } from "@/lib/charts/alert-rules";
import { formatDateTime, formatDuration, formatTimeTick } from "@/lib/charts/format";
import { formatPromValue } from "@/lib/charts/prom-result";
import { controlBase } from "../experiments/form-fields";
import { useAlertHistory } from "../hooks/use-alerting-reads";
import { useNow } from "../hooks/use-now";
import { EmptyState } from "../ui/empty-state";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { LabelChips, PageHeading } from "./alerting-bits";

const RANGES = [
  { label: "Last 6 hours", ms: 6 * 3_600_000 },
  { label: "Last 24 hours", ms: 86_400_000 },
  { label: "Last 7 days", ms: 7 * 86_400_000 },
  { label: "Last 30 days", ms: 30 * 86_400_000 },
] as const;

function LaneRow({
  lane,
  from,
  to,
  open,
  onToggle,
}: {
  lane: Lane;
  from: number;
  to: number;
  open: boolean;
  onToggle: () => void;
}) {
  return (
    <li className="min-w-0 border-b border-border last:border-0" data-testid="history-lane">
      <button
        type="button"
        aria-expanded={open}
        onClick={onToggle}
        className="grid w-full min-w-0 grid-cols-1 gap-1 px-3 py-2 text-left hover:bg-surface-2/60 sm:grid-cols-[16rem_minmax(0,1fr)] sm:gap-3"
      >
        <span className="min-w-0">
          <span className="block truncate text-sm font-medium">{lane.rule}</span>
          <span className="block truncate font-mono text-[11px] text-muted">{lane.title}</span>
        </span>
        <span className="relative block h-5 min-w-0 rounded bg-surface-2">
          <span className="sr-only">{lane.spans.length} pending or firing periods</span>
          {lane.spans.map((s) => {
            const pos = spanPosition(s, from, to);
            return (
              <span
                key={`${s.state}-${s.from}`}
                className={`absolute inset-y-0 rounded-sm ${s.state === "firing" ? "bg-bad" : "bg-warn"}`}
                style={{ left: `${pos.left}%`, width: `${pos.width}%` }}
                title={`${s.state} ${formatDateTime(s.from)} → ${s.open ? "now" : formatDateTime(s.to)} (${formatDuration((s.to - s.from) / 1000)})`}
                data-state={s.state}
              />
            );
          })}
        </span>
      </button>
      {open && (
        <div className="space-y-2 px-3 pb-3 text-xs">
          <LabelChips labels={lane.labels} />
          <p>
            Rule group {lane.group ?? "(deleted)"} ·{" "}
            {lane.group !== null && (
              <Link className="text-accent hover:underline" href={ruleHref(lane.groupId, lane.rule)}>
                open the rule
              </Link>
            )}
          </p>
          <ol className="space-y-0.5 font-mono">
            {lane.transitions.map((t) => (
              <li key={t.id}>
                {formatDateTime(t.at)} {t.from} →{" "}
                <span
                  className={t.to === "firing" ? "text-bad" : t.to === "pending" ? "text-warn" : "text-good"}
                >
                  {t.to}
                </span>
                {t.value !== null && <span className="text-muted"> value {formatPromValue(t.value)}</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </li>
  );
}

export function HistoryView(_: { canEdit: boolean }) {
  const [rangeMs, setRangeMs] = useState<number>(RANGES[1].ms);
  // The range ends at the current minute and moves with it.
  const to = Math.ceil(useNow(60_000) / 60_000) * 60_000;
  const from = to - rangeMs;
  const [opened, setOpened] = useState<string | null>(null);
  const history = useAlertHistory({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  const lanes = useMemo(
    () => (history.data ? historyLanes(history.data.transitions, from, to) : []),
    [history.data, from, to],
  );
  const firing = lanes.filter((l) => l.spans.some((s) => s.open && s.state === "firing")).length;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => from + f * rangeMs);
  return (
    <div className="space-y-4">
      <PageHeading
        title="Alert history"
        lead={
          history.data
            ? `${lanes.length} alerts changed state in this range; ${firing} still firing.`
            : "Every alert's pending and firing periods."
        }
        actions={
          <>
            <label className="sr-only" htmlFor="history-range">
              Range
            </label>
            <select
              id="history-range"
              className={controlBase}
              value={rangeMs}
              onChange={(e) => setRangeMs(Number(e.target.value))}
            >
              {RANGES.map((r) => (
                <option key={r.ms} value={r.ms}>
                  {r.label}
                </option>
              ))}
            </select>
          </>
        }
      />
      {history.isPending ? (
        <LoadingRegion label="Loading the history">
          <Skeleton className="h-48 w-full" />
        </LoadingRegion>
      ) : history.error && !history.data ? (
        <EmptyState title="Could not load the alert history">
          <p>{history.error.message}</p>
        </EmptyState>
      ) : lanes.length === 0 ? (
        <EmptyState title="No alert changed state in this range">
          <p>
            Choose a longer range, or check the Rules page: rules that never left “inactive” leave no history.
          </p>
        </EmptyState>
      ) : (
        <div className="rounded-lg border border-border bg-surface" data-testid="history-timeline">
          <div className="hidden grid-cols-[16rem_minmax(0,1fr)] gap-3 border-b border-border px-3 py-1.5 text-[11px] text-muted sm:grid">
            <span>
              <span className="mr-3 inline-flex items-center gap-1">
                <span aria-hidden="true" className="inline-block size-2.5 rounded-sm bg-warn" /> pending
              </span>
              <span className="inline-flex items-center gap-1">
                <span aria-hidden="true" className="inline-block size-2.5 rounded-sm bg-bad" /> firing
              </span>
            </span>
            <span className="flex justify-between">
              {ticks.map((t) => (
                <span key={t}>{formatTimeTick(t, rangeMs)}</span>
              ))}
            </span>
          </div>
          <ul>
            {lanes.map((lane) => (
              <LaneRow
                key={lane.key}
                lane={lane}
                from={from}
                to={to}
                open={opened === lane.key}
                onToggle={() => setOpened((o) => (o === lane.key ? null : lane.key))}
              />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
