"use client";
// Settings → Retention: days kept per data type (docs/retention.md). A value set here overrides the
// environment variable; "Use environment" returns to it. Admins edit and can sweep now; others read.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { formatCount, formatDateTime } from "@/lib/charts/format";
import { fetchJson, sendJson } from "../hooks/fetch-json";
import { Badge } from "../ui/badge";
import { Panel } from "../ui/panel";

interface TypeStatus {
  type: string;
  covers: string;
  days: number;
  source: "environment" | "ui";
  envVariable: string;
  envDays: number;
  cutoff: string | null;
  sweptBefore: string | null;
  lastRunAt: string | null;
  lastDeleted: number;
  lastDurationMs: number | null;
  lastError: string | null;
}

const KEY = ["retention"] as const;
const daysText = (days: number) => (days === 0 ? "forever" : `${formatCount(days)} days`);

export function RetentionSettings({ isAdmin }: { isAdmin: boolean }) {
  const client = useQueryClient();
  const status = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => fetchJson<{ retention: TypeStatus[] }>("/api/v1/retention", signal),
  });
  const [draft, setDraft] = useState<Record<string, string>>({});
  useEffect(() => {
    if (status.data) setDraft(Object.fromEntries(status.data.retention.map((r) => [r.type, String(r.days)])));
  }, [status.data]);

  const save = useMutation({
    mutationFn: (body: Record<string, number | null>) =>
      sendJson<{ retention: TypeStatus[] }>("PATCH", "/api/v1/retention", body),
    onSuccess: (data) => client.setQueryData(KEY, data),
  });
  const run = useMutation({
    mutationFn: () =>
      sendJson<{ deleted: Record<string, number>; done: boolean; durationMs: number }>(
        "POST",
        "/api/v1/retention/run",
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });

  const rows = status.data?.retention ?? [];
  function submit(e: FormEvent) {
    e.preventDefault();
    const changed: Record<string, number> = {};
    for (const r of rows) {
      const value = Number(draft[r.type]);
      if (draft[r.type] !== undefined && value !== r.days) changed[r.type] = value;
    }
    if (Object.keys(changed).length > 0) save.mutate(changed);
  }

  return (
    <Panel
      title="Retention"
      description="How long raw rows are kept. Hourly and daily rollups (quality, drift, shadow series) are kept forever, so charts of older periods stay whole; their windows are frozen once their raw rows are gone."
      testId="retention-settings"
    >
      {status.error && (
        <p role="alert" className="text-sm text-bad">
          {status.error.message}
        </p>
      )}
      <form onSubmit={submit} aria-label="Retention settings">
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-border text-left text-xs text-muted">
                <th scope="col" className="py-2 pr-3 font-medium">
                  Data
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Keep (days, 0 = forever)
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Set by
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Last sweep
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.type}
                  className="border-b border-border/60 align-top"
                  data-testid={`retention-${r.type}`}
                >
                  <th scope="row" className="py-2 pr-3 text-left font-medium">
                    <span className="capitalize">{r.type}</span>
                    <span className="block text-xs font-normal text-muted">{r.covers}</span>
                  </th>
                  <td className="py-2 pr-3">
                    <input
                      type="number"
                      min={0}
                      max={36500}
                      step={1}
                      inputMode="numeric"
                      aria-label={`Days to keep ${r.type}`}
                      disabled={!isAdmin}
                      value={draft[r.type] ?? ""}
                      onChange={(e) => setDraft((d) => ({ ...d, [r.type]: e.target.value }))}
                      className="w-24 rounded border border-border bg-surface px-2 py-1 tabular-nums"
                    />
                    <span className="ml-2 text-xs text-muted">
                      {r.cutoff ? `older than ${formatDateTime(r.cutoff)} goes` : "kept forever"}
                    </span>
                  </td>
                  <td className="py-2 pr-3">
                    {r.source === "ui" ? (
                      <span className="inline-flex items-center gap-2">
                        <Badge tone="info">this page</Badge>
                        {isAdmin && (
                          <button
                            type="button"
                            className="text-xs text-muted underline hover:text-fg"
                            onClick={() => save.mutate({ [r.type]: null })}
                          >
                            Use environment ({daysText(r.envDays)})
                          </button>
                        )}
                      </span>
                    ) : (
                      <Badge tone="muted" title={`${r.envVariable}=${r.envDays}`}>
                        <code>{r.envVariable}</code>
                      </Badge>
                    )}
                  </td>
                  <td className="py-2 pr-3 text-xs text-muted">
                    {r.lastRunAt ? (
                      <>
                        {formatDateTime(r.lastRunAt)}: {formatCount(r.lastDeleted)} deleted
                        {r.lastError && <span className="block text-bad">{r.lastError}</span>}
                      </>
                    ) : (
                      "not yet"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {isAdmin && (
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <button
              type="submit"
              disabled={save.isPending}
              className="rounded bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-50"
            >
              {save.isPending ? "Saving…" : "Save"}
            </button>
            <button
              type="button"
              disabled={run.isPending}
              onClick={() => run.mutate()}
              className="rounded border border-border px-3 py-1.5 text-sm disabled:opacity-50"
            >
              {run.isPending ? "Sweeping…" : "Sweep now"}
            </button>
            {save.error && (
              <span role="alert" className="text-sm text-bad">
                {save.error.message}
              </span>
            )}
            {run.error && (
              <span role="alert" className="text-sm text-bad">
                {run.error.message}
              </span>
            )}
            {run.data && (
              <span role="status" className="text-sm text-muted">
                Deleted {formatCount(Object.values(run.data.deleted).reduce((a, b) => a + b, 0))} rows
                {run.data.done ? "." : "; the worker continues the rest."}
              </span>
            )}
          </div>
        )}
      </form>
    </Panel>
  );
}
