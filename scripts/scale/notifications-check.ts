// Check c: every alert state change the evaluator recorded (AlertTransition) reached the webhook receiver,
// each (alert, firing|resolved) exactly once. Receivers deduplicate on X-Vigil-Notification-Id (at-least-once
// delivery: a sender killed between the receiver's answer and its bookkeeping sends the same notification
// again, docs/alerting.md), so redeliveries of one id are counted apart from duplicate notifications.

export type Labels = Record<string, string>;

export interface ReceivedNotification {
  id: string;
  alerts: Array<{ labels: Labels; status: string; fingerprint: string }>;
}

export interface Transition {
  labels: Labels;
  fromState: string;
  toState: string;
}

export interface NotificationCheck {
  deliveries: number;
  notifications: number;
  /** deliveries of a notification id already received */
  redeliveries: number;
  alerts: number;
  expectedFiring: number;
  expectedResolved: number;
  /** alert × status carried by more distinct notifications than it happened */
  duplicates: string[];
  /** alert × status the transitions call for but no notification carried */
  lost: string[];
  /** alert × status notified although the evaluator never recorded it */
  unexpected: string[];
}

export function labelKey(labels: Labels): string {
  return JSON.stringify(Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1))));
}

export function checkNotifications(
  received: readonly ReceivedNotification[],
  transitions: readonly Transition[],
): NotificationCheck {
  const expected = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const t of transitions) {
    if (t.toState === "firing" && t.fromState !== "firing") bump(expected, `${labelKey(t.labels)} firing`);
    if (t.fromState === "firing" && t.toState !== "firing") bump(expected, `${labelKey(t.labels)} resolved`);
  }
  const seenIds = new Set<string>();
  const got = new Map<string, number>();
  let redeliveries = 0;
  for (const n of received) {
    if (seenIds.has(n.id)) {
      redeliveries++;
      continue;
    }
    seenIds.add(n.id);
    for (const a of n.alerts) bump(got, `${labelKey(a.labels)} ${a.status}`);
  }
  const out: NotificationCheck = {
    deliveries: received.length,
    notifications: seenIds.size,
    redeliveries,
    alerts: new Set([...expected.keys()].map((k) => k.replace(/ (firing|resolved)$/, ""))).size,
    expectedFiring: [...expected].filter(([k]) => k.endsWith(" firing")).reduce((s, [, n]) => s + n, 0),
    expectedResolved: [...expected].filter(([k]) => k.endsWith(" resolved")).reduce((s, [, n]) => s + n, 0),
    duplicates: [],
    lost: [],
    unexpected: [],
  };
  for (const [key, n] of got) {
    const wanted = expected.get(key) ?? 0;
    if (wanted === 0) out.unexpected.push(`${key} ×${n}`);
    else if (n > wanted) out.duplicates.push(`${key} ×${n}, happened ${wanted}×`);
  }
  for (const [key, n] of expected)
    if ((got.get(key) ?? 0) < n) out.lost.push(`${key}: ${got.get(key) ?? 0} of ${n}`);
  return out;
}

export const notificationsOk = (c: NotificationCheck, maxRedeliveries: number) =>
  c.duplicates.length === 0 &&
  c.lost.length === 0 &&
  c.unexpected.length === 0 &&
  c.expectedFiring > 0 &&
  c.redeliveries <= maxRedeliveries;
