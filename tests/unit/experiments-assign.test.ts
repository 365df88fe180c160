// Assignment: the documented algorithm (sha256("<key>:<unit>") → first 8 hex digits / 2^32 → cumulative
// weights). The table was produced by the Python snippet in docs/experiments.md (hashlib), so a serving
// service running either snippet agrees with GET /api/v1/experiments/{key}/assign.
import { describe, expect, it } from "vitest";
import { assignmentBucket, assignVariant, variantForBucket } from "@/lib/experiments/assign";

const AB = [
  { key: "A", version: "v1", weight: 0.7 },
  { key: "B", version: "v2", weight: 0.3 },
];
const ABN = [
  { key: "control", version: "v1", weight: 0.5 },
  { key: "t1", version: "v2", weight: 0.25 },
  { key: "t2", version: "v3", weight: 0.25 },
];

describe("assignment", () => {
  it.each([
    ["recommender-v2", "user-1", 0.16316110035404563, "A"],
    ["recommender-v2", "user-2", 0.03027992625720799, "A"],
    ["recommender-v2", "alice", 0.2951548311393708, "A"],
    ["recommender-v2", "bob", 0.825315817957744, "B"],
    ["recommender-v2", "42", 0.9666098349262029, "B"],
    ["recommender-v2", "ünïcode", 0.022163665620610118, "A"],
  ])("%s / %s → bucket %f → %s (A/B 70/30)", (key, unit, bucket, variant) => {
    expect(assignmentBucket(key, unit)).toBe(bucket);
    expect(assignVariant(key, AB, unit).key).toBe(variant);
  });

  it.each([
    ["u1", "t1"],
    ["u2", "control"],
    ["u3", "control"],
    ["u5", "t2"],
  ])("A/B/n: %s → %s", (unit, variant) => {
    expect(assignVariant("abn", ABN, unit).key).toBe(variant);
  });

  it("takes the first variant whose cumulative weight exceeds the bucket", () => {
    expect(variantForBucket(ABN, 0).key).toBe("control");
    expect(variantForBucket(ABN, 0.4999).key).toBe("control");
    expect(variantForBucket(ABN, 0.5).key).toBe("t1");
    expect(variantForBucket(ABN, 0.75).key).toBe("t2");
    expect(variantForBucket(ABN, 0.999999).key).toBe("t2");
  });

  it("is sticky and splits 10,000 units within 3σ of the weights", () => {
    const counts: Record<string, number> = { control: 0, t1: 0, t2: 0 };
    for (let i = 0; i < 10_000; i++) {
      const unit = `unit-${i}`;
      const v = assignVariant("split-check", ABN, unit).key;
      expect(assignVariant("split-check", ABN, unit).key).toBe(v);
      counts[v]! += 1;
    }
    for (const v of ABN) {
      const expected = 10_000 * v.weight;
      const sigma = Math.sqrt(10_000 * v.weight * (1 - v.weight));
      expect(Math.abs(counts[v.key]! - expected)).toBeLessThan(3 * sigma);
    }
  });

  it("assigns independently across experiments (the key is hashed in)", () => {
    let same = 0;
    for (let i = 0; i < 2000; i++)
      if (assignVariant("exp-one", AB, `u${i}`).key === assignVariant("exp-two", AB, `u${i}`).key) same += 1;
    // Independent 70/30 splits agree with probability 0.7² + 0.3² = 0.58.
    expect(same / 2000).toBeGreaterThan(0.54);
    expect(same / 2000).toBeLessThan(0.62);
  });
});
