// Whether a group's notification log must be updated now, as Alertmanager's dedup stage decides it (notify.go
// `needsUpdate`) from what was last sent to that receiver: always when an alert fires that was not in the last
// notification; when everything resolved, once — whatever send_resolved says, so the log forgets the firing
// alerts and a re-fire is news again; when an alert resolved since the last one (if send_resolved); otherwise
// only after repeat_interval. What is then actually sent is `visibleAlerts`: with send_resolved off the
// resolved alerts are left out, and nothing goes out when nothing is left.

export interface SentEntry {
  at: number;
  /** fingerprints of the alerts that were firing / resolved in the last notification */
  firing: ReadonlySet<string>;
  resolved: ReadonlySet<string>;
}

export interface GroupSnapshot {
  firing: ReadonlySet<string>;
  resolved: ReadonlySet<string>;
}

function isSubset(set: ReadonlySet<string>, subset: ReadonlySet<string>): boolean {
  for (const x of subset) if (!set.has(x)) return false;
  return true;
}

export function needsUpdate(
  last: SentEntry | null,
  group: GroupSnapshot,
  now: number,
  repeatIntervalMs: number,
  sendResolved: boolean,
): boolean {
  if (last === null) return group.firing.size > 0;
  if (!isSubset(last.firing, group.firing)) return true;
  if (group.firing.size === 0) return last.firing.size > 0;
  if (sendResolved && !isSubset(last.resolved, group.resolved)) return true;
  return last.at <= now - repeatIntervalMs;
}

/** The alerts a notification carries; empty means: record the log entry, send nothing. */
export function visibleAlerts(group: GroupSnapshot, sendResolved: boolean): GroupSnapshot {
  return sendResolved ? group : { firing: group.firing, resolved: new Set() };
}

/**
 * When a group flushes next: group_wait after its first alert (at once if that alert is older than
 * group_wait, as Alertmanager does for alerts that were already active), then every group_interval.
 */
export function nextFlushAt(
  group: { createdAt: number; firstAlertActiveAt: number; lastFlushAt: number | null },
  route: { groupWaitMs: number; groupIntervalMs: number },
): number {
  if (group.lastFlushAt !== null) return group.lastFlushAt + route.groupIntervalMs;
  if (group.firstAlertActiveAt + route.groupWaitMs < group.createdAt) return group.createdAt;
  return group.createdAt + route.groupWaitMs;
}

/**
 * The outbox's deduplication key: one notification per (receiver, group, content, time bucket of the
 * group_interval) — a worker that crashes after sending and before recording re-creates the same key, so the
 * receiver side sees the same key and the outbox sends it once.
 */
export function notificationKey(
  receiver: string,
  groupKey: string,
  group: GroupSnapshot,
  at: number,
  groupIntervalMs: number,
): string {
  const ids = (s: ReadonlySet<string>) => [...s].sort().join(",");
  const bucket = Math.floor(at / groupIntervalMs);
  return `${receiver}|${groupKey}|f:${ids(group.firing)}|r:${ids(group.resolved)}|${bucket}`;
}
