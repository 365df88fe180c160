// Shadow models: config validation, the check of a config against a model's signature, feature encoding
// (plain, one-hot, ordinal, missing defaults, integer tensors), output decoding, and — through onnxruntime on
// the fixture models — outputs equal to the reference outputs in tests/fixtures/shadow/reference-outputs.json.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeIssues } from "@/lib/ingest/validate-batch";
import { type ShadowConfig, type ShadowConfigInput, shadowConfigSchema } from "@/lib/shadow/config";
import { decodeOutput, encodeRows } from "@/lib/shadow/encode";
import { inferRows } from "@/lib/shadow/infer";
import { checkConfig, loadSession, MappingError, type Signature, signatureOf } from "@/lib/shadow/signature";

const FIXTURES = "tests/fixtures/shadow";
const reference = JSON.parse(readFileSync(`${FIXTURES}/reference-outputs.json`, "utf8")) as {
  tolerance: number;
  featureColumns: Array<{ feature: string; kind: string; value?: string }>;
  batch: { rows: Array<Record<string, unknown>>; features: number[][] };
  models: Record<string, { outputs: { probabilities: number[][]; label: number[] } }>;
  twoInputs: {
    inputs: { numeric: number[][]; category_id: number[][] };
    outputs: { probabilities: number[][] };
  };
};

const COUNTRIES = ["DE", "FR", "US", "GB", "ES", "IT"];
const DEVICES = ["mobile", "desktop", "tablet"];
/** The recommender fixtures' mapping (generate.py, FEATURE_COLUMNS). */
const RECOMMENDER: ShadowConfigInput = {
  name: "candidate",
  inputs: { features: ["user_age", "items_in_cart", "price", "session_minutes", "country", "device"] },
  output: "probabilities",
  scoreIndex: 1,
  encodings: {
    country: { type: "onehot", categories: COUNTRIES },
    device: { type: "onehot", categories: DEVICES },
  },
};

const parse = (input: unknown): ShadowConfig => shadowConfigSchema.parse(input);
const problem = (input: unknown) => {
  const r = shadowConfigSchema.safeParse(input);
  return r.success ? "" : describeIssues(r.error);
};

const recommenderSignature: Signature = {
  inputs: [{ name: "features", isTensor: true, type: "float32", shape: ["N", 13] }],
  outputs: [
    { name: "probabilities", isTensor: true, type: "float32", shape: ["N", 2] },
    { name: "label", isTensor: true, type: "int64", shape: ["N"] },
  ],
};
const twoInputsSignature: Signature = {
  inputs: [
    { name: "numeric", isTensor: true, type: "float32", shape: ["N", 3] },
    { name: "category_id", isTensor: true, type: "int64", shape: ["N", 1] },
  ],
  outputs: [{ name: "probabilities", isTensor: true, type: "float32", shape: ["N", 2] }],
};

function mappingProblems(config: ShadowConfigInput, signature: Signature): string[] {
  try {
    checkConfig(parse(config), signature);
    return [];
  } catch (error) {
    if (error instanceof MappingError) return error.problems;
    throw error;
  }
}

describe("config", () => {
  it("fills defaults", () => {
    const c = parse(RECOMMENDER);
    expect(c).toMatchObject({ sampleRate: 1, batchSize: 256, executionProvider: "cpu", missing: {} });
    expect(parse({ ...RECOMMENDER, labelMap: ["no", "yes"] }).labelMap).toEqual({ 0: "no", 1: "yes" });
  });

  it("names the field in every message", () => {
    expect(problem({ ...RECOMMENDER, name: undefined })).toMatch(/^name is required/);
    expect(problem({ ...RECOMMENDER, inputs: {} })).toMatch(/^inputs must map at least one input tensor/);
    expect(problem({ ...RECOMMENDER, encodings: {}, inputs: { features: [] } })).toBe(
      "inputs.features: must list at least one feature",
    );
    expect(problem({ ...RECOMMENDER, inputs: { features: ["a", 3] } })).toBe(
      "inputs.features.1: must be a feature name (a string)",
    );
    expect(problem({ ...RECOMMENDER, scoreIndex: "1" })).toBe("scoreIndex must be a number");
    expect(problem({ ...RECOMMENDER, scoreIndex: -1 })).toBe("scoreIndex must be ≥ 0");
    expect(problem({ ...RECOMMENDER, sampleRate: 0 })).toBe("sampleRate must be in (0, 1]");
    expect(problem({ ...RECOMMENDER, sampleRate: 1.5 })).toBe("sampleRate must be in (0, 1]");
    expect(problem({ ...RECOMMENDER, batchSize: 5000 })).toBe("batchSize must be between 1 and 4096");
    expect(problem({ ...RECOMMENDER, threshold: 2 })).toBe("threshold must be between 0 and 1");
    expect(problem({ ...RECOMMENDER, executionProvider: "tpu" })).toBe(
      'executionProvider must be "cpu" or "cuda"',
    );
    expect(problem({ ...RECOMMENDER, missing: { price: "0" } })).toBe("missing.price: must be a number");
    expect(problem({ ...RECOMMENDER, missing: { nope: 1 } })).toBe(
      'missing.nope: "nope" is not mapped to any input tensor',
    );
    expect(problem({ ...RECOMMENDER, missing: { country: 1 } })).toMatch(
      /^missing.country: "country" is one-hot encoded/,
    );
    expect(problem({ ...RECOMMENDER, encodings: { nope: { type: "ordinal", categories: ["a"] } } })).toBe(
      'encodings.nope: "nope" is not mapped to any input tensor',
    );
    expect(problem({ ...RECOMMENDER, encodings: { country: { type: "hash", categories: ["a"] } } })).toBe(
      'encodings.country.type: type must be "onehot" or "ordinal"',
    );
    expect(
      problem({ ...RECOMMENDER, encodings: { country: { type: "onehot", categories: ["DE", "DE"] } } }),
    ).toBe('encodings.country.categories: "DE" is listed twice');
    expect(problem({ ...RECOMMENDER, extra: 1 })).toMatch(/extra/);
  });
});

