// Shared wording of notifications: the title every channel uses ("[FIRING:2] AccuracyLow (model=rec)"), the
// severity colour, and the alert lines, so email, Slack and the notification log say the same thing.
import type { Notification, NotifiedAlert } from "./types";

export function title(n: Notification): string {
  const firing = n.alerts.filter((a) => a.status === "firing").length;
  const state = n.status === "firing" ? `FIRING:${firing}` : "RESOLVED";
  const name = n.groupLabels.alertname ?? n.commonLabels.alertname ?? "alerts";
  const rest = Object.entries(n.groupLabels)
    .filter(([k]) => k !== "alertname")
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  return `[${state}] ${name}${rest ? ` (${rest})` : ""}`;
}

/** Colour-blind-safe enough: red/amber/blue differ in lightness too; resolved is green. */
export function severityColour(n: Notification): string {
  if (n.status === "resolved") return "#2e7d32";
  const severity = (n.commonLabels.severity ?? "").toLowerCase();
  if (["critical", "page", "error"].includes(severity)) return "#c62828";
  if (["warning", "warn"].includes(severity)) return "#ef8f00";
  return "#1565c0";
}

export function summaryOf(a: NotifiedAlert): string {
  return a.annotations.summary ?? a.annotations.description ?? a.labels.alertname ?? "alert";
}

export function formatValue(v: number | null): string {
  if (v === null || Number.isNaN(v)) return "—";
  return Number.isInteger(v) ? String(v) : v.toPrecision(4).replace(/\.?0+$/, "");
}

/** Labels that differ between the group's alerts (the common ones are said once). */
export function distinctLabels(n: Notification, a: NotifiedAlert): Array<[string, string]> {
  return Object.entries(a.labels)
    .filter(([k]) => n.commonLabels[k] === undefined)
    .sort(([x], [y]) => (x < y ? -1 : 1));
}
