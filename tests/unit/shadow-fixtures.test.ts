import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { InferenceSession, Tensor } from "onnxruntime-node";
import { describe, expect, it } from "vitest";

// The shadow fixtures (tests/fixtures/shadow/generate.py, see docs/shadow-models.md): committed ONNX models and
// the outputs of a numpy evaluation of the same graphs. onnxruntime-node (CPU) must agree to 1e-5. All are
// tiny but recommender-mlp.onnx, 13 → 256 → 256 → 2: the shadow benchmark's realistically sized model.
const dir = new URL("../fixtures/shadow/", import.meta.url);
const path = (name: string) => fileURLToPath(new URL(name, dir));

interface FeatureColumn {
  column: string;
  feature: string;
  kind: "numeric" | "onehot";
  value?: string;
}
interface Reference {
  tolerance: number;
  featureColumns: FeatureColumn[];
  files: Record<string, { bytes: number; sha256: string }>;
  batch: { rows: Array<Record<string, number | string>>; features: number[][] };
  models: Record<
    string,
    {
      input: string;
      outputs: { probabilities: number[][]; label: number[] };
      meanAbsErrorVsTruth: Record<string, number>;
    }
  >;
  twoInputs: {
    inputs: { numeric: number[][]; category_id: number[][] };
    outputs: { probabilities: number[][] };
  };
}
const reference = JSON.parse(readFileSync(path("reference-outputs.json"), "utf8")) as Reference;
const RECOMMENDERS = ["recommender-prod.onnx", "recommender-candidate.onnx", "recommender-int8.onnx"];
const MLP = "recommender-mlp.onnx";
/** float32 parameters of the MLP: standardisation (13 + 13), then 13×256, 256×256, 256×2 weights with biases. */
const MLP_PARAMETERS = 13 + 13 + (13 * 256 + 256) + (256 * 256 + 256) + (256 * 2 + 2);
const LEVELS = ["all", "disabled"] as const; // onnxruntime's default (fusions on) and the plain graph

function matrix(rows: number[][], columns: number): Float32Array {
  const out = new Float32Array(rows.length * columns);
  rows.forEach((row, i) => {
    expect(row).toHaveLength(columns);
    out.set(row, i * columns);
  });
  return out;
}

/** Largest |actual - expected| over a row-major [N, C] output. */
function maxAbsDiff(actual: Float32Array, expected: number[][]): number {
  const columns = expected[0]?.length ?? 0;
  expect(actual.length).toBe(expected.length * columns);
  let worst = 0;
  expected.forEach((row, i) => {
    row.forEach((v, j) => {
      worst = Math.max(worst, Math.abs((actual[i * columns + j] as number) - v));
    });
  });
  return worst;
}

function encode(row: Record<string, number | string>): number[] {
  return reference.featureColumns.map((c) =>
    c.kind === "numeric" ? Number(row[c.feature]) : row[c.feature] === c.value ? 1 : 0,
  );
}

function describeSession(session: InferenceSession): string {
  const show = (m: InferenceSession.ValueMetadata) =>
    m.isTensor ? `${m.name}: ${m.type}[${m.shape.join(", ")}]` : `${m.name}: (not a tensor)`;
  return `in ${session.inputMetadata.map(show).join("; ")} | out ${session.outputMetadata.map(show).join("; ")}`;
}

describe("shadow fixture files", () => {
  it("match the sizes and hashes the generator recorded; all but the MLP stay tiny", () => {
    expect(Object.keys(reference.files)).toContain(MLP);
    for (const [name, info] of Object.entries(reference.files)) {
      const bytes = readFileSync(path(name));
      expect(bytes.length, name).toBe(info.bytes);
      expect(createHash("sha256").update(bytes).digest("hex"), name).toBe(info.sha256);
      if (name !== MLP) expect(bytes.length, name).toBeLessThan(8 * 1024);
    }
  });

  it("the MLP holds 13×256, 256×256 and 256×2 float32 weights (its file is those bytes and little else)", () => {
    const bytes = readFileSync(path(MLP)).length;
    expect(bytes).toBeGreaterThanOrEqual(MLP_PARAMETERS * 4);
    expect(bytes).toBeLessThan(MLP_PARAMETERS * 4 + 4096);
    // A trained model, not random weights: close to the best achievable click probability in every price band.
    for (const [band, error] of Object.entries(reference.models[MLP]!.meanAbsErrorVsTruth))
      expect(error, band).toBeLessThan(0.02);
  });

  it("encode the reference rows as documented (numeric raw, categorical one-hot)", () => {
    const { rows, features } = reference.batch;
    expect(rows).toHaveLength(200);
    expect(reference.featureColumns.map((c) => c.column)).toEqual([
      "user_age",
      "items_in_cart",
      "price",
      "session_minutes",
      "country=DE",
      "country=FR",
      "country=US",
      "country=GB",
      "country=ES",
      "country=IT",
      "device=mobile",
      "device=desktop",
      "device=tablet",
    ]);
    // The committed shadow config declares the same columns: numeric features, then the one-hot ones.
    const config = JSON.parse(readFileSync(path("recommender.config.json"), "utf8")) as {
      inputs: Record<string, string[]>;
      encodings: Record<string, { type: string; categories: string[] }>;
    };
    const columns = Object.entries(config.inputs).flatMap(([input, features]) =>
      features.flatMap((f) => {
        const enc = config.encodings[f];
        return enc ? enc.categories.map((c) => `${input}:${f}=${c}`) : [`${input}:${f}`];
      }),
    );
    expect(columns).toEqual(reference.featureColumns.map((c) => `features:${c.column}`));
    // float32 rounding of the raw values is what the generator stored.
    rows.forEach((row, i) => {
      expect(Array.from(Float32Array.from(encode(row)))).toEqual(features[i]);
    });
  });

  it("the int8 model really holds QuantizeLinear/DequantizeLinear ops; the float ones do not", () => {
    const int8 = readFileSync(path("recommender-int8.onnx")).toString("latin1");
    expect(int8).toContain("QuantizeLinear");
    expect(int8).toContain("DequantizeLinear");
    const prod = readFileSync(path("recommender-prod.onnx")).toString("latin1");
    expect(prod).not.toContain("QuantizeLinear");
    expect(readFileSync(path("recommender-int8.onnx")).length).toBeLessThan(
      readFileSync(path("recommender-candidate.onnx")).length,
    );
  });
});

