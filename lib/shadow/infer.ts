// Inference calls: rows → encoded tensors → session.run → decoded outputs. Rows whose features could not be
// encoded get their error instead of an output (the batch still runs, with the missing values in their place).
// `inferRows` runs on a session in this thread; `evaluateBatch` runs the shadow job's batches on the pool.
import type { InferenceSession } from "onnxruntime-node";
import type { ShadowConfig } from "./config";
import { decodeOutput, encodeRows, type ShadowOutput } from "./encode";
import { type InferencePool, ModelUnavailableError } from "./pool";
import { type CandidateRow, inSample } from "./select";
import { ort, type Plan } from "./signature";

export type RowResult = { ok: true; output: ShadowOutput } | { ok: false; error: string };

export async function inferRows(
  session: InferenceSession,
  config: ShadowConfig,
  plan: Plan,
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<RowResult[]> {
  if (rows.length === 0) return [];
  const { Tensor } = await ort();
  const encoded = encodeRows(config, plan, rows);
  const feeds: Record<string, InstanceType<typeof Tensor>> = {};
  for (const [name, t] of Object.entries(encoded.feeds)) feeds[name] = new Tensor(t.type, t.data, t.dims);
  const result = await session.run(feeds, [plan.output.name]);
  const out = result[plan.output.name]!;
  const outputs = decodeOutput(
    config,
    plan,
    { data: out.data as ArrayLike<number | bigint>, dims: out.dims },
    rows.length,
  );
  for (const t of Object.values(result)) t.dispose?.();
  return outputs.map((output, i) => {
    const error = encoded.errors[i];
    return error ? { ok: false, error } : { ok: true, output };
  });
}

// --- the shadow job's batches (lib/shadow/run-job.ts): on the inference pool's threads ---------------------

export type RowOutcome =
  | { status: "ok"; output: ShadowOutput; latencyMs: number }
  | { status: "error"; error: string; latencyMs: number | null }
  | { status: "skipped" };

/** What a batch needs to run: the shadow's config and plan, its model file, the pool. */
export interface BatchModel {
  config: ShadowConfig;
  plan: Plan;
  path: string;
  pool: InferencePool;
}

/**
 * Outcome per row: sampled out, encode/run error, or the shadow's output with its share of the batch's time.
 * Rows are parsed and encoded synchronously, before the first chunk is posted to the pool, so a caller that
 * does not await at once has the batch queued on the thread while it goes on with other work (the pipeline).
 */
export async function evaluateBatch(model: BatchModel, rows: CandidateRow[]): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = new Array(rows.length);
  const todo: Array<{ index: number; features: Record<string, unknown> }> = [];
  rows.forEach((row, index) => {
    if (!inSample(row.id, model.config.sampleRate)) {
      outcomes[index] = { status: "skipped" };
      return;
    }
    const features = parseFeatures(row.features);
    if (typeof features === "string") outcomes[index] = { status: "error", error: features, latencyMs: null };
    else todo.push({ index, features });
  });
  // Every chunk is encoded and posted before the first reply is awaited: the thread never waits on this one.
  const chunks: Array<{ chunk: typeof todo; results: Promise<RowOutcome[]> }> = [];
  for (let i = 0; i < todo.length; i += model.plan.batchSize) {
    const chunk = todo.slice(i, i + model.plan.batchSize);
    const results = inferChunk(model, chunk);
    results.catch(() => {}); // awaited below, in order; a rejection must not count as unhandled meanwhile
    chunks.push({ chunk, results });
  }
  for (const { chunk, results: pending } of chunks) {
    let results: RowOutcome[];
    try {
      results = await pending;
    } catch (error) {
      if (error instanceof ModelUnavailableError) throw error;
      if (chunk.length === 1) results = [{ status: "error", error: messageOf(error), latencyMs: null }];
      else {
        // The batch failed as a whole: one row at a time, so only the rows to blame are recorded as errors.
        results = [];
        for (const one of chunk) {
          try {
            results.push(...(await inferChunk(model, [one])));
          } catch (e) {
            if (e instanceof ModelUnavailableError) throw e;
            results.push({ status: "error", error: messageOf(e), latencyMs: null });
          }
        }
      }
    }
    chunk.forEach((c, j) => {
      outcomes[c.index] = results[j]!;
    });
  }
  return outcomes;
}

/** One inference call on the pool. Per-row latency = the batch's session.run() time / its rows. */
async function inferChunk(
  model: BatchModel,
  chunk: Array<{ features: Record<string, unknown> }>,
): Promise<RowOutcome[]> {
  const encoded = encodeRows(
    model.config,
    model.plan,
    chunk.map((c) => c.features),
  );
  const { output, latencyMs } = await model.pool.run({
    path: model.path,
    feeds: encoded.feeds,
    output: model.plan.output.name,
    provider: model.config.executionProvider,
  });
  const decoded = decodeOutput(
    model.config,
    model.plan,
    { data: output.data as ArrayLike<number | bigint>, dims: output.dims },
    chunk.length,
  );
  const perRow = latencyMs / chunk.length;
  return decoded.map((out, i) => {
    const error = encoded.errors[i];
    return error
      ? { status: "error", error, latencyMs: perRow }
      : { status: "ok", output: out, latencyMs: perRow };
  });
}

function parseFeatures(text: string): Record<string, unknown> | string {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
    return "the prediction's features are not a JSON object";
  } catch {
    return "the prediction's features are not valid JSON";
  }
}

const messageOf = (e: unknown) => String((e as Error)?.message ?? e).slice(0, 2000);
