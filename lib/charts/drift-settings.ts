// The Drift tab's settings, as pure functions: a reference dataset's format and columns as far as the file's
// first KB tells (CSV header with RFC 4180 quoting, or the first JSON line's keys), the upload URL, the pinned
// window's validation, and the settings form ↔ GET/PUT …/drift/config (normalised, compared, validated: a test
// must apply to the column's type). Types come from the API contract (type-only import).

import type { z } from "zod";
import type { contract } from "../api/contract";
import { STAT_TEST_TYPES, STAT_TESTS, type StatTestName } from "../drift/stattest-names";
import type { DriftConfig } from "./drift";
import { fromLocalInput } from "./range";

export type { StatTestName } from "../drift/stattest-names";
export type ReferenceList = z.infer<typeof contract.listReferences.response>;
export type ReferenceProfile = ReferenceList["profiles"][number];
export type ProfileColumn = ReferenceProfile["columns"][number];
export type ActiveReference = ReferenceList["active"];
export type UploadReferenceResponse = z.infer<typeof contract.uploadReference.response>;
export type ColumnType = "numerical" | "categorical";

export { STAT_TESTS };

// ——— Reference datasets: format, name, columns ———

export type ReferenceFormat = "csv" | "jsonl";

export const REFERENCE_FORMAT_LABELS: Record<ReferenceFormat, string> = {
  csv: "CSV",
  jsonl: "JSON lines",
};

/** How much of the file's start is read for its header (or first JSON line). */
export const HEADER_SNIFF_BYTES = 64 * 1024;

/**
 * Format from the file name (.csv → CSV; .jsonl, .ndjson → JSON lines), else from its start (a first line that
 * opens a JSON object → JSON lines), else CSV.
 */
export function detectReferenceFormat(
  fileName: string,
  head = "",
): { format: ReferenceFormat; reason: string } {
  const ext = /\.(csv|jsonl|ndjson)$/i.exec(fileName.trim());
  if (ext) {
    const e = ext[1]!.toLowerCase();
    return { format: e === "csv" ? "csv" : "jsonl", reason: `file name ends in .${e}` };
  }
  const first = head.replace(/^\uFEFF/, "").trimStart();
  if (first.startsWith("{")) return { format: "jsonl", reason: "the first line is a JSON object" };
  return { format: "csv", reason: "not .jsonl or .ndjson, and the first line is not a JSON object" };
}

/** The Content-Type the server reads as this format (the URL names the format too). */
export function referenceContentType(format: ReferenceFormat): string {
  return format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
}

export const MAX_PROFILE_NAME = 128;

/** Why the server would refuse this dataset name (1–128 characters, no control characters, no "/"), or null. */
export function profileNameProblem(name: string): string | null {
  if (name.length === 0) return "Give the dataset a name.";
  if (name.length > MAX_PROFILE_NAME) return `At most ${MAX_PROFILE_NAME} characters.`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f/]/.test(name)) return "No “/” and no control characters.";
  return null;
}

/** A dataset name from the file's: extension dropped, "/" and control characters replaced, 128 at most. */
export function defaultProfileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.(csv|jsonl|ndjson|json|txt)$/i, "");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const clean = base.replace(/[\u0000-\u001f\u007f/]+/g, "-").trim();
  return (clean || "reference").slice(0, MAX_PROFILE_NAME);
}

export type HeaderSniff =
  | { ok: true; columns: string[]; warning: string | null }
  | { ok: false; reason: string };

/**
 * The column names of a CSV's header row, read as the server reads it (RFC 4180: `"a, b"`, `"say ""hi"""`, line
 * breaks inside quotes; `\n` or `\r\n`; a UTF-8 byte order mark ignored; blank lines before it skipped). `text`
 * is the file's start; `whole` says whether it is the whole file (else a header running past it is "too long").
 * `warning` names what the server will refuse: a name twice, an empty name, one column that looks like `;` or
 * tab separated.
 */
