// The Shadows tab's "Add a shadow" form, as pure functions: the mapping rows prefilled from the model's features,
// the form → the upload's config JSON (docs/shadow.md) with the problems the server would refuse it for, the
// backfill range, and the server's answer to an upload (422: its problems and the model's signature).
import type { Signature, TensorInfo } from "../shadow/signature";

export type { Signature, TensorInfo } from "../shadow/signature";

export type EncodingKind = "number" | "onehot" | "ordinal";

export const ENCODING_LABELS: Record<EncodingKind, string> = {
  number: "number",
  onehot: "one-hot",
  ordinal: "ordinal",
};

export interface MappingRow {
  feature: string;
  /** Whether the feature goes into the input tensor (in the rows' order). */
  include: boolean;
  encoding: EncodingKind;
  /** Comma-separated categories, for one-hot and ordinal encodings. */
  categories: string;
}

export interface ShadowFormValues {
  name: string;
  tensor: string;
  output: string;
  scoreIndex: string;
  sampleRate: string;
  rows: MappingRow[];
  backfill: boolean;
  backfillDays: string;
}

export interface ShadowConfigJson {
  name: string;
  inputs: Record<string, string[]>;
  output: string;
  scoreIndex?: number;
  sampleRate: number;
  encodings?: Record<string, { type: "onehot" | "ordinal"; categories: string[] }>;
}

export const MAX_SHADOW_NAME = 128;

/** One row per feature: numbers as numbers, categorical features one-hot (categories left to fill in). */
export function rowsFromFeatures(
  features: readonly { name: string; type?: "numerical" | "categorical" }[],
): MappingRow[] {
  const seen = new Set<string>();
  const rows: MappingRow[] = [];
  for (const f of features) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    rows.push({
      feature: f.name,
      include: true,
      encoding: f.type === "categorical" ? "onehot" : "number",
      categories: "",
    });
  }
  return rows;
}

export function defaultFormValues(rows: MappingRow[]): ShadowFormValues {
  return {
    name: "",
    tensor: "features",
    output: "probabilities",
    scoreIndex: "1",
    sampleRate: "1",
    rows,
    backfill: false,
    backfillDays: "7",
  };
}

/** "DE, FR ,,US, DE" → ["DE", "FR", "US"]: trimmed, empty ones and repeats dropped. */
export function parseCategories(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(",")) {
    const c = part.trim();
    if (c && !out.includes(c)) out.push(c);
  }
  return out;
}

/** Moves row `index` by `delta` (−1 up, +1 down); the same array when it cannot move. */
export function moveRow<T>(rows: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return [...rows];
  const next = [...rows];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** The tensor slots the included rows fill: one per plain or ordinal feature, one per category when one-hot. */
export function slotCount(rows: readonly MappingRow[]): number {
  return rows
    .filter((r) => r.include)
    .reduce((n, r) => n + (r.encoding === "onehot" ? parseCategories(r.categories).length : 1), 0);
}

/** Why the server would refuse this shadow name (1–128 characters, no control characters, no "/"), or null. */
export function shadowNameProblem(name: string): string | null {
  if (name.trim().length === 0) return "Give the shadow a name.";
  if (name.length > MAX_SHADOW_NAME) return `At most ${MAX_SHADOW_NAME} characters.`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f/]/.test(name)) return "No “/” and no control characters.";
  return null;
}

export type ShadowFormCheck = { ok: true; config: ShadowConfigJson } | { ok: false; problems: string[] };

