// Small display helpers shared by the alerting pages: label sets as text, semantic tones for states and
// delivery statuses, durations in milliseconds. Pure.
import type { NotificationInfo } from "../alerts/api-schemas";
import { formatDuration } from "./format";

export type Tone = "good" | "warn" | "bad" | "info" | "muted" | "neutral";

/** {a="1", b="2"} with names sorted and __name__ first, as Prometheus prints a series. */
export function labelsText(labels: Readonly<Record<string, string>>, omit: readonly string[] = []): string {
  const names = Object.keys(labels)
    .filter((n) => !omit.includes(n))
    .sort((a, b) => (a === "__name__" ? -1 : b === "__name__" ? 1 : a.localeCompare(b)));
  return `{${names.map((n) => `${n}=${JSON.stringify(labels[n])}`).join(", ")}}`;
}

export const NOTIFICATION_TONE: Record<NotificationInfo["status"], Tone> = {
  sent: "good",
  pending: "info",
  failed: "bad",
  suppressed: "muted",
};

/** A pending notification that has been tried already is being retried. */
export function notificationStatusLabel(n: Pick<NotificationInfo, "status" | "attempts">): string {
  if (n.status === "pending" && n.attempts > 0) return "retrying";
  return n.status;
}

export const DELIVERY_TONE: Record<"sent" | "retry" | "permanent", Tone> = {
  sent: "good",
  retry: "warn",
  permanent: "bad",
};

export const DELIVERY_LABEL: Record<"sent" | "retry" | "permanent", string> = {
  sent: "delivered",
  retry: "temporary failure (retried)",
  permanent: "permanent failure",
};

export const SEVERITY_TONE: Record<string, Tone> = { critical: "bad", warning: "warn", info: "info" };

/** 1234 → "1.23 s", 87 → "87 ms": evaluation durations. */
export function formatMs(ms: number | null | undefined): string {
  if (typeof ms !== "number" || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return formatDuration(ms / 1000);
}
