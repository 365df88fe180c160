// Fast acceptance of well-formed rows. zod costs ~16 µs a row, most of an ingest request; these checks decide
// "valid, and here is the parsed row" in ~1 µs. They never reject: anything they are unsure of returns null
// and goes through the zod schema, which gives the error message. tests/unit/ingest-fast-rows.test.ts checks
// that whatever they accept, zod accepts with the same output.
import {
  type LabelRow,
  MAX_FEATURES,
  MAX_ID_LENGTH,
  MAX_KEY_LENGTH,
  MAX_STRING_VALUE_LENGTH,
  type PredictionRow,
} from "./schemas";

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const MIN_EPOCH_MS = Date.UTC(2000, 0, 1);
const MAX_EPOCH_MS = Date.UTC(2100, 0, 1);
const INVALID = Symbol("invalid");

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= MAX_ID_LENGTH;
const isIdentifier = (v: unknown): v is string =>
  typeof v === "string" && v.length <= 128 && IDENTIFIER.test(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isProbability = (v: unknown): v is number => isFiniteNumber(v) && v >= 0 && v <= 1;
const isClassValue = (v: unknown): v is string | number | boolean =>
  isFiniteNumber(v) || typeof v === "boolean" || (typeof v === "string" && v.length <= MAX_KEY_LENGTH);

function time(v: unknown): number | undefined | typeof INVALID {
  if (v === undefined) return undefined;
  if (typeof v === "number")
    return Number.isFinite(v) && v >= MIN_EPOCH_MS && v <= MAX_EPOCH_MS ? Math.round(v) : INVALID;
  if (typeof v !== "string" || !ISO_8601.test(v)) return INVALID;
  const ms = Date.parse(v);
  return Number.isFinite(ms) && ms >= MIN_EPOCH_MS && ms <= MAX_EPOCH_MS ? ms : INVALID;
}

function featuresOk(v: Record<string, unknown>): boolean {
  let n = 0;
  for (const key in v) {
    if (!Object.hasOwn(v, key)) continue;
    if (++n > MAX_FEATURES || key.length === 0 || key.length > MAX_KEY_LENGTH) return false;
    const x = v[key];
    if (x === null || typeof x === "boolean") continue;
    if (
      typeof x === "number"
        ? !Number.isFinite(x)
        : typeof x !== "string" || x.length > MAX_STRING_VALUE_LENGTH
    )
      return false;
  }
  return true;
}

function scoresOk(v: Record<string, unknown>): boolean {
  for (const key in v)
    if (Object.hasOwn(v, key) && (key.length > MAX_KEY_LENGTH || !isProbability(v[key]))) return false;
  return true;
}

const nullish = (v: unknown) => v === undefined || v === null;

export function fastPredictionRow(input: unknown): PredictionRow | null {
  if (!isObject(input)) return null;
  const { id, model, version, features, prediction, score, scores, variant, latencyMs } = input;
  if (!isId(id) || !isIdentifier(model) || !isClassValue(prediction)) return null;
  if (version !== undefined && !isIdentifier(version)) return null;
  const timestamp = time(input.timestamp);
  if (timestamp === INVALID) return null;
  if (features !== undefined && !(isObject(features) && featuresOk(features))) return null;
  if (!nullish(score) && !isProbability(score)) return null;
  if (!nullish(scores) && !(isObject(scores) && scoresOk(scores))) return null;
  if (!nullish(variant) && !(typeof variant === "string" && variant.length <= 128)) return null;
  if (!nullish(latencyMs) && !(isFiniteNumber(latencyMs) && latencyMs >= 0)) return null;
  return {
    id,
    model,
    version: (version as string | undefined) ?? "default",
    timestamp,
    features: (features as PredictionRow["features"] | undefined) ?? {},
    prediction,
    score: score as number | null | undefined,
    scores: scores as Record<string, number> | null | undefined,
    variant: variant as string | null | undefined,
    latencyMs: latencyMs as number | null | undefined,
  };
}

export function fastLabelRow(input: unknown): LabelRow | null {
  if (!isObject(input)) return null;
  const { id, model, label } = input;
  if (!isId(id) || !isIdentifier(model) || !isClassValue(label)) return null;
  const timestamp = time(input.timestamp);
  if (timestamp === INVALID) return null;
  return { id, model, label, timestamp };
}
