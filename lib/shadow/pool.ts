// A small pool of worker threads running onnxruntime for the shadow job, so inference never blocks the job
// loop's event loop (leases, heartbeats, other jobs) — and the web process never runs it at all (the job runs
// only in the worker process). Each thread keeps one InferenceSession per model file (loaded on first use) and
// receives already-encoded tensors (their ArrayBuffers transferred, not copied); it returns the output tensor
// and the batch's wall time inside session.run().
//
// Inline source (an eval worker, CommonJS) like lib/series/promql-source.ts: it runs the same under tsx,
// vitest and a bundle, with no worker file to locate; onnxruntime-node's path is resolved here and passed in.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { TensorData, TypedData } from "./encode";

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ort = require(workerData.ortPath);
const sessions = new Map(); // model path -> Promise<InferenceSession>
function session(path, provider) {
  let s = sessions.get(path);
  if (!s) {
    s = ort.InferenceSession.create(path, {
      executionProviders: [provider || "cpu"],
      intraOpNumThreads: workerData.intraOpNumThreads,
      interOpNumThreads: 1,
      // As lib/shadow/signature.ts: "basic" keeps ONNX's numerics (higher levels fuse QDQ graphs into
      // integer kernels that round differently).
      graphOptimizationLevel: "basic",
      logSeverityLevel: 3,
    });
    sessions.set(path, s);
    s.catch(() => sessions.delete(path)); // a failed load is retried by the next request
  }
  return s;
}
parentPort.on("message", async (m) => {
  if (m.crash) process.exit(3); // tests: a thread that dies mid-request
  let s;
  try {
    s = await session(m.path, m.provider);
  } catch (e) {
    parentPort.postMessage({ req: m.req, error: String((e && e.message) || e).slice(0, 1000), load: true });
    return;
  }
  try {
    const feeds = {};
    for (const [name, t] of Object.entries(m.feeds)) feeds[name] = new ort.Tensor(t.type, t.data, t.dims);
    const started = performance.now();
    const result = await s.run(feeds, [m.output]);
    const latencyMs = performance.now() - started;
    const out = result[m.output];
    const data = out.data;
    parentPort.postMessage(
      { req: m.req, output: { type: out.type, data, dims: Array.from(out.dims) }, latencyMs },
      [data.buffer],
    );
  } catch (e) {
    parentPort.postMessage({ req: m.req, error: String((e && e.message) || e).slice(0, 1000) });
  }
});`;

export interface InferenceRequest {
  /** Absolute path of the .onnx file (content-addressed, so the path identifies the model). */
  path: string;
  feeds: Record<string, TensorData>;
  output: string;
  provider?: string;
}

export interface InferenceResult {
  output: { type: string; data: TypedData | Uint8Array; dims: number[] };
  /** Wall time of session.run() for the whole batch, in ms. */
  latencyMs: number;
}

/** The model file could not be loaded (missing, not ONNX): no row of the batch is to blame. */
export class ModelUnavailableError extends Error {
  constructor(message: string) {
    super(`the shadow's model could not be loaded: ${message}`);
    this.name = "ModelUnavailableError";
  }
}

interface Reply {
  load?: boolean;
  req: number;
  output?: InferenceResult["output"];
  latencyMs?: number;
  error?: string;
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (r: InferenceResult) => void; reject: (e: Error) => void }>;
}

export class InferencePool {
  private threads: Array<Thread | null>;
  private next = 0;
  private req = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly intraOpNumThreads = 1,
  ) {
    this.threads = new Array(Math.max(1, size)).fill(null);
  }

  /** Runs one batch on the least busy thread; rejects with onnxruntime's message when the run fails. */
  run(request: InferenceRequest, opts: { crash?: boolean } = {}): Promise<InferenceResult> {
    if (this.closed) return Promise.reject(new Error("the inference pool is closed"));
    const thread = this.pick();
    const req = ++this.req;
    const promise = new Promise<InferenceResult>((resolve, reject) =>
      thread.pending.set(req, { resolve, reject }),
    );
    thread.worker.ref(); // a pending request keeps the process alive; an idle pool does not
    const feeds: Record<string, TensorData> = {};
    const transfer: ArrayBuffer[] = [];
    for (const [name, t] of Object.entries(request.feeds)) {
      // Transfer a copy when the array is a view on a larger (or shared) buffer; else the buffer itself.
      const data =
        t.data.byteOffset === 0 && t.data.byteLength === t.data.buffer.byteLength ? t.data : t.data.slice();
      feeds[name] = { type: t.type, data, dims: t.dims };
      transfer.push(data.buffer as ArrayBuffer);
    }
    thread.worker.postMessage(
      {
        req,
        path: request.path,
        feeds,
        output: request.output,
        provider: request.provider,
        ...(opts.crash ? { crash: true } : {}),
      },
      transfer,
    );
    return promise;
  }

  /** Stops every thread; pending requests fail. */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.filter((t): t is Thread => t !== null);
    this.threads = this.threads.map(() => null);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private pick(): Thread {
    let best = -1;
    for (let i = 0; i < this.threads.length; i++) {
      const idx = (this.next + i) % this.threads.length;
      const t = this.threads[idx];
      if (!t) {
        best = idx;
        break;
      }
      if (best < 0 || t.pending.size < this.threads[best]!.pending.size) best = idx;
    }
    this.next = (best + 1) % this.threads.length;
    const thread = this.threads[best] ?? this.start(best);
    this.threads[best] = thread;
    return thread;
  }

  private start(index: number): Thread {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ortPath: ortPath(), intraOpNumThreads: this.intraOpNumThreads },
    });
    const thread: Thread = { worker, pending: new Map() };
    const fail = (error: Error) => {
      for (const p of thread.pending.values()) p.reject(error);
      thread.pending.clear();
      // A dead thread is replaced by the next request (its sessions are loaded again there).
      if (this.threads[index] === thread) this.threads[index] = null;
    };
    worker.on("message", (r: Reply) => {
      const p = thread.pending.get(r.req);
      thread.pending.delete(r.req);
      if (thread.pending.size === 0) worker.unref();
      if (!p) return;
      if (r.load) p.reject(new ModelUnavailableError(r.error ?? ""));
      else if (r.error !== undefined || !r.output) p.reject(new Error(r.error ?? "no output"));
      else p.resolve({ output: r.output, latencyMs: r.latencyMs ?? 0 });
    });
    worker.on("error", (e) => fail(new Error(`inference thread failed: ${e.message}`)));
    worker.on("exit", (code) => fail(new Error(`inference thread exited (code ${code})`)));
    worker.unref();
    return thread;
  }
}

let resolvedOrt: string | null = null;
function ortPath(): string {
  resolvedOrt ??= createRequire(import.meta.url).resolve("onnxruntime-node");
  return resolvedOrt;
}

let shared: InferencePool | null = null;
/** The process's pool (created on first use). */
export function inferencePool(size: number): InferencePool {
  if (!shared || shared.size !== size) {
    void shared?.close();
    shared = new InferencePool(size);
  }
  return shared;
}
