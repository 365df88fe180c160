// The alert history timeline: transitions (newest first from the API) turned into one lane per alert with its
// pending and firing spans inside the chosen range, lanes ordered by their latest change. Pure.
import type { TransitionInfo } from "../alerts/api-schemas";
import { labelsText } from "./alert-format";

export interface Span {
  from: number;
  to: number;
  state: "pending" | "firing";
  /** The value at the transition that opened the span. */
  value: number | null;
  /** True when the span is still open at the end of the range. */
  open: boolean;
}

export interface Lane {
  key: string;
  groupId: number;
  group: string | null;
  rule: string;
  fingerprint: string;
  labels: Record<string, string>;
  title: string;
  spans: Span[];
  lastAt: number;
  transitions: TransitionInfo[];
}

/** Lanes for the transitions within [from, to]; a span that began before `from` is cut at `from`. */
export function historyLanes(transitions: readonly TransitionInfo[], from: number, to: number): Lane[] {
  const byAlert = new Map<string, TransitionInfo[]>();
  for (const t of transitions) {
    const key = `${t.groupId}/${t.rule}/${t.fingerprint}`;
    const list = byAlert.get(key) ?? [];
    list.push(t);
    byAlert.set(key, list);
  }
  const lanes: Lane[] = [];
  for (const [key, list] of byAlert) {
    const sorted = [...list].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);
    const first = sorted[0] as TransitionInfo;
    const spans: Span[] = [];
    let state = first.from;
    let since = from;
    let value: number | null = null;
    const close = (end: number, open: boolean) => {
      if (state === "inactive") return;
      const a = Math.max(since, from);
      const b = Math.min(end, to);
      if (b > a || (b === a && open)) spans.push({ from: a, to: b, state, value, open });
    };
    for (const t of sorted) {
      const at = Date.parse(t.at);
      close(at, false);
      state = t.to;
      since = at;
      value = t.value;
    }
    close(to, true);
    const last = sorted[sorted.length - 1] as TransitionInfo;
    lanes.push({
      key,
      groupId: first.groupId,
      group: last.group,
      rule: first.rule,
      fingerprint: first.fingerprint,
      labels: last.labels,
      title: labelsText(last.labels, ["alertname"]),
      spans,
      lastAt: Date.parse(last.at),
      transitions: sorted.reverse(),
    });
  }
  return lanes.sort((a, b) => b.lastAt - a.lastAt || a.key.localeCompare(b.key));
}

/** A span's place on its lane, in percent of the range; at least `minPct` wide so a blip stays visible. */
export function spanPosition(
  span: Span,
  from: number,
  to: number,
  minPct = 0.4,
): { left: number; width: number } {
  const total = Math.max(1, to - from);
  const left = ((span.from - from) / total) * 100;
  const width = Math.max(minPct, ((span.to - span.from) / total) * 100);
  return { left: Math.min(left, 100 - minPct), width: Math.min(width, 100 - Math.min(left, 100 - minPct)) };
}