describe("checkConfig", () => {
  it("plans the recommender mapping", () => {
    const plan = checkConfig(parse(RECOMMENDER), recommenderSignature);
    expect(plan).toMatchObject({
      inputs: [{ name: "features", type: "float32", slots: 13, layout: "batch", maxBatch: null }],
      output: { name: "probabilities", columns: 2 },
      scoreIndex: 1,
      kind: "binary",
      threshold: 0.5,
      batchSize: 256,
    });
    // scoreIndex defaults to 1 on a two-column output.
    expect(
      checkConfig(parse({ ...RECOMMENDER, scoreIndex: undefined }), recommenderSignature).scoreIndex,
    ).toBe(1);
  });

  it("names the tensor and the numbers when the mapping does not fit", () => {
    const short = {
      ...RECOMMENDER,
      inputs: { features: ["user_age", "items_in_cart", "price", "country"] },
      encodings: { country: RECOMMENDER.encodings!.country! },
    };
    expect(mappingProblems(short, recommenderSignature)).toEqual([
      "input features has 13 slots in the model but the mapping gives 9: user_age, items_in_cart, price, country (one-hot ×6)",
    ]);
    const long = { ...RECOMMENDER, inputs: { features: [...RECOMMENDER.inputs.features!, "extra"] } };
    expect(mappingProblems(long, recommenderSignature)[0]).toMatch(
      /^input features has 13 slots in the model but the mapping gives 14: /,
    );
    expect(mappingProblems({ ...RECOMMENDER, output: "proba" }, recommenderSignature)).toEqual([
      'output: the model has no output tensor "proba" (its outputs: probabilities, label)',
    ]);
    expect(mappingProblems({ ...RECOMMENDER, scoreIndex: 2 }, recommenderSignature)).toEqual([
      "scoreIndex 2 is out of range: output probabilities has 2 columns (0–1)",
    ]);
    expect(
      mappingProblems(
        { ...RECOMMENDER, inputs: { ...RECOMMENDER.inputs, other: ["x"] } },
        recommenderSignature,
      ),
    ).toEqual(['inputs.other: the model has no input tensor "other" (its inputs: features)']);
    expect(
      mappingProblems(
        { ...RECOMMENDER, encodings: {}, inputs: { numeric: ["a", "b", "c"] } },
        twoInputsSignature,
      ).join("; "),
    ).toMatch(/input tensor category_id \(int64 \[N, 1\]\) is not mapped/);
    const strings: Signature = {
      inputs: [{ name: "features", isTensor: true, type: "string", shape: ["N", 13] }],
      outputs: recommenderSignature.outputs,
    };
    expect(mappingProblems(RECOMMENDER, strings)).toEqual([
      "input features has element type string; only float32, float64, int32, int64 inputs are supported",
    ]);
    const zipmap: Signature = {
      inputs: recommenderSignature.inputs,
      outputs: [{ name: "probabilities", isTensor: false, type: null, shape: null }],
    };
    expect(mappingProblems(RECOMMENDER, zipmap)[0]).toMatch(/^output: probabilities is not a tensor/);
    expect(
      mappingProblems({ ...RECOMMENDER, output: "label", scoreIndex: undefined }, recommenderSignature),
    ).toEqual([]);
  });
});

