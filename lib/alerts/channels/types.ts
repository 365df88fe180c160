// What a contact point sends and what came of it. A notification is one group's state at one flush; each
// channel (email, Slack, webhook) renders it its own way and classifies the receiver's answer so the outbox
// knows whether to retry.

export interface NotifiedAlert {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** ISO-8601 */
  startsAt: string;
  /** ISO-8601; Alertmanager's zero time "0001-01-01T00:00:00Z" while firing */
  endsAt: string;
  /** link to the rule in Vigil */
  generatorURL: string;
  fingerprint: string;
  value: number | null;
}

export interface Notification {
  receiver: string;
  status: "firing" | "resolved";
  groupKey: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  /** Vigil's public base URL (VIGIL_PUBLIC_URL) */
  externalURL: string;
  /** a link that opens the silence form prefilled with the group's labels */
  silenceURL: string;
  alerts: NotifiedAlert[];
  /** how many alerts were left out to respect a channel's size limits */
  truncatedAlerts: number;
}

/**
 * sent: the receiver took it. retry: try again later (not before `retryAfterMs` when the receiver said so).
 * permanent: retrying cannot help (bad URL, revoked webhook, mailbox refused): shown on the contact point.
 */
export type DeliveryOutcome =
  | { kind: "sent"; detail: string }
  | { kind: "retry"; detail: string; retryAfterMs: number | null }
  | { kind: "permanent"; detail: string };

/** The zero time Alertmanager puts in endsAt of firing alerts. */
export const ZERO_TIME = "0001-01-01T00:00:00Z";

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/**
 * The delay before attempt `attempt` (1 = the first retry): exponential from 1 s doubling to at most 5 min,
 * with ±20 % jitter so that many notifications failing together do not retry in lock-step; a receiver's
 * Retry-After is honoured when it asks for longer.
 */
export function backoffMs(attempt: number, retryAfterMs: number | null, random = Math.random): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.max(0, attempt - 1));
  const jittered = base * (0.8 + 0.4 * random());
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
