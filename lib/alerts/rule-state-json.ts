// The JSON kept in AlertRuleState.state: one rule's active (and recently resolved) alerts and the series it
// wrote at its last evaluation. The engine writes it after every evaluation; delivery (alerts to route) and the
// API (GET /alerts) read it. Keys are `alertFingerprint(labels)`: 16 hex digits as Alertmanager shows
// them, the same as AlertTransition.fingerprint (state.ts's in-memory fingerprint holds NUL separators, which
// PostgreSQL text refuses); parsing re-keys by state.ts `fingerprint`. JSON has no NaN or ±Inf, and an alert's value can be either (a DatasourceNoData
// alert's value is NaN; `x / 0` is +Inf): they are stored as Prometheus writes them, "NaN", "+Inf", "-Inf".
import { createHash } from "node:crypto";
import type { Labels } from "../series/labels";
import { type Alert, type AlertState, fingerprint } from "./state";

/** A label set's stored identity: the first 16 hex digits of SHA-256 over state.ts's fingerprint. */
export function alertFingerprint(labels: Labels): string {
  return createHash("sha256").update(fingerprint(labels)).digest("hex").slice(0, 16);
}

export interface StoredRuleState {
  /** state.ts `fingerprint(labels)` → alert */
  alerts: Map<string, Alert>;
  /** fingerprint → labels of every series the rule wrote last time (for stale markers when one ends) */
  written: Map<string, Labels>;
}

type JsonNumber = number | "NaN" | "+Inf" | "-Inf";

interface AlertJson extends Omit<Alert, "value"> {
  value: JsonNumber;
}

interface RuleStateJson {
  alerts: Record<string, AlertJson>;
  written: Record<string, Labels>;
}

function numberToJson(value: number): JsonNumber {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return value;
}

function numberFromJson(value: unknown): number {
  if (typeof value === "number") return value;
  if (value === "+Inf" || value === "Inf") return Number.POSITIVE_INFINITY;
  if (value === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number.NaN;
}

export function emptyStoredState(): StoredRuleState {
  return { alerts: new Map(), written: new Map() };
}

export function serializeRuleState(state: StoredRuleState): string {
  const json: RuleStateJson = { alerts: {}, written: {} };
  for (const alert of state.alerts.values())
    json.alerts[alertFingerprint(alert.labels)] = { ...alert, value: numberToJson(alert.value) };
  for (const labels of state.written.values()) json.written[alertFingerprint(labels)] = labels;
  return JSON.stringify(json);
}

const STATES: readonly AlertState[] = ["inactive", "pending", "firing"];
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const timeOrNull = (v: unknown): number | null => (typeof v === "number" ? v : null);

function stringMap(v: unknown): Labels {
  if (!isObject(v)) return {};
  const out: Labels = {};
  for (const [k, s] of Object.entries(v)) if (typeof s === "string") out[k] = s;
  return out;
}

function alertFromJson(v: unknown): Alert | null {
  if (!isObject(v) || !STATES.includes(v.state as AlertState) || typeof v.activeAt !== "number") return null;
  return {
    labels: stringMap(v.labels),
    annotations: stringMap(v.annotations),
    state: v.state as AlertState,
    value: numberFromJson(v.value),
    activeAt: v.activeAt,
    firedAt: timeOrNull(v.firedAt),
    resolvedAt: timeOrNull(v.resolvedAt),
    keepFiringSince: timeOrNull(v.keepFiringSince),
  };
}

/** Parses the stored text; an absent, empty or unreadable state is an empty one (the rule starts afresh). */
export function parseRuleState(text: string | null | undefined): StoredRuleState {
  const out = emptyStoredState();
  if (!text) return out;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return out;
  }
  if (!isObject(json)) return out;
  if (isObject(json.alerts))
    for (const raw of Object.values(json.alerts)) {
      const alert = alertFromJson(raw);
      if (alert) out.alerts.set(fingerprint(alert.labels), alert);
    }
  if (isObject(json.written))
    for (const raw of Object.values(json.written)) {
      const labels = stringMap(raw);
      out.written.set(fingerprint(labels), labels);
    }
  return out;
}

/** The alerts of a stored state as a list (pending, firing and recently resolved ones). */
export function alertsOf(text: string | null | undefined): Alert[] {
  return [...parseRuleState(text).alerts.values()];
}
