// The create / edit experiment form: its values (strings, as typed), the request body built from them and the
// client-side check, which is the server's own zod schema (experimentInput / experimentPatch) plus the weight
// sum shown while typing. Issues are keyed by field ("variants.1.weight", "metrics", "endAt" …) so the form
// shows each one next to its field.
import type { z } from "zod";
import { experimentInput, experimentPatch, GUARDRAILS, QUALITY_METRICS } from "../experiments/schemas";

export type EventMetricType = "auto" | "binary" | "mean";

export interface VariantValues {
  key: string;
  version: string;
  weight: string;
}

export interface EventMetricValues {
  key: string;
  type: EventMetricType;
  inverse: boolean;
}

export interface ExperimentFormValues {
  key: string;
  model: string;
  name: string;
  description: string;
  variants: VariantValues[];
  qualityMetrics: string[];
  events: EventMetricValues[];
  guardrails: string[];
  /** datetime-local values (local time, no zone) */
  startAt: string;
  endAt: string;
  covariate: string;
  alpha: string;
}

export type FieldIssues = Record<string, string[]>;

export { GUARDRAILS, QUALITY_METRICS };

export function defaultFormValues(model = ""): ExperimentFormValues {
  return {
    key: "",
    model,
    name: "",
    description: "",
    variants: [
      { key: "control", version: "", weight: "0.5" },
      { key: "treatment", version: "", weight: "0.5" },
    ],
    qualityMetrics: ["accuracy"],
    events: [],
    guardrails: [],
    startAt: "",
    endAt: "",
    covariate: "",
    alpha: "0.05",
  };
}

/** Equal weights that add up to exactly 1: four decimals each, the rounding remainder on the last one. */
export function splitEvenly(count: number): string[] {
  if (count <= 0) return [];
  const each = Math.floor(10_000 / count) / 10_000;
  const last = Math.round((1 - each * (count - 1)) * 10_000) / 10_000;
  return Array.from({ length: count }, (_, i) => String(i === count - 1 ? last : each));
}

/** The weights' sum, rounded so float noise (0.1 + 0.2) does not show; NaN when a weight is not a number. */
export function weightSum(variants: ReadonlyArray<Pick<VariantValues, "weight">>): number {
  const total = variants.reduce((s, v) => s + (v.weight.trim() === "" ? Number.NaN : Number(v.weight)), 0);
  return Number.isFinite(total) ? Math.round(total * 1e6) / 1e6 : Number.NaN;
}

export function weightsSumToOne(variants: ReadonlyArray<Pick<VariantValues, "weight">>): boolean {
  const total = weightSum(variants);
  return Number.isFinite(total) && Math.abs(total - 1) <= 1e-6;
}

/** A datetime-local value → ISO-8601 (read as local time); a value that is not a date is passed on as typed. */
export function localInputToIso(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : v;
}

/** ISO-8601 → a datetime-local value in local time ("2026-03-01T09:30"); "" for null. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) return "";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function numberOrText(value: string): number | string {
  const v = value.trim();
  if (v === "") return Number.NaN;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

export type ExperimentBody = z.input<typeof experimentInput>;

/** The POST body, built from the form as typed (optional fields left out when empty). */
export function buildExperimentBody(v: ExperimentFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    key: v.key.trim(),
    model: v.model,
    variants: v.variants.map((r) => ({
      key: r.key.trim(),
      version: r.version.trim(),
      weight: numberOrText(r.weight),
    })),
    metrics: [
      ...v.qualityMetrics,
      ...v.events.map((e) =>
        e.type === "auto" ? e.key : { key: e.key, type: e.type, ...(e.inverse ? { inverse: true } : {}) },
      ),
    ],
    guardrails: v.guardrails,
    alpha: numberOrText(v.alpha),
  };
  if (v.name.trim()) body.name = v.name.trim();
  if (v.description.trim()) body.description = v.description.trim();
  const startAt = localInputToIso(v.startAt);
  if (startAt !== undefined) body.startAt = startAt;
  const endAt = localInputToIso(v.endAt);
  if (endAt !== undefined) body.endAt = endAt;
  if (v.covariate.trim()) body.covariate = v.covariate.trim();
  return body;
}

/** Where an issue is shown: "variants.1.weight" for a row's field, the top-level field otherwise. */
export function issueField(path: ReadonlyArray<PropertyKey>): string {
  const [head, index, field] = path;
  if (head === "variants" && typeof index === "number" && typeof field === "string")
    return `variants.${index}.${field}`;
  return typeof head === "string" ? head : "form";
}

function collect(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldIssues {
  const out: FieldIssues = {};
  for (const issue of issues) {
    const field = issueField(issue.path);
    const list = out[field] ?? [];
    if (!list.includes(issue.message)) list.push(issue.message);
    out[field] = list;
  }
  return out;
}

export type Checked<T> = { ok: true; body: T } | { ok: false; issues: FieldIssues };

/**
 * The create form checked as the server will check it. Zod runs the weight-sum refinement only once every
 * field is valid, so the sum is checked here too: it is refused however early the form is sent.
 */
export function checkExperimentForm(v: ExperimentFormValues): Checked<Record<string, unknown>> {
  const body = buildExperimentBody(v);
  const parsed = experimentInput.safeParse(body);
  const issues = parsed.success ? {} : collect(parsed.error.issues);
  if (!weightsSumToOne(v.variants) && !issues.variants?.some((m) => m.startsWith("weights must sum"))) {
    const total = weightSum(v.variants);
    issues.variants = [
      ...(issues.variants ?? []),
      Number.isFinite(total) ? `weights must sum to 1 (they sum to ${total})` : "weights must sum to 1",
    ];
  }
  if (v.model === "") issues.model = ["choose a model"];
  return Object.keys(issues).length === 0 ? { ok: true, body } : { ok: false, issues };
}

export interface EditValues {
  name: string;
  description: string;
  endAt: string;
}

/** The PATCH body of the edit form: name, description and end (empty end = no end). */
export function checkEditForm(v: EditValues): Checked<Record<string, unknown>> {
  const body = {
    name: v.name.trim(),
    description: v.description.trim(),
    endAt: localInputToIso(v.endAt) ?? null,
  };
  const parsed = experimentPatch.safeParse(body);
  return parsed.success ? { ok: true, body } : { ok: false, issues: collect(parsed.error.issues) };
}

/** Versions of `model` from the models API, newest-looking first (numeric-aware descending). */
export function modelVersions(
  models: ReadonlyArray<{ name: string; versions: ReadonlyArray<{ name: string }> }>,
  model: string,
): string[] {
  const m = models.find((x) => x.name === model);
  return (m?.versions.map((v) => v.name) ?? []).sort((a, b) =>
    b.localeCompare(a, undefined, { numeric: true }),
  );
}

/** An event name as the schema takes it, or the reason it is refused. */
export function eventNameProblem(name: string, taken: readonly string[]): string | null {
  const n = name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(n))
    return 'metric must be 1–64 letters, digits, "_", "." or "-", starting with a letter or digit';
  if (taken.includes(n)) return `${n} is already a metric`;
  return null;
}