export function sniffCsvHeader(text: string, whole: boolean): HeaderSniff {
  let s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Blank lines before the header are skipped, as the server skips them.
  s = s.replace(/^(?:\r?\n)+/, "");
  if (s === "") return { ok: false, reason: "the file is empty" };
  const fields: string[] = [];
  let field = "";
  let i = 0;
  let atFieldStart = true;
  let ended = false;
  while (i < s.length) {
    const c = s[i]!;
    if (atFieldStart && c === '"') {
      // A quoted field: up to the closing quote ("" is one quote), then a comma or the end of the line.
      let j = i + 1;
      let closed = false;
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            field += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        field += s[j];
        j++;
      }
      if (!closed)
        return whole
          ? { ok: false, reason: "a quoted name in the header is never closed" }
          : { ok: false, reason: `the header is longer than ${HEADER_SNIFF_BYTES / 1024} KiB` };
      const next = s[j];
      if (next !== undefined && next !== "," && next !== "\n" && !(next === "\r" && s[j + 1] === "\n"))
        return {
          ok: false,
          reason: "a closing quote in the header is followed by something other than a comma",
        };
      i = j;
      atFieldStart = false;
      continue;
    }
    if (c === ",") {
      fields.push(field);
      field = "";
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === "\n" || (c === "\r" && s[i + 1] === "\n")) {
      ended = true;
      break;
    }
    field += c;
    atFieldStart = false;
    i++;
  }
  if (!ended && !whole)
    return { ok: false, reason: `the header is longer than ${HEADER_SNIFF_BYTES / 1024} KiB` };
  fields.push(field);
  return { ok: true, columns: fields, warning: headerWarning(fields) };
}

function headerWarning(names: string[]): string | null {
  if (names.length === 1 && /[;\t]/.test(names[0]!))
    return "The header has one column: fields must be separated by commas.";
  if (names.some((n) => n === "")) return "A column of the header has no name; the server will refuse it.";
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) return `Column “${n}” appears twice in the header; the server will refuse it.`;
    seen.add(n);
  }
  return null;
}

/** The keys of the first JSON object line (blank lines skipped), for JSON lines. */
export function sniffJsonLinesKeys(text: string, whole: boolean): HeaderSniff {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = s.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, "");
    if (line.trim() === "") continue;
    const last = i === lines.length - 1;
    if (last && !whole)
      return { ok: false, reason: `the first line is longer than ${HEADER_SNIFF_BYTES / 1024} KiB` };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { ok: false, reason: "the first line is not JSON" };
    }
    if (!value || typeof value !== "object" || Array.isArray(value))
      return { ok: false, reason: "the first line is not a JSON object" };
    return { ok: true, columns: Object.keys(value), warning: null };
  }
  return { ok: false, reason: "the file is empty" };
}

export function sniffColumns(format: ReferenceFormat, text: string, whole: boolean): HeaderSniff {
  return format === "csv" ? sniffCsvHeader(text, whole) : sniffJsonLinesKeys(text, whole);
}

export interface ReferenceRoles {
  predictionColumn: string;
  scoreColumn: string;
  labelColumn: string;
}

export const ROLE_LABELS: Record<keyof ReferenceRoles, string> = {
  predictionColumn: "Prediction column",
  scoreColumn: "Score column",
  labelColumn: "Label column",
};

/** Role columns must differ ("" is none); the first clash, or null. */
export function rolesProblem(roles: ReferenceRoles): string | null {
  const named = (Object.keys(roles) as Array<keyof ReferenceRoles>).filter((k) => roles[k] !== "");
  const seen = new Map<string, keyof ReferenceRoles>();
  for (const k of named) {
    const other = seen.get(roles[k]);
    if (other)
      return `${ROLE_LABELS[other]} and ${ROLE_LABELS[k].toLowerCase()} name the same column, “${roles[k]}”.`;
    seen.set(roles[k], k);
  }
  return null;
}

