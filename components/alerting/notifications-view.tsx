"use client";
// /alerting/notifications: the notification log — when, to which contact point, which group, status
// (sent / pending / retrying / failed / suppressed), attempts, the receiver's answer and the error. Filter by
// contact point and status; refreshed every 10 s.
import { useState } from "react";
import { NOTIFICATION_STATUSES } from "@/lib/alerts/api-schemas";
import { NOTIFICATION_TONE, notificationStatusLabel } from "@/lib/charts/alert-format";
import { formatDateTime } from "@/lib/charts/format";
import { controlBase } from "../experiments/form-fields";
import { useContactPoints } from "../hooks/use-alerting-notify";
import { useNotifications } from "../hooks/use-alerting-reads";
import { useNow } from "../hooks/use-now";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { PageHeading, When } from "./alerting-bits";

export function NotificationsView(_: { canEdit: boolean }) {
  const [contactPoint, setContactPoint] = useState("");
  const [status, setStatus] = useState("");
  const log = useNotifications({ contactPoint, status });
  const points = useContactPoints();
  const now = useNow(10_000);
  const rows = log.data?.notifications;
  const failed = rows?.filter((n) => n.status === "failed").length ?? 0;
  return (
    <div className="space-y-4">
      <PageHeading
        title="Notifications"
        lead={
          rows && failed > 0
            ? `${failed} of the ${rows.length} shown failed permanently: see the error and fix the contact point.`
            : "Every message sent (or being retried) to a contact point, with the receiver's answer."
        }
      />
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor="notif-cp">
          Contact point
        </label>
        <select
          id="notif-cp"
          className={controlBase}
          value={contactPoint}
          onChange={(e) => setContactPoint(e.target.value)}
        >
          <option value="">All contact points</option>
          {points.data?.contactPoints.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor="notif-status">
          Status
        </label>
        <select
          id="notif-status"
          className={controlBase}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
        >
          <option value="">Any status</option>
          {NOTIFICATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      {log.isPending ? (
        <LoadingRegion label="Loading notifications">
          <Skeleton className="h-48 w-full" />
        </LoadingRegion>
      ) : log.error && !rows ? (
        <EmptyState title="Could not load the notification log">
          <p>{log.error.message}</p>
        </EmptyState>
      ) : !rows || rows.length === 0 ? (
        <EmptyState
          title={contactPoint || status ? "No notification matches the filter" : "No notifications yet"}
        >
          <p>
            Notifications appear here once an alert fires and the policy routes it to a contact point. Use
            “Send test notification” on the Contact points page to check a receiver now.
          </p>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border bg-surface">
          <table className="w-full min-w-[860px] text-sm" data-testid="notifications-table">
            <thead className="border-b border-border text-left text-xs text-muted">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  When
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Contact point
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Group
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Attempts
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Answer / error
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => (
                <tr
                  key={n.id}
                  className="border-b border-border align-top last:border-0"
                  data-testid="notification-row"
                >
                  <td className="px-3 py-2 whitespace-nowrap text-xs">
                    <When iso={n.sentAt ?? n.createdAt} now={now} />
                    {n.status === "pending" && n.nextAttemptAt && (
                      <div className="text-muted">next try {formatDateTime(n.nextAttemptAt)}</div>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {n.contactPoint ?? <span className="text-muted">deleted</span>}
                    {n.kind && <span className="text-xs text-muted"> · {n.kind}</span>}
                  </td>
                  <td className="px-3 py-2">
                    <span className="break-words">{n.title}</span>
                    <div className="text-xs text-muted">
                      {n.alertStatus ?? "—"} · {n.alerts} {n.alerts === 1 ? "alert" : "alerts"}
                    </div>
                  </td>
                  <td className="px-3 py-2">
                    <Badge
                      tone={notificationStatusLabel(n) === "retrying" ? "warn" : NOTIFICATION_TONE[n.status]}
                    >
                      {notificationStatusLabel(n)}
                    </Badge>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{n.attempts}</td>
                  <td className="max-w-sm px-3 py-2">
                    {n.response && (
                      <p className="line-clamp-3 break-all font-mono text-xs" title={n.response}>
                        {n.response}
                      </p>
                    )}
                    {n.lastError && (
                      <p
                        className={`line-clamp-3 break-all font-mono text-xs ${n.status === "failed" ? "text-bad" : "text-warn"}`}
                        title={n.lastError}
                      >
                        {n.lastError}
                      </p>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
