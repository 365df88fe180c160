// Deterministic, sticky assignment of a unit (user, session, request id) to a variant. The same algorithm is
// documented in docs/experiments.md with JS and Python snippets, so a serving service can assign locally:
//   bucket = first 8 hex digits of sha256("<experiment key>:<unit>") as an unsigned 32-bit integer / 2^32
//   variant = the first, in configured order, whose cumulative weight exceeds the bucket
// Weights never change after creation, so a unit keeps its variant for the life of the experiment.
import { createHash } from "node:crypto";

export interface WeightedVariant {
  key: string;
  version: string;
  weight: number;
}

/** The unit's position in [0, 1): uniform, and independent between experiments (the key is hashed in). */
export function assignmentBucket(experimentKey: string, unit: string): number {
  const hex = createHash("sha256").update(`${experimentKey}:${unit}`, "utf8").digest("hex");
  return Number.parseInt(hex.slice(0, 8), 16) / 2 ** 32;
}

/** The variant whose cumulative-weight interval holds the bucket; the last one absorbs rounding of the sum. */
export function variantForBucket<V extends WeightedVariant>(variants: readonly V[], bucket: number): V {
  let cumulative = 0;
  for (const variant of variants) {
    cumulative += variant.weight;
    if (bucket < cumulative) return variant;
  }
  const last = variants[variants.length - 1];
  if (!last) throw new Error("an experiment needs at least one variant");
  return last;
}

export function assignVariant<V extends WeightedVariant>(
  experimentKey: string,
  variants: readonly V[],
  unit: string,
): V {
  return variantForBucket(variants, assignmentBucket(experimentKey, unit));
}