/** Role columns the file does not have (a stale choice after another file was picked) are dropped. */
export function keepKnownRoles(roles: ReferenceRoles, columns: readonly string[]): ReferenceRoles {
  const known = new Set(columns);
  return {
    predictionColumn: known.has(roles.predictionColumn) ? roles.predictionColumn : "",
    scoreColumn: known.has(roles.scoreColumn) ? roles.scoreColumn : "",
    labelColumn: known.has(roles.labelColumn) ? roles.labelColumn : "",
  };
}

/** Column names that suggest a role, so the usual layouts need no choice: "label", "target", "y" …. */
export function guessRoles(columns: readonly string[]): ReferenceRoles {
  const find = (re: RegExp) => columns.find((c) => re.test(c.trim())) ?? "";
  const roles: ReferenceRoles = {
    predictionColumn: find(/^(prediction|predicted|pred|y_pred)$/i),
    scoreColumn: find(/^(score|probability|proba|y_score)$/i),
    labelColumn: find(/^(label|target|y|y_true|ground_truth)$/i),
  };
  return rolesProblem(roles) ? { predictionColumn: "", scoreColumn: "", labelColumn: "" } : roles;
}

export function referenceBase(model: string): string {
  return `/api/v1/models/${encodeURIComponent(model)}/reference`;
}

/** POST …/reference?name=…&format=…&…Column=…&activate=…; empty roles left out. */
export function referenceUploadUrl(
  model: string,
  opts: { name: string; format: ReferenceFormat; activate: boolean } & ReferenceRoles,
): string {
  const q = new URLSearchParams({ name: opts.name, format: opts.format });
  if (opts.predictionColumn) q.set("predictionColumn", opts.predictionColumn);
  if (opts.scoreColumn) q.set("scoreColumn", opts.scoreColumn);
  if (opts.labelColumn) q.set("labelColumn", opts.labelColumn);
  q.set("activate", opts.activate ? "true" : "false");
  return `${referenceBase(model)}?${q}`;
}

/** The server's error (`{error}`) from an answer's text; null when the body is not that. */
export function serverError(text: string): { message: string; line: number | null } | null {
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === "object" && "error" in body && typeof body.error === "string") {
      const line = "line" in body && typeof body.line === "number" ? body.line : null;
      return { message: body.error, line };
    }
  } catch {
    // not JSON: a proxy's error page, an empty body
  }
  return null;
}

/** What the upload form shows for a refused upload: a title and the server's reason. */
export function uploadFailure(status: number, text: string): { title: string; message: string } {
  const err = serverError(text);
  if (status === 0)
    return {
      title: "Upload failed",
      message: "The connection to the server was lost. Check it and try again.",
    };
  if (status === 400)
    return {
      title: err?.line != null ? `Not uploaded: a problem on line ${err.line}` : "Not uploaded",
      message: err?.message ?? "The server refused the file (HTTP 400).",
    };
  if (status === 401) return { title: "Signed out", message: "Your session has expired. Sign in again." };
  if (status === 403)
    return {
      title: "Only editors and admins can upload",
      message: err?.message ?? "The server refused (HTTP 403).",
    };
  if (status === 409)
    return { title: "Upload cancelled", message: err?.message ?? "The dataset was deleted." };
  if (status === 413)
    return { title: "File too large for this server", message: err?.message ?? "HTTP 413." };
  if (status === 415) return { title: "Format not accepted", message: err?.message ?? "HTTP 415." };
  return {
    title: `Upload failed (HTTP ${status})`,
    message: err?.message ?? "The server answered with an error; its log has the details.",
  };
}

// ——— The active reference ———

export function activeReferenceText(active: ActiveReference): string {
  if (active.source === "profile") return `uploaded dataset “${active.profile ?? ""}”`;
  if (active.source === "pinned") return "pinned window";
  return "first 7 days (default)";
}

