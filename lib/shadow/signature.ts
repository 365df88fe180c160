// A shadow model's signature (its input and output tensors as onnxruntime reports them: names, element types,
// shapes with symbolic dimensions) and the check of a config against it, which yields the "plan" encode.ts
// follows: per input tensor its element type, features in order, slot count and layout; the output's column
// count and the score column. onnxruntime-node is imported lazily (a native addon) so that the contract and
// the pure encoder never load it.

import type { InferenceSession } from "onnxruntime-node";
import { z } from "zod";
import type { ExecutionProvider, ShadowConfig } from "./config";
import { slotsOf } from "./config";

export const ELEMENT_TYPES = ["float32", "float64", "int32", "int64"] as const;
export type ElementType = (typeof ELEMENT_TYPES)[number];
const isElementType = (t: string | null): t is ElementType =>
  (ELEMENT_TYPES as readonly string[]).includes(t ?? "");

export const tensorInfo = z.object({
  name: z.string(),
  isTensor: z.boolean().describe("false: a sequence or map (e.g. scikit-learn's ZipMap output)"),
  type: z.string().nullable().describe("element type (float32, int64, string, …); null for non-tensors"),
  shape: z
    .array(z.union([z.number().int(), z.string()]))
    .nullable()
    .describe('dimensions; a string is a symbolic (dynamic) dimension, "?" an unnamed one; null: unknown'),
});
export const signatureSchema = z.object({ inputs: z.array(tensorInfo), outputs: z.array(tensorInfo) });
export type TensorInfo = z.infer<typeof tensorInfo>;
export type Signature = z.infer<typeof signatureSchema>;

/** The file cannot be loaded by onnxruntime. */
export class ModelLoadError extends Error {
  /** `whole`: the message is complete as given (not about the file, e.g. a missing execution provider). */
  constructor(message: string, whole = false) {
    super(whole ? message : `the file is not an ONNX model onnxruntime can load: ${message}`);
    this.name = "ModelLoadError";
  }
}

/** The config does not fit the model; every problem, each naming its tensor or field. */
export class MappingError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("; "));
    this.name = "MappingError";
  }
}

type Ort = typeof import("onnxruntime-node");
let ortModule: Promise<Ort> | null = null;
/** onnxruntime-node, loaded on first use. */
export function ort(): Promise<Ort> {
  ortModule ??= import("onnxruntime-node").then((m) => ((m as { default?: Ort }).default ?? m) as Ort);
  return ortModule;
}

/** Creates a session from a file path or the file's bytes; ModelLoadError when onnxruntime refuses it. */
export async function loadSession(
  model: string | Uint8Array,
  opts: { executionProvider?: ExecutionProvider; intraOpNumThreads?: number } = {},
): Promise<InferenceSession> {
  const { InferenceSession } = await ort();
  const options: InferenceSession.SessionOptions = {
    executionProviders: [opts.executionProvider ?? "cpu"],
    // "basic" (constant folding, redundant-node removal) keeps the ONNX semantics exactly. "extended"/"all"
    // fuse QDQ (int8) graphs into integer kernels that round differently: recommender-int8.onnx's
    // probabilities then move by up to 1.7e-3 from the spec's (tests/fixtures/shadow/reference-outputs.json).
    graphOptimizationLevel: "basic",
    logSeverityLevel: 3,
    ...(opts.intraOpNumThreads ? { intraOpNumThreads: opts.intraOpNumThreads } : {}),
  };
  try {
    return typeof model === "string"
      ? await InferenceSession.create(model, options)
      : await InferenceSession.create(model, options);
  } catch (error) {
    const message = String((error as Error)?.message ?? error).slice(0, 500);
    if (opts.executionProvider && opts.executionProvider !== "cpu" && /provider|backend|cuda/i.test(message))
      throw new ModelLoadError(
        `executionProvider: "${opts.executionProvider}" is not available here (${message}); install onnxruntime-node's CUDA binaries (ONNXRUNTIME_NODE_INSTALL=cuda12 npm install) on a machine with a GPU, or use "cpu"`,
        true,
      );
    throw new ModelLoadError(message);
  }
}

