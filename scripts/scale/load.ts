// The load generator, a process of its own (spawned by run.ts with its settings as one JSON argument):
// predictions at `rate` rows/s in batches every 100 ms, labels and click events for some of them later, and
// dashboard readers polling. Every batch is retried (connection error, 5xx) until Vigil acknowledges it — the
// ids make retries idempotent — and every acknowledged id is appended to acked-<kind>.txt; every request is
// logged to requests.csv (request-log.ts). Prints nothing but a summary line; writes load-summary.json.
import { createWriteStream, type WriteStream, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startReaders } from "./readers";
import { formatRecord, type Outcome, PROXY_HEADER, type RequestRecord } from "./request-log";
import { type EventRow, generate, type LabelRow, type PredictionRow, seededRandom } from "./rows";

export interface LoadConfig {
  url: string;
  key: string;
  rate: number;
  seconds: number;
  outDir: string;
  readers: number;
  shadowId: number;
  experimentKey: string;
  /** epoch ms: the drift readers' reference is the first part of the run */
  referenceFrom: number;
  referenceTo: number;
  seed: number;
}

type Kind = "predictions" | "labels" | "events";
const TICK_MS = 100;
const MAX_IN_FLIGHT = 4;
const MAX_BATCH_ROWS = 1000;
/** A batch not acknowledged after this long is given up (and reported: the run fails)… */
const GIVE_UP_MS = 60_000;
/** …and after this many the load stops: Vigil is refusing the data, the run has failed. */
const ABORT_AFTER_GIVEN_UP = 10;

const config = JSON.parse(process.argv[2] ?? "{}") as LoadConfig;
const started = Date.now();
const since = () => Date.now() - started;
const log: WriteStream = createWriteStream(join(config.outDir, "requests.csv"));
const acked: Record<Kind, WriteStream> = {
  predictions: createWriteStream(join(config.outDir, "acked-predictions.txt")),
  labels: createWriteStream(join(config.outDir, "acked-labels.txt")),
  events: createWriteStream(join(config.outDir, "acked-events.txt")),
};
const totals = {
  sent: { predictions: 0, labels: 0, events: 0 },
  acked: { predictions: 0, labels: 0, events: 0 },
  accepted: { predictions: 0, labels: 0, events: 0 },
  duplicates: { predictions: 0, labels: 0, events: 0 },
  rejected: { predictions: 0, labels: 0, events: 0 },
  retries: 0,
  /** "<kind> <status>" → retried attempts */
  retriesByReason: {} as Record<string, number>,
  givenUpByKind: { predictions: 0, labels: 0, events: 0 },
  /** retried batches whose answer said rows were already there: stored, but the first answer was lost */
  lostAcks: 0,
  givenUp: 0,
  batches: { predictions: 0, labels: 0, events: 0 },
  largestBatch: 0,
  /** the most rows waiting for a free sender (the generator falling behind its schedule) */
  maxQueued: 0,
  /** the longest a row waited in the queue before its batch's first attempt, ms */
  maxQueueWaitMs: 0,
  /** when the last prediction was acknowledged, s since the load started (the schedule ends at config.seconds) */
  predictionsDoneAt: 0,
};

function record(r: RequestRecord) {
  log.write(formatRecord(r));
}

/** One request through the proxy, classified. */
async function send(
  path: string,
  init: RequestInit,
  kind: string,
): Promise<{ status: number; outcome: Outcome; body: string }> {
  const t0 = performance.now();
  const t = since();
  let status = 0;
  let outcome: Outcome = "network";
  let body = "";
  try {
    const res = await fetch(`${config.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${config.key}`, ...init.headers },
      signal: AbortSignal.timeout(120_000),
    });
    body = await res.text();
    status = res.status;
    const proxied = res.headers.get(PROXY_HEADER);
    outcome = res.ok
      ? "ok"
      : proxied === "upstream-failed"
        ? "reset"
        : proxied === "no-backend"
          ? "no-backend"
          : "http";
  } catch {
    outcome = "network";
  }
  record({ t, kind, ms: performance.now() - t0, status, outcome });
  return { status, outcome, body };
}

// ---- ingest ----------------------------------------------------------------------------------------------

interface Batch {
  kind: Kind;
  rows: Array<PredictionRow | LabelRow | EventRow>;
}
// A queue of rows and a few senders per kind, as a buffering client would have: each sender takes what is
// queued (up to MAX_BATCH_ROWS) as its next batch, so batches grow when Vigil answers slowly instead of the
// queue growing without bound, and a kind Vigil keeps refusing does not hold up the others.
type Queued = { row: PredictionRow | LabelRow | EventRow; queuedAt: number };
const queues: Record<Kind, Queued[]> = { predictions: [], labels: [], events: [] };
const inFlight: Record<Kind, number> = { predictions: 0, labels: 0, events: 0 };
let idle: (() => void) | null = null;
/** Set when so many batches were given up that the run cannot pass: the load stops early. */
let aborted: string | null = null;
const busy = () =>
  Object.values(inFlight).some((n) => n > 0) || Object.values(queues).some((q) => q.length > 0);

function enqueue(kind: Kind, rows: Array<PredictionRow | LabelRow | EventRow>) {
  if (aborted) return;
  const queuedAt = Date.now();
  for (const row of rows) queues[kind].push({ row, queuedAt });
  totals.sent[kind] += rows.length;
  totals.maxQueued = Math.max(totals.maxQueued, queues[kind].length);
  pump(kind);
}