describe("encodeRows", () => {
  it("one-hot, ordinal, plain values and missing defaults", () => {
    const config = parse({
      name: "t",
      inputs: { x: ["a", "color", "size", "b", "flag"] },
      output: "y",
      missing: { a: -5, size: 9 },
      encodings: {
        color: { type: "onehot", categories: ["red", "green", 3] },
        size: { type: "ordinal", categories: ["S", "M", "L"] },
      },
    });
    const signature: Signature = {
      inputs: [{ name: "x", isTensor: true, type: "float32", shape: ["batch", 7] }],
      outputs: [{ name: "y", isTensor: true, type: "float32", shape: ["batch", 1] }],
    };
    const plan = checkConfig(config, signature);
    const { feeds, errors } = encodeRows(config, plan, [
      { a: 1.5, color: "green", size: "L", b: "2.5", flag: true },
      { color: 3, size: "XL", b: null, flag: false },
      { a: null, color: "3", size: null, b: 7 },
      { a: 2, color: "red", size: "S", b: "abc" },
    ]);
    const x = feeds.x!;
    expect(x.type).toBe("float32");
    expect(x.dims).toEqual([4, 7]);
    expect(Array.from(x.data as Float32Array)).toEqual([
      ...[1.5, 0, 1, 0, 2, 2.5, 1],
      // a missing → its default; 3 (a number) is a category; XL unknown → missing default 9; b null → NaN
      ...[-5, 0, 0, 1, 9, Number.NaN, 0],
      // "3" (a string) is not the category 3 → all zeros; size missing → 9; flag absent → NaN
      ...[-5, 0, 0, 0, 9, 7, Number.NaN],
      ...[2, 1, 0, 0, 0, Number.NaN, Number.NaN],
    ]);
    expect(errors).toEqual([null, null, null, 'feature "b" is "abc", not a number']);
  });

  it("ordinal without a default maps unknown values to -1", () => {
    const config = parse({
      name: "t",
      inputs: { x: ["size"] },
      output: "y",
      encodings: { size: { type: "ordinal", categories: ["S", "M"] } },
    });
    const plan = checkConfig(config, {
      inputs: [{ name: "x", isTensor: true, type: "float64", shape: ["N", 1] }],
      outputs: [{ name: "y", isTensor: true, type: "float64", shape: ["N", 1] }],
    });
    const { feeds } = encodeRows(config, plan, [{ size: "M" }, { size: "XXL" }, {}]);
    expect(feeds.x!.data).toBeInstanceOf(Float64Array);
    expect(Array.from(feeds.x!.data as Float64Array)).toEqual([1, -1, -1]);
  });

  it("builds int64 and int32 tensors; integer tensors need integers and a default for missing values", () => {
    const config = parse({
      name: "t",
      inputs: { numeric: ["a", "b", "c"], category_id: ["cat"] },
      output: "probabilities",
    });
    const plan = checkConfig(config, twoInputsSignature);
    const { feeds, errors } = encodeRows(config, plan, [
      { a: 1, b: 2, c: 3, cat: 2 },
      { a: 1, b: 2, c: 3, cat: 2.5 },
      { a: 1, b: 2, c: 3 },
      { a: 1, b: 2, c: 3, cat: "3" },
    ]);
    expect(feeds.category_id!.data).toBeInstanceOf(BigInt64Array);
    expect(feeds.category_id!.dims).toEqual([4, 1]);
    expect(Array.from(feeds.category_id!.data as BigInt64Array)).toEqual([2n, 0n, 0n, 3n]);
    expect(errors).toEqual([
      null,
      'feature "cat" is 2.5; input category_id is int64 (integers only)',
      'feature "cat" is missing and has no default in missing (input category_id is int64)',
      null,
    ]);
    const withDefault = parse({ ...config, missing: { cat: 1 } });
    expect(Array.from(encodeRows(withDefault, plan, [{}]).feeds.category_id!.data as BigInt64Array)).toEqual([
      1n,
    ]);

    const int32 = checkConfig(config, {
      ...twoInputsSignature,
      inputs: [
        twoInputsSignature.inputs[0]!,
        { name: "category_id", isTensor: true, type: "int32", shape: ["N", 1] },
      ],
    });
    const enc = encodeRows(config, int32, [{ cat: 7 }, { cat: 2 ** 40 }]);
    expect(enc.feeds.category_id!.data).toBeInstanceOf(Int32Array);
    expect(enc.errors[1]).toBe(`feature "cat" is ${2 ** 40}, outside int32 (input category_id)`);
  });
});