export type WindowCheck = { ok: true; from: string; to: string } | { ok: false; problem: string };

/** Two <input type="datetime-local"> values (local time) → an ISO window, from strictly before to. */
export function checkPinnedWindow(fromLocal: string, toLocal: string): WindowCheck {
  const from = fromLocalInput(fromLocal);
  const to = fromLocalInput(toLocal);
  if (!from) return { ok: false, problem: "Choose when the reference starts." };
  if (!to) return { ok: false, problem: "Choose when the reference ends." };
  if (Date.parse(from) >= Date.parse(to)) return { ok: false, problem: "The start must be before the end." };
  return { ok: true, from, to };
}

// ——— Tests and column types ———

/** Column types each test takes (the server's own table). */
export const TEST_TYPES = STAT_TEST_TYPES;

export function isStatTest(s: string): s is StatTestName {
  return (STAT_TESTS as readonly string[]).includes(s);
}

/** Tests for a column of this type; null (type not known): the tests that take both. */
export function testsFor(type: ColumnType | null): StatTestName[] {
  return STAT_TESTS.filter((t) => (type ? TEST_TYPES[t].includes(type) : TEST_TYPES[t].length === 2));
}

export function testApplies(test: StatTestName, type: ColumnType): boolean {
  return TEST_TYPES[test].includes(type);
}

// ——— Settings form ↔ config ———

export const DEFAULT_DRIFT_SHARE_PERCENT = 50;
export const MAX_THRESHOLD = 1e9;

export type TypeChoice = "auto" | ColumnType;
export type TestChoice = "auto" | StatTestName;

export interface ColumnForm {
  type: TypeChoice;
  stattest: TestChoice;
  /** "" is auto (the test's default). */
  threshold: string;
}

export interface SettingsForm {
  stattest: TestChoice;
  threshold: string;
  /** Percent of features; "" is the default (50). */
  driftShare: string;
  columns: Record<string, ColumnForm>;
}

/** A feature as the form lists it: its name and the type the server detected (null: not known). */
export interface FeatureInfo {
  name: string;
  /** The type without an override; null when an override hides it or the feature is not in this range. */
  detected: ColumnType | null;
}

const AUTO_COLUMN: ColumnForm = { type: "auto", stattest: "auto", threshold: "" };

/** A number as a form field: shortest round-trip text. */
function numberText(n: number | undefined): string {
  return n === undefined ? "" : String(n);
}

/** The form for a config: every listed feature, and every column the config sets (it may be out of range). */
export function formFromConfig(config: DriftConfig, features: readonly string[]): SettingsForm {
  const columns: Record<string, ColumnForm> = {};
  for (const name of features) columns[name] = { ...AUTO_COLUMN };
  for (const [name, c] of Object.entries(config.columns ?? {}))
    columns[name] = {
      type: c.type ?? "auto",
      stattest: c.stattest ?? "auto",
      threshold: numberText(c.threshold),
    };
  return {
    stattest: config.stattest ?? "auto",
    threshold: numberText(config.threshold),
    driftShare:
      config.driftShare === undefined ? "" : String(Number((config.driftShare * 100).toPrecision(12))),
    columns,
  };
}

const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A positive number typed in a field ("" → undefined); NaN when it is not one. */
export function parsePositive(text: string): number | undefined {
  const s = text.trim();
  if (s === "") return undefined;
  if (!DECIMAL.test(s)) return Number.NaN;
  return Number(s);
}

export type FormErrors = Record<string, string>;

/** The error key of one column's field. */
export const fieldKey = (column: string, field: keyof ColumnForm) => `columns.${column}.${field}`;

function thresholdProblem(text: string): string | null {
  const n = parsePositive(text);
  if (n === undefined) return null;
  if (!Number.isFinite(n) || n <= 0) return "A number above 0, or empty for the test's default.";
  if (n > MAX_THRESHOLD) return "At most 1e9.";
  return null;
}