function pump(kind: Kind) {
  const queue = queues[kind];
  while (inFlight[kind] < MAX_IN_FLIGHT && queue.length) {
    const taken = queue.splice(0, MAX_BATCH_ROWS);
    totals.maxQueueWaitMs = Math.max(totals.maxQueueWaitMs, Date.now() - taken[0]!.queuedAt);
    totals.batches[kind]++;
    totals.largestBatch = Math.max(totals.largestBatch, taken.length);
    inFlight[kind]++;
    void deliver({ kind, rows: taken.map((q) => q.row) }).finally(() => {
      inFlight[kind]--;
      if (aborted) queue.length = 0;
      pump(kind);
      if (!busy()) idle?.();
    });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends until acknowledged: 200 or 207 (bad rows listed, the rest stored). 4xx other than 429 is a bug: given up. */
async function deliver(batch: Batch): Promise<void> {
  const body = JSON.stringify({ [batch.kind]: batch.rows });
  const deadline = Date.now() + GIVE_UP_MS;
  for (let attempt = 1; ; attempt++) {
    const res = await send(
      `/api/v1/${batch.kind}`,
      { method: "POST", headers: { "content-type": "application/json" }, body },
      `ingest:${batch.kind}`,
    );
    if (res.status === 200 || res.status === 207) {
      const answer = JSON.parse(res.body) as { accepted: number; duplicates: number; rejected: unknown[] };
      totals.accepted[batch.kind] += answer.accepted;
      totals.duplicates[batch.kind] += answer.duplicates;
      totals.rejected[batch.kind] += answer.rejected.length;
      if (attempt > 1 && answer.duplicates > 0) totals.lostAcks++;
      const rejected = new Set((answer.rejected as Array<{ index: number }>).map((r) => r.index));
      const ids = batch.rows.filter((_, i) => !rejected.has(i)).map((r) => r.id);
      totals.acked[batch.kind] += ids.length;
      if (batch.kind === "predictions") totals.predictionsDoneAt = since() / 1000;
      acked[batch.kind].write(ids.length ? `${ids.join("\n")}\n` : "");
      return;
    }
    const retryable = res.status === 0 || res.status === 429 || res.status >= 500;
    if (!retryable || Date.now() > deadline || aborted) {
      totals.givenUp++;
      totals.givenUpByKind[batch.kind]++;
      console.error(
        `[load] gave up a ${batch.kind} batch after ${attempt} attempts: ${res.status} ${res.body.slice(0, 300)}`,
      );
      if (totals.givenUp >= ABORT_AFTER_GIVEN_UP && !aborted) {
        aborted = `${totals.givenUp} batches given up (the last: ${batch.kind}, ${res.status} ${res.body.slice(0, 200)})`;
        console.error(`[load] stopping the load early: ${aborted}`);
      }
      return;
    }
    totals.retries++;
    const reason = `${batch.kind} ${res.status === 0 ? "network" : res.status}`;
    totals.retriesByReason[reason] = (totals.retriesByReason[reason] ?? 0) + 1;
    await sleep(Math.min(2000, 200 * attempt));
  }
}

// ---- schedule -------------------------------------------------------------------------------------------

const random = seededRandom(config.seed);
/** tick index → rows due then (labels and events are sent when due) */
const later = new Map<number, { labels: LabelRow[]; events: EventRow[] }>();
const dueAt = (timestamp: number) => Math.ceil((timestamp - started) / TICK_MS);
function schedule(tick: number, row: LabelRow | EventRow, kind: "labels" | "events") {
  let slot = later.get(tick);
  if (!slot) {
    slot = { labels: [], events: [] };
    later.set(tick, slot);
  }
  if (kind === "labels") slot.labels.push(row as LabelRow);
  else slot.events.push(row as EventRow);
}

let seq = 0;
function tick(k: number) {
  const n =
    Math.floor((config.rate * (k + 1) * TICK_MS) / 1000) - Math.floor((config.rate * k * TICK_MS) / 1000);
  const now = Date.now();
  const predictions: PredictionRow[] = [];
  for (let i = 0; i < n; i++) {
    const g = generate(`p${seq++}`, now, random);
    predictions.push(g.prediction);
    if (g.label) schedule(dueAt(g.label.timestamp), g.label, "labels");
    if (g.event) schedule(dueAt(g.event.timestamp), g.event, "events");
  }
  if (predictions.length) enqueue("predictions", predictions);
  flushDue(k);
}

let flushedThrough = -1;
function flushDue(upTo: number) {
  const labels: LabelRow[] = [];
  const events: EventRow[] = [];
  for (const [t, slot] of later) {
    if (t > upTo) continue;
    labels.push(...slot.labels);
    events.push(...slot.events);
    later.delete(t);
  }
  flushedThrough = upTo;
  if (labels.length) enqueue("labels", labels);
  if (events.length) enqueue("events", events);
}

async function main() {
  console.log(`[load] started ${started}`);
  const readers = startReaders(config, send);
  const ticks = Math.round((config.seconds * 1000) / TICK_MS);
  for (let k = 0; k < ticks && !aborted; k++) {
    const wait = started + k * TICK_MS - Date.now();
    if (wait > 0) await sleep(wait);
    tick(k);
  }
  // The run is over: the labels and events still scheduled go now (with the timestamps they were given).
  flushDue(Number.MAX_SAFE_INTEGER);
  if (busy()) await new Promise<void>((r) => (idle = r));
  await readers.stop();
  const summary = {
    seconds: since() / 1000,
    aborted,
    flushedThrough,
    ...totals,
    readers: readers.counts(),
  };
  await Promise.all([log, ...Object.values(acked)].map((s) => new Promise((r) => s.end(r))));
  writeFileSync(join(config.outDir, "load-summary.json"), JSON.stringify(summary, null, 2));
  console.log(
    `[load] ${totals.acked.predictions} predictions, ${totals.acked.labels} labels, ${totals.acked.events} events acknowledged in ${(since() / 1000).toFixed(1)} s; ${totals.retries} retries, ${totals.givenUp} given up`,
  );
}

await main();