describe("decodeOutput", () => {
  const sig = (columns: number): Signature => ({
    inputs: [{ name: "x", isTensor: true, type: "float32", shape: ["N", 1] }],
    outputs: [{ name: "y", isTensor: true, type: "float32", shape: ["N", columns] }],
  });
  const base = { name: "t", inputs: { x: ["a"] }, output: "y" };

  it("binary: score ≥ threshold, class names from labelMap", () => {
    const config = parse({ ...base, labelMap: ["stay", "churn"], threshold: 0.7 });
    const plan = checkConfig(config, sig(2));
    expect(decodeOutput(config, plan, { data: [0.4, 0.6, 0.2, 0.8], dims: [2, 2] }, 2)).toEqual([
      { predictedClass: "stay", score: 0.6, scores: { stay: 0.4, churn: 0.6 } },
      { predictedClass: "churn", score: 0.8, scores: { stay: 0.2, churn: 0.8 } },
    ]);
  });

  it("multiclass: argmax, score of scoreIndex; indices without labelMap", () => {
    const config = parse({ ...base, scoreIndex: 0 });
    const plan = checkConfig(config, sig(3));
    expect(decodeOutput(config, plan, { data: [0.1, 0.7, 0.2], dims: [1, 3] }, 1)).toEqual([
      { predictedClass: 1, score: 0.1, scores: { 0: 0.1, 1: 0.7, 2: 0.2 } },
    ]);
  });

  it("one column: regression, or binary with a threshold", () => {
    const regression = parse(base);
    expect(
      decodeOutput(regression, checkConfig(regression, sig(1)), { data: [3.5], dims: [1, 1] }, 1),
    ).toEqual([{ predictedClass: 3.5, score: 3.5, scores: null }]);
    const binary = parse({ ...base, threshold: 0.5 });
    expect(decodeOutput(binary, checkConfig(binary, sig(1)), { data: [0.75], dims: [1] }, 1)).toEqual([
      { predictedClass: 1, score: 0.75, scores: { 0: 0.25, 1: 0.75 } },
    ]);
  });
});

describe("through onnxruntime, equal to the reference outputs", () => {
  const close = (actual: number[], expected: number[]) => {
    expect(actual.length).toBe(expected.length);
    for (let i = 0; i < actual.length; i++) expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThan(1e-5);
  };

  it("encodes the reference batch exactly like the generator", async () => {
    const config = parse(RECOMMENDER);
    const plan = checkConfig(config, await signatureOf(`${FIXTURES}/recommender-prod.onnx`));
    const { feeds, errors } = encodeRows(config, plan, reference.batch.rows);
    expect(errors.every((e) => e === null)).toBe(true);
    expect(Array.from(feeds.features!.data as Float32Array)).toEqual(
      Array.from(Float32Array.from(reference.batch.features.flat())),
    );
  });

  for (const file of ["recommender-prod.onnx", "recommender-candidate.onnx", "recommender-int8.onnx"])
    it(file, async () => {
      const session = await loadSession(`${FIXTURES}/${file}`);
      try {
        const config = parse(RECOMMENDER);
        const plan = checkConfig(config, {
          inputs: session.inputMetadata.map((m) => ({
            name: m.name,
            isTensor: true,
            type: m.isTensor ? m.type : null,
            shape: m.isTensor ? [...m.shape] : null,
          })),
          outputs: recommenderSignature.outputs,
        });
        const results = await inferRows(session, config, plan, reference.batch.rows);
        const expected = reference.models[file]!.outputs.probabilities;
        const scores = results.map((r) => (r.ok ? r.output.score! : Number.NaN));
        close(
          scores,
          expected.map((p) => p[1]!),
        );
        close(
          results.flatMap((r) => (r.ok ? [r.output.scores!["0"]!, r.output.scores!["1"]!] : [])),
          expected.flat(),
        );
        // The predicted class matches the model's own argmax (label) wherever the score is not at 0.5.
        const labels = reference.models[file]!.outputs.label;
        results.forEach((r, i) => {
          if (r.ok && Math.abs(r.output.score! - 0.5) > 1e-5) expect(r.output.predictedClass).toBe(labels[i]);
        });
      } finally {
        await session.release();
      }
    });

  it("two-inputs.onnx with an int64 tensor", async () => {
    const session = await loadSession(`${FIXTURES}/two-inputs.onnx`);
    try {
      const config = parse({
        name: "two",
        inputs: { numeric: ["n0", "n1", "n2"], category_id: ["category"] },
        output: "probabilities",
      });
      const plan = checkConfig(config, await signatureOf(`${FIXTURES}/two-inputs.onnx`));
      const { numeric, category_id } = reference.twoInputs.inputs;
      const rows = numeric.map((n, i) => ({ n0: n[0], n1: n[1], n2: n[2], category: category_id[i]![0] }));
      const results = await inferRows(session, config, plan, rows);
      close(
        results.flatMap((r) => (r.ok ? [r.output.scores!["0"]!, r.output.scores!["1"]!] : [])),
        reference.twoInputs.outputs.probabilities.flat(),
      );
    } finally {
      await session.release();
    }
  });
});
