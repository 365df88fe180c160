"use client";
// The client half of an embed page: the panel (or the dashboard's grid of panels) drawn with the dashboard's own
// components, its data from the token endpoints; the time range and variables the token makes editable; the
// token renewed through the host page without a reload. When the token runs out unrenewed, the embed says so
// and stops querying.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  REFRESH_INTERVALS,
  type RefreshInterval,
  refreshMs,
  resolveTime,
  type TimeRange,
} from "@/lib/dashboards/time";
import type { EmbedPageData } from "@/lib/embeds/page";
import { DashboardGrid } from "../dashboards/dashboard-grid";
import { PanelView } from "../dashboards/panel-view";
import { TimeControls } from "../dashboards/time-controls";
import { EmbedVariables } from "./embed-controls";
import { embedRunQuery } from "./embed-query";
import { useEmbedToken } from "./use-embed-token";

const asRefresh = (r: string): RefreshInterval =>
  (REFRESH_INTERVALS as readonly string[]).includes(r) ? (r as RefreshInterval) : "off";

export function EmbedView({ data }: { data: EmbedPageData }) {
  const token = useEmbedToken(data.token, data.embedId, data.allowList);
  const [time, setTime] = useState<TimeRange>(data.time);
  const [values, setValues] = useState<Record<string, string[]>>(data.values);
  const [refresh, setRefresh] = useState<RefreshInterval>(asRefresh(data.dashboard.refresh));
  const [now, setNow] = useState(() => Date.now());
  const expired = useRef(token.expired);
  expired.current = token.expired;

  // Auto refresh re-resolves "now"; it stops with the token.
  useEffect(() => {
    const ms = refreshMs(refresh);
    if (!ms || token.expired) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [refresh, token.expired]);

  const range = useMemo(() => resolveTime(time, now), [time, now]);
  const { current: currentToken, markExpired } = token;
  const runQuery = useMemo(
    () =>
      embedRunQuery({
        token: currentToken,
        expired: () => expired.current,
        onExpired: markExpired,
        editable: data.editable,
        time,
        values,
      }),
    [currentToken, markExpired, data.editable, time, values],
  );
  // The panels' queries are not in the browser, so a variable change would not change their cache keys: the
  // values go into the cache scope instead. The token does not: a renewal keeps every panel's answer.
  const scope = `embed:${data.embedId}:${JSON.stringify(values)}`;
  const canPickTime = data.editable.includes("from") && data.editable.includes("to");
  const onVariable = useCallback(
    (name: string, list: string[]) => setValues((v) => ({ ...v, [name]: list })),
    [],
  );

  const panelView = (panel: EmbedPageData["panels"][number]) =>
    range ? (
      <PanelView
        panel={panel}
        variables={values}
        range={range}
        runQuery={runQuery}
        showTitle={data.showTitle}
        scope={scope}
      />
    ) : null;

  return (
    <div
      className="relative flex h-full min-h-0 flex-col gap-2 p-2"
      data-testid="embed"
      data-embed-id={data.embedId}
      data-renewals={token.renewals}
    >
      {(data.showTitle && !data.single) || canPickTime || data.editableVariables.length > 0 ? (
        <div className="flex shrink-0 flex-wrap items-center justify-between gap-2">
          {data.showTitle && !data.single && (
            <h1 className="min-w-0 truncate text-base font-semibold" data-testid="embed-title">
              {data.dashboard.title}
            </h1>
          )}
          <EmbedVariables variables={data.editableVariables} values={values} onChange={onVariable} />
          {canPickTime && (
            <TimeControls
              key={`${time.from}|${time.to}`}
              range={time}
              refresh={refresh}
              onRange={setTime}
              onRefresh={setRefresh}
              onRefreshNow={() => setNow(Date.now())}
            />
          )}
        </div>
      ) : null}
      {!range && (
        <p role="alert" className="text-sm text-bad">
          The time range {time.from} → {time.to} is not valid.
        </p>
      )}
      <div className="min-h-0 flex-1" aria-hidden={token.expired || undefined}>
        {data.single ? (
          <div className="h-full min-h-48">{data.panels[0] && panelView(data.panels[0])}</div>
        ) : (
          <DashboardGrid panels={data.panels} editing={false} renderPanel={(panel) => panelView(panel)} />
        )}
      </div>
      {token.expired && (
        <div
          role="alert"
          className="absolute inset-0 flex items-center justify-center bg-bg/85 p-4 text-center"
          data-testid="embed-expired"
        >
          <div>
            <p className="font-semibold">This embed has expired</p>
            <p className="mt-1 text-sm text-muted">Reload the page that shows it to see current data.</p>
          </div>
        </div>
      )}
    </div>
  );
}