function info(m: InferenceSession.ValueMetadata): TensorInfo {
  if (!m.isTensor) return { name: m.name, isTensor: false, type: null, shape: null };
  return {
    name: m.name,
    isTensor: true,
    type: m.type,
    // onnxruntime reports an undefined shape as []; a scalar is rare for model inputs and treated alike.
    shape: m.shape.length === 0 ? null : m.shape.map((d) => (typeof d === "string" ? d || "?" : d)),
  };
}

/** Inputs and outputs of a loaded session, in the model's order. */
export function readSignature(session: InferenceSession): Signature {
  return { inputs: session.inputMetadata.map(info), outputs: session.outputMetadata.map(info) };
}

/** Loads the model (path or bytes) on the provider, reads its signature and releases the session. */
export async function signatureOf(
  model: string | Uint8Array,
  executionProvider: ExecutionProvider = "cpu",
): Promise<Signature> {
  const session = await loadSession(model, { executionProvider });
  try {
    return readSignature(session);
  } finally {
    await session.release().catch(() => {});
  }
}

/**
 * How one input tensor is filled. layout "batch": dims [rows, slots] (maxBatch 1 when the model fixes the
 * batch at 1); "vector": dims [rows], one slot per row; "flat": dims [slots], one row per run.
 */
export interface InputPlan {
  name: string;
  type: ElementType;
  features: string[];
  slots: number;
  layout: "batch" | "vector" | "flat";
  maxBatch: number | null;
}

export interface OutputPlan {
  name: string;
  type: ElementType;
  /** Columns of the output (its last dimension; 1 for a 1-D output); null when the model leaves it dynamic. */
  columns: number | null;
}

export interface Plan {
  inputs: InputPlan[];
  output: OutputPlan;
  scoreIndex: number;
  /** "binary": 2 columns, or 1 column with a threshold; "regression": 1 column; "multiclass": more. */
  kind: "binary" | "multiclass" | "regression";
  threshold: number;
  /** Rows per inference call: config.batchSize, capped by fixed batch dimensions. */
  batchSize: number;
}

const shapeText = (shape: TensorInfo["shape"]) => (shape ? `[${shape.join(", ")}]` : "[unknown shape]");
const describeTensor = (t: TensorInfo) => `${t.name} (${t.type ?? "non-tensor"} ${shapeText(t.shape)})`;

function mappingText(config: ShadowConfig, features: string[]): string {
  const shown = features.slice(0, 20).map((f) => {
    const enc = config.encodings[f];
    return enc?.type === "onehot" ? `${f} (one-hot ×${enc.categories.length})` : f;
  });
  return `${shown.join(", ")}${features.length > 20 ? `, … (${features.length} features)` : ""}`;
}