/** The type a column is tested as: its override, else what the server detected (null: not known). */
export function effectiveType(form: ColumnForm, feature: FeatureInfo | undefined): ColumnType | null {
  return form.type !== "auto" ? form.type : (feature?.detected ?? null);
}

/**
 * Field errors of a form. `features` has each feature's detected type; `outputs` the types of prediction, score
 * and label (the model-wide test applies to them too). A test must take the column's type: the server refuses
 * nothing at save time but then cannot compute drift for that column.
 */
export function validateForm(
  form: SettingsForm,
  features: readonly FeatureInfo[],
  outputs: ReadonlyArray<{ name: string; type: ColumnType }> = [],
): FormErrors {
  const errors: FormErrors = {};
  const byName = new Map(features.map((f) => [f.name, f]));
  const t = thresholdProblem(form.threshold);
  if (t) errors.threshold = t;
  const share = parsePositive(form.driftShare);
  if (share !== undefined && (!Number.isFinite(share) || share <= 0 || share > 100))
    errors.driftShare = "A percentage above 0 and at most 100, or empty for 50%.";
  const clashes: string[] = [];
  for (const [name, c] of Object.entries(form.columns)) {
    const ct = thresholdProblem(c.threshold);
    if (ct) errors[fieldKey(name, "threshold")] = ct;
    const type = effectiveType(c, byName.get(name));
    if (c.stattest !== "auto") {
      if (type && !testApplies(c.stattest, type))
        errors[fieldKey(name, "stattest")] = `${c.stattest} does not apply to ${type} columns.`;
      else if (!type && TEST_TYPES[c.stattest].length < 2)
        errors[fieldKey(name, "stattest")] =
          `The column's type is not known here: choose its type, or a test for both types.`;
    } else if (form.stattest !== "auto") {
      if (type ? !testApplies(form.stattest, type) : TEST_TYPES[form.stattest].length < 2) clashes.push(name);
    }
  }
  if (form.stattest !== "auto")
    for (const o of outputs) if (!testApplies(form.stattest, o.type)) clashes.push(o.name);
  if (form.stattest !== "auto" && clashes.length > 0)
    errors.stattest = `${form.stattest} does not apply to ${clashes.length === 1 ? "column" : "columns"} ${clashes.map((c) => `“${c}”`).join(", ")}: choose another test, or give ${clashes.length === 1 ? "that column" : "those feature columns"} a test of ${clashes.length === 1 ? "its" : "their"} own.`;
  return errors;
}

/**
 * The config a form stands for, on top of `base` (its reference kept as it is). Columns left all "auto" are
 * dropped. Call validateForm first: invalid numbers are left out here.
 */
