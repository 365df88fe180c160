// One aggregation group's step at one dispatch, as Alertmanager's aggrGroup behaves (dispatch/dispatch.go):
// alerts join the group, the group flushes group_wait after it was created (at once when its first alert is
// already older than that), then every group_interval; at a flush the muted alerts (silenced, inhibited) are
// left out, the dedup stage (`needsUpdate`) decides whether the receiver hears of it, and every resolved alert
// leaves the group afterwards (sent or not, as Alertmanager deletes them after a successful flush). An empty
// group is deleted. Pure: the clock, the route and what is muted come in as arguments.
import type { Labels } from "../series/labels";
import {
  type GroupSnapshot,
  needsUpdate,
  nextFlushAt,
  type SentEntry,
  visibleAlerts,
} from "./notify-decision";
import type { Route } from "./routing";

/** An alert as a group keeps it (AlertGroup.alerts): what the notification will say about it. */
export interface GroupAlert {
  labels: Labels;
  annotations: Labels;
  status: "firing" | "resolved";
  /** ms: when it started firing (Prometheus sends FiredAt as StartsAt) */
  startsAt: number;
  /** ms: when it resolved; null while firing */
  endsAt: number | null;
  value: number | null;
  /** link to the rule in Vigil */
  generatorURL: string;
  /** link to the explore graph of the rule's expression */
  panelURL: string | null;
}

export interface GroupState {
  key: string;
  routeId: string;
  receiver: string;
  labels: Labels;
  /** fingerprint → alert */
  alerts: Record<string, GroupAlert>;
  createdAt: number;
  nextFlushAt: number;
  lastFlushAt: number | null;
  lastNotified: SentEntry | null;
}

export interface GroupStepContext {
  route: Route;
  now: number;
  /** the contact point's send_resolved */
  sendResolved: boolean;
  /** silenced or inhibited now */
  muted: (labels: Labels) => boolean;
  /** the route's mute_time_intervals / active_time_intervals mute it now: the flush sends nothing */
  routeMuted?: boolean;
}

export interface Flush {
  /** the alerts the receiver is told about (empty: the log moved on, nothing to send) */
  alerts: Array<[string, GroupAlert]>;
  snapshot: GroupSnapshot;
}

export interface GroupStep {
  /** the group after this step; null: there is no group (no alert ever joined it) */
  next: GroupState | null;
  /** set when the group flushed and the dedup stage said to notify */
  flush: Flush | null;
  flushed: boolean;
  /** the flush left the group without alerts: delete it (after recording the flush) */
  empty: boolean;
}

/**
 * Membership: firing alerts routed here join (or update); a resolved alert only updates one the group already
 * holds (a resolution the group never saw firing is no news, and one that already left stays gone); an alert
 * the group holds that no longer arrives (rule deleted, routed elsewhere, retention over) counts as resolved now.
 */
function mergeAlerts(
  previous: Record<string, GroupAlert>,
  incoming: ReadonlyMap<string, GroupAlert>,
  now: number,
): Record<string, GroupAlert> {
  const out: Record<string, GroupAlert> = {};
  for (const [fp, alert] of Object.entries(previous)) {
    const update = incoming.get(fp);
    if (update) out[fp] = update;
    else out[fp] = alert.status === "resolved" ? alert : { ...alert, status: "resolved", endsAt: now };
  }
  for (const [fp, alert] of incoming) if (!(fp in out) && alert.status === "firing") out[fp] = alert;
  return out;
}

function snapshotOf(alerts: Array<[string, GroupAlert]>): GroupSnapshot {
  const firing = new Set<string>();
  const resolved = new Set<string>();
  for (const [fp, a] of alerts) (a.status === "firing" ? firing : resolved).add(fp);
  return { firing, resolved };
}

export function stepGroup(
  previous: GroupState | null,
  identity: { key: string; labels: Labels },
  incoming: ReadonlyMap<string, GroupAlert>,
  ctx: GroupStepContext,
): GroupStep {
  const { route, now } = ctx;
  const alerts = mergeAlerts(previous?.alerts ?? {}, incoming, now);
  const entries = Object.entries(alerts);
  if (entries.length === 0) return { next: null, flush: null, flushed: false, empty: false };
  let state: GroupState;
  if (previous) {
    state = { ...previous, routeId: route.id, receiver: route.receiver, alerts };
  } else {
    const firstActive = Math.min(...entries.map(([, a]) => a.startsAt));
    state = {
      key: identity.key,
      routeId: route.id,
      receiver: route.receiver,
      labels: identity.labels,
      alerts,
      createdAt: now,
      nextFlushAt: nextFlushAt({ createdAt: now, firstAlertActiveAt: firstActive, lastFlushAt: null }, route),
      lastFlushAt: null,
      lastNotified: null,
    };
  }
  if (now < state.nextFlushAt) return { next: state, flush: null, flushed: false, empty: false };

  const audible = ctx.routeMuted ? [] : entries.filter(([, a]) => !ctx.muted(a.labels));
  const snapshot = snapshotOf(audible);
  let flush: Flush | null = null;
  let lastNotified = state.lastNotified;
  if (
    audible.length > 0 &&
    needsUpdate(lastNotified, snapshot, now, route.repeatIntervalMs, ctx.sendResolved)
  ) {
    const visible = visibleAlerts(snapshot, ctx.sendResolved);
    flush = {
      alerts: audible.filter(([fp]) => visible.firing.has(fp) || visible.resolved.has(fp)),
      snapshot: visible,
    };
    lastNotified = { at: now, firing: snapshot.firing, resolved: snapshot.resolved };
  }
  const remaining: Record<string, GroupAlert> = {};
  for (const [fp, a] of entries) if (a.status === "firing") remaining[fp] = a;
  const next: GroupState = {
    ...state,
    alerts: remaining,
    lastFlushAt: now,
    nextFlushAt: nextFlushAt(
      { createdAt: state.createdAt, firstAlertActiveAt: now, lastFlushAt: now },
      route,
    ),
    lastNotified,
  };
  return { next, flush, flushed: true, empty: Object.keys(remaining).length === 0 };
}
