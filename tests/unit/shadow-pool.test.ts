// The inference pool: results from the threads, a run error or a missing model rejects only its request, a
// thread that dies fails its pending requests and is replaced, and the pool keeps working afterwards.
import { afterAll, expect, it } from "vitest";
import { InferencePool, ModelUnavailableError } from "@/lib/shadow/pool";

const MODEL = `${process.cwd()}/tests/fixtures/shadow/recommender-prod.onnx`;
const pool = new InferencePool(2);
afterAll(() => pool.close());

const feeds = (rows: number, slots = 13) => ({
  features: { type: "float32" as const, data: new Float32Array(rows * slots).fill(1), dims: [rows, slots] },
});

it("runs batches on the threads and returns the output with the batch's latency", async () => {
  const results = await Promise.all(
    [1, 3, 5, 7].map((rows) => pool.run({ path: MODEL, feeds: feeds(rows), output: "probabilities" })),
  );
  results.forEach((r, i) => {
    expect(r.output.dims).toEqual([[1, 3, 5, 7][i], 2]);
    expect(r.latencyMs).toBeGreaterThan(0);
    for (let j = 0; j < r.output.data.length; j += 2)
      expect(Number(r.output.data[j]) + Number(r.output.data[j + 1])).toBeCloseTo(1, 6);
  });
});

it("a missing model file is a ModelUnavailableError; a bad input only fails its own request", async () => {
  await expect(
    pool.run({ path: "/nonexistent/model.onnx", feeds: feeds(1), output: "probabilities" }),
  ).rejects.toBeInstanceOf(ModelUnavailableError);
  const bad = pool.run({ path: MODEL, feeds: feeds(1, 12), output: "probabilities" });
  const good = pool.run({ path: MODEL, feeds: feeds(2), output: "probabilities" });
  await expect(bad).rejects.toThrow(/dimensions/);
  await expect(bad).rejects.not.toBeInstanceOf(ModelUnavailableError);
  expect((await good).output.dims).toEqual([2, 2]);
});

it("a thread that dies fails its requests and is replaced", async () => {
  await expect(
    pool.run({ path: MODEL, feeds: feeds(1), output: "probabilities" }, { crash: true }),
  ).rejects.toThrow(/exited/);
  const after = await Promise.all(
    [1, 2, 3].map(() => pool.run({ path: MODEL, feeds: feeds(1), output: "probabilities" })),
  );
  expect(after.every((r) => r.output.dims[0] === 1)).toBe(true);
});
