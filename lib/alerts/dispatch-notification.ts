// What a flush tells the receiver: the Notification (lib/alerts/channels/types.ts) built from the group's
// visible alerts, with links back to Vigil — the rule, the explore graph of its expression (the panel) and a
// silence form prefilled with the group's labels — and the outbox key and the id receivers see.
import { createHash } from "node:crypto";
import { DEFAULT_EXPLORE_RANGE } from "../charts/prom-step";
import { exploreSearch } from "../charts/prom-url";
import type { Labels } from "../series/labels";
import { type Notification, type NotifiedAlert, ZERO_TIME } from "./channels/types";
import type { Flush, GroupAlert } from "./dispatch-group";
import type { RuleLinks } from "./dispatch-store";
import { formatMatchers } from "./matchers";
import { notificationKey } from "./notify-decision";

/** The outbox payload: the Notification plus the panel link Slack and email show as a button. */
export interface OutboxPayload extends Notification {
  panelURL: string | null;
}

/** Links of one rule under Vigil's public URL (VIGIL_PUBLIC_URL). */
export function ruleLinks(
  publicURL: string,
  groupId: number,
  rule: string,
  expr: string | null,
  datasource: string | null,
): RuleLinks {
  const base = publicURL.replace(/\/+$/, "");
  const panel =
    expr === null
      ? null
      : `${base}/explore?${exploreSearch({
          q: expr,
          mode: "graph",
          range: DEFAULT_EXPLORE_RANGE,
          end: null,
          time: null,
          step: null,
          stacked: false,
          ds: datasource,
        })}`;
  return {
    generatorURL: `${base}/alerting/rules/${groupId}?rule=${encodeURIComponent(rule)}`,
    panelURL: panel,
  };
}

function common(sets: Labels[]): Labels {
  const [first, ...rest] = sets;
  if (!first) return {};
  const out: Labels = {};
  for (const [k, v] of Object.entries(first)) if (rest.every((s) => s[k] === v)) out[k] = v;
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Alertmanager orders a notification's alerts by their labels; firing ones first reads better and is stable. */
function ordered(alerts: Array<[string, GroupAlert]>): Array<[string, GroupAlert]> {
  const text = (a: GroupAlert) => JSON.stringify(Object.entries(a.labels).sort());
  return [...alerts].sort(([, a], [, b]) =>
    a.status !== b.status
      ? a.status === "firing"
        ? -1
        : 1
      : text(a) < text(b)
        ? -1
        : text(a) > text(b)
          ? 1
          : 0,
  );
}

export function buildNotification(
  publicURL: string,
  group: { key: string; receiver: string; labels: Labels },
  flush: Flush,
): OutboxPayload {
  const base = publicURL.replace(/\/+$/, "");
  const alerts = ordered(flush.alerts);
  const notified: NotifiedAlert[] = alerts.map(([fp, a]) => ({
    status: a.status,
    labels: a.labels,
    annotations: a.annotations,
    startsAt: iso(a.startsAt),
    endsAt: a.endsAt === null ? ZERO_TIME : iso(a.endsAt),
    generatorURL: a.generatorURL,
    fingerprint: fp,
    value: a.value,
  }));
  const matchers = Object.entries(group.labels).map(([name, value]) => ({ name, op: "=" as const, value }));
  return {
    receiver: group.receiver,
    status: notified.some((a) => a.status === "firing") ? "firing" : "resolved",
    groupKey: group.key,
    groupLabels: group.labels,
    commonLabels: common(notified.map((a) => a.labels)),
    commonAnnotations: common(notified.map((a) => a.annotations)),
    externalURL: base,
    silenceURL: `${base}/alerting/silences/new?matchers=${encodeURIComponent(formatMatchers(matchers))}`,
    alerts: notified,
    truncatedAlerts: 0,
    panelURL: alerts[0]?.[1].panelURL ?? null,
  };
}

/**
 * The outbox key: a hash of notificationKey (receiver, group, content, group_interval bucket), so it stays a
 * short index entry however many alerts the group holds. Receivers see it as X-Vigil-Notification-Id.
 */
export function outboxKey(
  receiver: string,
  groupKey: string,
  flush: Flush,
  at: number,
  groupIntervalMs: number,
): string {
  const text = notificationKey(receiver, groupKey, flush.snapshot, at, groupIntervalMs);
  return createHash("sha256").update(text).digest("hex").slice(0, 40);
}