export function configFromForm(form: SettingsForm, base: DriftConfig): DriftConfig {
  const num = (s: string) => {
    const n = parsePositive(s);
    return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const columns: NonNullable<DriftConfig["columns"]> = {};
  for (const name of Object.keys(form.columns).sort()) {
    const c = form.columns[name]!;
    const o: NonNullable<DriftConfig["columns"]>[string] = {};
    if (c.type !== "auto") o.type = c.type;
    if (c.stattest !== "auto") o.stattest = c.stattest;
    const t = num(c.threshold);
    if (t !== undefined) o.threshold = t;
    if (Object.keys(o).length > 0) columns[name] = o;
  }
  const share = num(form.driftShare);
  return normalizeConfig({
    reference: base.reference,
    stattest: form.stattest === "auto" ? undefined : form.stattest,
    threshold: num(form.threshold),
    driftShare: share === undefined ? undefined : Math.min(1, share / 100),
    columns,
  });
}

/**
 * A config in one canonical shape, to compare and to send: no undefined fields, no empty column overrides or
 * column map, a null reference dropped (both mean "the default"), columns sorted by name.
 */
export function normalizeConfig(config: DriftConfig): DriftConfig {
  const out: DriftConfig = {};
  if (config.reference) out.reference = config.reference;
  if (config.stattest !== undefined) out.stattest = config.stattest;
  if (config.threshold !== undefined) out.threshold = config.threshold;
  if (config.driftShare !== undefined) out.driftShare = config.driftShare;
  const columns: NonNullable<DriftConfig["columns"]> = {};
  for (const name of Object.keys(config.columns ?? {}).sort()) {
    const c = config.columns![name]!;
    const o: NonNullable<DriftConfig["columns"]>[string] = {};
    if (c.type !== undefined) o.type = c.type;
    if (c.stattest !== undefined) o.stattest = c.stattest;
    if (c.threshold !== undefined) o.threshold = c.threshold;
    if (Object.keys(o).length > 0) columns[name] = o;
  }
  if (Object.keys(columns).length > 0) out.columns = columns;
  return out;
}

/** Two references are the same: both the default (null or absent), one dataset, or one window (same instants). */
export function sameReference(a: DriftConfig["reference"], b: DriftConfig["reference"]): boolean {
  if (!a || !b) return !a && !b;
  if ("profile" in a || "profile" in b) return "profile" in a && "profile" in b && a.profile === b.profile;
  return (
    Date.parse(a.from) === Date.parse(b.from) &&
    Date.parse(a.to) === Date.parse(b.to) &&
    a.version === b.version
  );
}

/**
 * What differs between two configs, one line per setting, in words: "model-wide test: auto → psi",
 * "price: test auto → psi". Empty when they are the same.
 */
export function diffConfig(before: DriftConfig, after: DriftConfig): string[] {
  const a = normalizeConfig(before);
  const b = normalizeConfig(after);
  const out: string[] = [];
  const show = (v: unknown, unit = "") => (v === undefined ? "auto" : `${String(v)}${unit}`);
  const pct = (v: number | undefined) => (v === undefined ? undefined : Number((v * 100).toPrecision(12)));
  if (!sameReference(a.reference, b.reference)) out.push("reference");
  if (a.stattest !== b.stattest) out.push(`model-wide test: ${show(a.stattest)} → ${show(b.stattest)}`);
  if (a.threshold !== b.threshold)
    out.push(`model-wide threshold: ${show(a.threshold)} → ${show(b.threshold)}`);
  if (a.driftShare !== b.driftShare)
    out.push(`drift share: ${show(pct(a.driftShare) ?? 50, "%")} → ${show(pct(b.driftShare) ?? 50, "%")}`);
  const names = [...new Set([...Object.keys(a.columns ?? {}), ...Object.keys(b.columns ?? {})])].sort();
  for (const name of names) {
    const x = a.columns?.[name] ?? {};
    const y = b.columns?.[name] ?? {};
    if (x.type !== y.type) out.push(`${name}: type ${show(x.type)} → ${show(y.type)}`);
    if (x.stattest !== y.stattest) out.push(`${name}: test ${show(x.stattest)} → ${show(y.stattest)}`);
    if (x.threshold !== y.threshold)
      out.push(`${name}: threshold ${show(x.threshold)} → ${show(y.threshold)}`);
  }
  return out;
}

/** The config to PUT for a new reference: every other setting kept (PUT replaces the whole config). */
export function withReference(config: DriftConfig, reference: DriftConfig["reference"]): DriftConfig {
  return normalizeConfig({ ...config, reference: reference ?? undefined });
}

// ——— Queries the settings change ———

/**
 * react-query keys a drift settings change makes stale: the model's drift, drift config, distributions and
 * reference list (["models", model, "drift…" | "references", …]), and the hourly drift series (["prom", "drift",
 * …]), which the worker rewrites.
 */
export function isDriftQueryKey(key: readonly unknown[], model: string): boolean {
  if (key[0] === "prom") return key[1] === "drift";
  if (key[0] !== "models" || key[1] !== model) return false;
  return typeof key[2] === "string" && (key[2].startsWith("drift") || key[2] === "references");
}