/** The form as the upload's config, or every problem found (the server checks the mapping against the model). */
export function buildShadowConfig(v: ShadowFormValues): ShadowFormCheck {
  const problems: string[] = [];
  const nameProblem = shadowNameProblem(v.name);
  if (nameProblem) problems.push(`Name: ${nameProblem}`);
  const tensor = v.tensor.trim();
  if (!tensor) problems.push("Input tensor: give its name.");
  const output = v.output.trim();
  if (!output) problems.push("Output: give the output tensor's name.");

  let scoreIndex: number | undefined;
  if (v.scoreIndex.trim() !== "") {
    const n = Number(v.scoreIndex);
    if (!Number.isInteger(n) || n < 0) problems.push("Score index: a whole number, 0 or more.");
    else scoreIndex = n;
  }
  const sampleRate = v.sampleRate.trim() === "" ? 1 : Number(v.sampleRate);
  if (!Number.isFinite(sampleRate) || sampleRate <= 0 || sampleRate > 1)
    problems.push("Sample rate: a share in (0, 1].");

  const included = v.rows.filter((r) => r.include);
  if (included.length === 0) problems.push("Mapping: include at least one feature.");
  const encodings: NonNullable<ShadowConfigJson["encodings"]> = {};
  for (const r of included) {
    if (r.encoding === "number") continue;
    const categories = parseCategories(r.categories);
    if (categories.length === 0)
      problems.push(
        `${r.feature}: list its categories (comma-separated) for the ${ENCODING_LABELS[r.encoding]} encoding.`,
      );
    encodings[r.feature] = { type: r.encoding, categories };
  }
  if (v.backfill) {
    const days = Number(v.backfillDays);
    if (!Number.isInteger(days) || days < 1 || days > 365)
      problems.push("Backfill: a whole number of days, 1–365.");
  }
  if (problems.length > 0) return { ok: false, problems };

  const config: ShadowConfigJson = {
    name: v.name.trim(),
    inputs: { [tensor]: included.map((r) => r.feature) },
    output,
    ...(scoreIndex !== undefined ? { scoreIndex } : {}),
    sampleRate,
  };
  if (Object.keys(encodings).length > 0) config.encodings = encodings;
  return { ok: true, config };
}

/** POST …/backfill's body for "the last `days` days" up to now. */
export function backfillRange(days: number, now: number): { from: string; to: string } {
  return { from: new Date(now - days * 86_400_000).toISOString(), to: new Date(now).toISOString() };
}

export function shadowUploadUrl(model: string): string {
  return `/api/v1/models/${encodeURIComponent(model)}/shadows`;
}

export function backfillUrl(id: number): string {
  return `/api/v1/shadows/${id}/backfill`;
}

/** "float32 [N, 13]" (a string dimension is symbolic; no shape: "shape unknown"). */
export function tensorText(t: TensorInfo): string {
  if (!t.isTensor) return "not a tensor (sequence or map)";
  const shape = t.shape ? `[${t.shape.join(", ")}]` : "shape unknown";
  return `${t.type ?? "?"} ${shape}`;
}

export interface ShadowUploadFailure {
  title: string;
  message: string;
  problems: string[];
  signature: Signature | null;
}

function isSignature(v: unknown): v is Signature {
  return (
    !!v &&
    typeof v === "object" &&
    Array.isArray((v as Signature).inputs) &&
    Array.isArray((v as Signature).outputs)
  );
}

/** The server's answer to a refused upload, for the form: a title, its message, the problems and signature. */
export function shadowUploadFailure(status: number, text: string): ShadowUploadFailure {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") body = parsed as Record<string, unknown>;
  } catch {
    body = {};
  }
  const error = typeof body.error === "string" ? body.error : null;
  const problems = Array.isArray(body.problems)
    ? body.problems.filter((p): p is string => typeof p === "string")
    : [];
  const signature = isSignature(body.signature) ? body.signature : null;
  const base = { problems, signature };
  if (status === 0)
    return { ...base, title: "Upload failed", message: "The connection to the server was lost. Try again." };
  if (status === 401)
    return { ...base, title: "Signed out", message: "Your session has expired. Sign in again." };
  if (status === 403)
    return {
      ...base,
      title: "Only editors and admins can add shadows",
      message: error ?? "The server refused (HTTP 403).",
    };
  if (status === 409)
    return {
      ...base,
      title: "Name already taken",
      message: error ?? "A shadow of this name exists. Choose another.",
    };
  if (status === 413)
    return { ...base, title: "File too large for this server", message: error ?? "HTTP 413." };
  if (status === 422)
    return {
      ...base,
      title: problems.length > 0 ? "The mapping does not fit the model" : "Not accepted",
      message: error ?? "The server refused the model or its configuration (HTTP 422).",
    };
  return {
    ...base,
    title: `Upload failed (HTTP ${status})`,
    message: error ?? "The server answered with an error; its log has the details.",
  };
}
