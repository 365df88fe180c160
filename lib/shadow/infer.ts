// One inference call: rows → encoded tensors → session.run → decoded outputs. Rows whose features could not be
// encoded get their error instead of an output (the batch still runs, with the missing values in their place).
import type { InferenceSession } from "onnxruntime-node";
import type { ShadowConfig } from "./config";
import { decodeOutput, encodeRows, type ShadowOutput } from "./encode";
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