describe("onnxruntime-node on the shadow fixtures", () => {
  for (const name of [...RECOMMENDERS, MLP]) {
    for (const level of LEVELS) {
      it(`${name} (graphOptimizationLevel ${level}) equals the numpy reference to 1e-5`, async () => {
        const session = await InferenceSession.create(path(name), {
          executionProviders: ["cpu"],
          graphOptimizationLevel: level,
        });
        try {
          expect(session.inputNames).toEqual(["features"]);
          expect(session.outputNames).toEqual(["probabilities", "label"]);
          const [input] = session.inputMetadata;
          expect(input).toEqual({ name: "features", isTensor: true, type: "float32", shape: ["N", 13] });
          expect(session.outputMetadata).toEqual([
            { name: "probabilities", isTensor: true, type: "float32", shape: ["N", 2] },
            { name: "label", isTensor: true, type: "int64", shape: ["N"] },
          ]);
          if (level === "all") console.log(`${name}: ${describeSession(session)}`);

          const expected = reference.models[name]!;
          const rows = reference.batch.features;
          const features = new Tensor("float32", matrix(rows, 13), [rows.length, 13]);
          const out = await session.run({ features });
          const probabilities = out.probabilities!;
          expect(probabilities.type).toBe("float32");
          expect(probabilities.dims).toEqual([rows.length, 2]);
          const diff = maxAbsDiff(probabilities.data as Float32Array, expected.outputs.probabilities);
          console.log(`${name} [${level}]: max |onnxruntime - numpy| = ${diff.toExponential(2)}`);
          expect(diff).toBeLessThanOrEqual(reference.tolerance);

          const label = out.label!;
          expect(label.type).toBe("int64");
          expect(Array.from(label.data as BigInt64Array, Number)).toEqual(expected.outputs.label);
        } finally {
          await session.release();
        }
      });
    }
  }

  it("the candidate and its int8 variant disagree a little, the prod model more on expensive items", () => {
    const p1 = (name: string) => reference.models[name]!.outputs.probabilities.map((r) => r[1] as number);
    const [prod, candidate, int8] = RECOMMENDERS.map(p1) as [number[], number[], number[]];
    const gap = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))));
    expect(gap(candidate, int8)).toBeGreaterThan(0); // quantization changed something
    expect(gap(candidate, int8)).toBeLessThan(0.05);
    expect(gap(prod, candidate)).toBeGreaterThan(gap(candidate, int8));
  });

  it("two-inputs.onnx reports both inputs and equals its reference", async () => {
    const session = await InferenceSession.create(path("two-inputs.onnx"));
    try {
      console.log(`two-inputs.onnx: ${describeSession(session)}`);
      expect(session.inputMetadata).toEqual([
        { name: "numeric", isTensor: true, type: "float32", shape: ["N", 3] },
        { name: "category_id", isTensor: true, type: "int64", shape: ["N", 1] },
      ]);
      const { numeric, category_id } = reference.twoInputs.inputs;
      const out = await session.run({
        numeric: new Tensor("float32", matrix(numeric, 3), [numeric.length, 3]),
        category_id: new Tensor("int64", BigInt64Array.from(category_id.map((r) => BigInt(r[0] as number))), [
          category_id.length,
          1,
        ]),
      });
      const diff = maxAbsDiff(
        out.probabilities!.data as Float32Array,
        reference.twoInputs.outputs.probabilities,
      );
      expect(diff).toBeLessThanOrEqual(reference.tolerance);
      // A missing feed is refused before anything runs.
      await expect(
        session.run({ numeric: new Tensor("float32", matrix(numeric, 3), [numeric.length, 3]) }),
      ).rejects.toThrow(/category_id/);
    } finally {
      await session.release();
    }
  });

  it("refuses the garbage file, from a path and from bytes", async () => {
    await expect(InferenceSession.create(path("not-a-model.onnx"))).rejects.toThrow(
      /Protobuf parsing failed/i,
    );
    const bytes = new Uint8Array(readFileSync(path("not-a-model.onnx")));
    await expect(InferenceSession.create(bytes)).rejects.toThrow(/protobuf parsing failed/i);
  });

  it("refuses a batch with the wrong number of columns", async () => {
    const session = await InferenceSession.create(path("recommender-prod.onnx"));
    try {
      const features = new Tensor("float32", new Float32Array(12), [1, 12]);
      await expect(session.run({ features })).rejects.toThrow(/invalid dimensions/i);
    } finally {
      await session.release();
    }
  });
});