/** Checks the config against the signature: the plan, or a MappingError listing every problem. */
export function checkConfig(config: ShadowConfig, signature: Signature): Plan {
  const problems: string[] = [];
  const inputs: InputPlan[] = [];
  const modelInputs = new Map(signature.inputs.map((t) => [t.name, t]));
  const inputNames = signature.inputs.map((t) => t.name).join(", ");

  for (const name of Object.keys(config.inputs))
    if (!modelInputs.has(name))
      problems.push(`inputs.${name}: the model has no input tensor "${name}" (its inputs: ${inputNames})`);

  for (const t of signature.inputs) {
    const features = config.inputs[t.name];
    if (!features) {
      problems.push(
        `inputs: input tensor ${describeTensor(t)} is not mapped; list the features that fill it under inputs.${t.name}`,
      );
      continue;
    }
    if (!t.isTensor) {
      problems.push(`input ${t.name} is not a tensor (a sequence or map); only tensor inputs are supported`);
      continue;
    }
    if (!isElementType(t.type)) {
      problems.push(
        `input ${t.name} has element type ${t.type}; only ${ELEMENT_TYPES.join(", ")} inputs are supported`,
      );
      continue;
    }
    const slots = features.reduce((n, f) => n + slotsOf(config, f), 0);
    const shape = t.shape ?? ["?", "?"];
    let layout: InputPlan["layout"] = "batch";
    let maxBatch: number | null = null;
    let modelSlots: number | string;
    if (shape.length === 1) {
      modelSlots = shape[0]!;
      if (typeof modelSlots === "string") {
        layout = "vector";
        modelSlots = 1;
      } else {
        layout = "flat";
        maxBatch = 1;
      }
    } else if (shape.length === 2) {
      const batch = shape[0]!;
      modelSlots = shape[1]!;
      if (typeof batch === "number") {
        if (batch !== 1) {
          problems.push(
            `input ${t.name} has a fixed batch dimension of ${batch} ${shapeText(t.shape)}; export the model with a dynamic (or 1) batch dimension`,
          );
          continue;
        }
        maxBatch = 1;
      }
    } else {
      problems.push(
        `input ${t.name} has shape ${shapeText(t.shape)}; only [batch, features] (or 1-D) inputs are supported`,
      );
      continue;
    }
    if (typeof modelSlots === "number" && modelSlots !== slots) {
      problems.push(
        `input ${t.name} has ${modelSlots} slot${modelSlots === 1 ? "" : "s"} in the model but the mapping gives ${slots}: ${mappingText(config, features)}`,
      );
      continue;
    }
    inputs.push({ name: t.name, type: t.type, features, slots, layout, maxBatch });
  }

  // The output.
  const out = signature.outputs.find((t) => t.name === config.output);
  const outputNames = signature.outputs.map((t) => t.name).join(", ");
  let output: OutputPlan | null = null;
  if (!out) {
    problems.push(`output: the model has no output tensor "${config.output}" (its outputs: ${outputNames})`);
  } else if (!out.isTensor) {
    problems.push(
      `output: ${out.name} is not a tensor (a sequence or map, e.g. scikit-learn's ZipMap); export the classifier without ZipMap (zipmap=False) or choose another output (${outputNames})`,
    );
  } else if (!isElementType(out.type)) {
    problems.push(
      `output: ${out.name} has element type ${out.type}; scores must be ${ELEMENT_TYPES.join(", ")}`,
    );
  } else if (out.shape && out.shape.length > 2) {
    problems.push(
      `output: ${out.name} has shape ${shapeText(out.shape)}; only [batch, columns] is supported`,
    );
  } else {
    const shape = out.shape;
    const last = shape === null ? null : shape.length === 1 ? 1 : shape[1]!;
    output = { name: out.name, type: out.type, columns: typeof last === "number" ? last : null };
  }

  let scoreIndex = config.scoreIndex ?? 0;
  let kind: Plan["kind"] = "regression";
  if (output) {
    const cols = output.columns;
    const range = (n: number) => `output ${output!.name} has ${n} column${n === 1 ? "" : "s"} (0–${n - 1})`;
    if (config.scoreIndex === undefined) {
      if (cols === 2) scoreIndex = 1;
      else if (cols !== 1)
        problems.push(
          `scoreIndex is required: output ${output.name} has ${cols === null ? "a dynamic number of" : cols} columns`,
        );
    } else if (cols !== null && config.scoreIndex >= cols) {
      problems.push(`scoreIndex ${config.scoreIndex} is out of range: ${range(cols)}`);
    }
    if (cols !== null)
      for (const key of Object.keys(config.labelMap ?? {}))
        if (Number(key) >= Math.max(cols, config.threshold !== undefined && cols === 1 ? 2 : cols))
          problems.push(`labelMap: column ${key} is out of range: ${range(cols)}`);
    if (cols !== null && cols > 2 && config.threshold !== undefined)
      problems.push(`threshold applies to binary outputs (1 or 2 columns); ${range(cols)}`);
    kind =
      cols === 2
        ? "binary"
        : cols === 1
          ? config.threshold !== undefined
            ? "binary"
            : "regression"
          : "multiclass";
  }

  if (problems.length > 0 || !output) throw new MappingError(problems);
  const caps = inputs.map((i) => i.maxBatch).filter((m): m is number => m !== null);
  return {
    inputs,
    output,
    scoreIndex,
    kind,
    threshold: config.threshold ?? 0.5,
    batchSize: Math.min(config.batchSize, ...caps),
  };
}
