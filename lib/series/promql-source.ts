// The PromQL evaluator's view of Vigil's series store: series matching label matchers, with their samples
// in a time range. A 7-day range query over 1,000 series reads 10M samples, so the SQLite path reads them
// as raw arrays straight into Float64Arrays; PostgreSQL keeps the generic query (one per 500 series).
import { Worker } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";
import type { Database } from "../db/client";
import { sqlitePath } from "../db/url";
import type { SeriesSource, SourceSeries } from "../promql/source";
import { type LabelMatcher, type Labels, matches } from "./labels";
import { POINT_NAN, POINT_STALE } from "./store";

export interface SeriesRef {
  id: number;
  name: string;
  labels: Labels;
}

/** Series whose name and labels satisfy the matchers (the name narrows the scan when it is an equality). */
export async function findSeries(database: Database, matchers: LabelMatcher[]): Promise<SeriesRef[]> {
  const nameEq = matchers.find((m) => m.name === "__name__" && m.op === "=");
  const rows = await database.raw.query<{ id: number; name: string; labels: string }>(
    nameEq
      ? `SELECT "id", "name", "labels" FROM "Series" WHERE "name" = ?`
      : `SELECT "id", "name", "labels" FROM "Series"`,
    nameEq ? [nameEq.value] : [],
  );
  return rows
    .map((r) => ({ id: Number(r.id), name: r.name, labels: JSON.parse(r.labels) as Labels }))
    .filter((s) => matches(s.name, s.labels, matchers));
}

/** Timestamps, values and stale-marker timestamps of one series. */
type SeriesData = [Float64Array, Float64Array, Float64Array];
type ReadSeries = (id: number, from: number, to: number) => SeriesData;

/**
 * Opens a read-only connection and returns a reader of one series' samples. Self-contained (the driver is
 * passed in) because its source text also runs in the worker below.
 *
 * Its own connection, because the shared one (lib/db/raw.ts) only hands out row objects: reading 10M samples
 * as rows costs ~3× SQLite's own work. Instead a SQL function receives each (ts, value) and writes it into
 * typed arrays, so nothing is allocated per row. WAL lets it read beside the writer (it sees committed data,
 * as any other process does); mmap spares a page copy per read.
 */
function openReader(Driver: typeof BetterSqlite3, path: string): ReadSeries {
  const db = new Driver(path, { readonly: true, fileMustExist: true, timeout: 15_000 });
  db.pragma("mmap_size = 1073741824");
  const c = { t: new Float64Array(1024), v: new Float64Array(1024), n: 0, stale: [] as number[] };
  // kind (SeriesPoint.kind): 0 a number, 1 NaN, 2 a stale marker. Literals, because this text also runs
  // in the worker below, where no import is in scope.
  db.function("vigil_collect", { deterministic: false }, (ts: unknown, value: unknown, kind: unknown) => {
    if (kind === 2) {
      c.stale.push(Number(ts));
      return null;
    }
    if (c.n === c.t.length) {
      const t = new Float64Array(c.n * 2);
      const v = new Float64Array(c.n * 2);
      t.set(c.t);
      v.set(c.v);
      c.t = t;
      c.v = v;
    }
    c.t[c.n] = Number(ts);
    c.v[c.n++] = kind === 1 ? Number.NaN : Number(value);
    return null;
  });
  // One series per query: the (seriesId, ts) primary key yields its samples in ts order.
  const collect = db
    .prepare(`SELECT count(vigil_collect("ts", "value", "kind")) FROM "SeriesPoint"
      WHERE "seriesId" = ? AND "ts" >= ? AND "ts" <= ?`)
    .pluck(true);
  return (id, from, to) => {
    c.n = 0;
    c.stale = [];
    collect.get(id, from, to);
    const t = c.t.slice(0, c.n);
    const v = c.v.slice(0, c.n);
    const s = Float64Array.from(c.stale).sort();
    // An aggregate's input order is the plan's, not a promise: check it, and sort in the unexpected case.
    let sorted = true;
    for (let i = 1; i < t.length && sorted; i++) sorted = t[i - 1]! < t[i]!;
    if (sorted) return [t, v, s];
    const order = Array.from(t.keys()).sort((a, b) => t[a]! - t[b]!);
    return [Float64Array.from(order, (i) => t[i]!), Float64Array.from(order, (i) => v[i]!), s];
  };
}

/**
 * A second thread reading half of the series of large selects: SQLite and the per-row callback are the whole
 * cost of a read, and the query's thread would otherwise leave the other core idle. Inline source (an eval
 * worker) because the Next.js bundle has no stable path for a worker file.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const read = (${openReader.toString()})(require("better-sqlite3"), workerData.path);
parentPort.on("message", ({ req, ids, from, to }) => {
  try {
    const series = ids.map((id) => read(id, from, to));
    parentPort.postMessage({ req, series }, series.flatMap((data) => data.map((a) => a.buffer)));
  } catch (e) {
    parentPort.postMessage({ req, error: String(e) });
  }
});`;

interface Reply {
  req: number;
  series?: SeriesData[];
  error?: string;
}

interface Reader {
  read: ReadSeries;
  helper: { worker: Worker; pending: Map<number, (r: Reply) => void>; next: number } | null;
}
const readers = new WeakMap<Database, Reader | null>();

function startHelper(path: string): Reader["helper"] {
  try {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path } });
    const helper = { worker, pending: new Map<number, (r: Reply) => void>(), next: 0 };
    worker.on("message", (r: Reply) => {
      helper.pending.get(r.req)?.(r);
      helper.pending.delete(r.req);
    });
    worker.on("error", (e) => {
      for (const resolve of helper.pending.values()) resolve({ req: -1, error: String(e) });
      helper.pending.clear();
    });
    worker.unref(); // an idle helper must not keep the process alive; a pending request refs it
    return helper;
  } catch {
    return null; // no worker threads: everything is read on the query's thread
  }
}

function sqliteReader(database: Database): Reader | null {
  if (database.flavour !== "sqlite") return null;
  let reader = readers.get(database);
  if (reader !== undefined) return reader;
  const path = sqlitePath(database.url, false);
  reader = path === ":memory:" ? null : { read: openReader(BetterSqlite3, path), helper: startHelper(path) };
  readers.set(database, reader);
  return reader;
}

/** Below this many series a second thread's message round trip costs more than it saves. */
const SPLIT_AT = 64;

async function selectSqlite(reader: Reader, refs: SeriesRef[], startMs: number, endMs: number) {
  const from = Math.ceil(startMs);
  const to = Math.floor(endMs);
  const helper = refs.length >= SPLIT_AT ? reader.helper : null;
  const half = helper ? refs.length >> 1 : refs.length;
  let remote: Promise<Reply> | null = null;
  if (helper) {
    const req = helper.next++;
    remote = new Promise<Reply>((resolve) => helper.pending.set(req, resolve));
    helper.worker.ref();
    helper.worker.postMessage({ req, ids: refs.slice(half).map((r) => r.id), from, to });
  }
  const data = refs.slice(0, half).map((r) => reader.read(r.id, from, to));
  if (remote) {
    const reply = await remote;
    if (helper && helper.pending.size === 0) helper.worker.unref();
    if (reply.series) data.push(...reply.series);
    // The helper failed (or died): read its half here, so a query never depends on it.
    else for (const r of refs.slice(half)) data.push(reader.read(r.id, from, to));
  }
  return refs.map(
    (ref, i): SourceSeries => ({
      labels: { ...ref.labels, __name__: ref.name },
      timestamps: data[i]![0],
      values: data[i]![1],
      ...(data[i]![2].length ? { staleAt: data[i]![2] } : {}),
    }),
  );
}

async function selectGeneric(database: Database, refs: SeriesRef[], startMs: number, endMs: number) {
  const out: SourceSeries[] = [];
  for (let i = 0; i < refs.length; i += 500) {
    const part = refs.slice(i, i + 500);
    const rows = await database.raw.query<{
      seriesId: number;
      ts: number | string;
      value: number;
      kind: number;
    }>(
      `SELECT "seriesId", "ts", "value", "kind" FROM "SeriesPoint"
        WHERE "seriesId" IN (${part.map(() => "?").join(",")}) AND "ts" >= ? AND "ts" <= ?
        ORDER BY "seriesId", "ts"`,
      [...part.map((p) => p.id), Math.ceil(startMs), Math.floor(endMs)],
    );
    // Rows arrive grouped by series id: note each run, then copy it into typed arrays (no per-point arrays).
    const runs = new Map<number, [number, number]>();
    for (let r = 0; r < rows.length; ) {
      const id = Number(rows[r]!.seriesId);
      let end = r + 1;
      while (end < rows.length && Number(rows[end]!.seriesId) === id) end++;
      runs.set(id, [r, end]);
      r = end;
    }
    for (const ref of part) {
      const [lo, hi] = runs.get(ref.id) ?? [0, 0];
      let staleCount = 0;
      for (let k = lo; k < hi; k++) if (rows[k]!.kind === POINT_STALE) staleCount++;
      const timestamps = new Float64Array(hi - lo - staleCount);
      const values = new Float64Array(hi - lo - staleCount);
      const staleAt = new Float64Array(staleCount);
      for (let k = lo, i = 0, s = 0; k < hi; k++) {
        const row = rows[k]!;
        if (row.kind === POINT_STALE) {
          staleAt[s++] = Number(row.ts);
          continue;
        }
        timestamps[i] = Number(row.ts);
        values[i++] = row.kind === POINT_NAN ? Number.NaN : Number(row.value);
      }
      const labels = { ...ref.labels, __name__: ref.name };
      out.push({ labels, timestamps, values, ...(staleCount ? { staleAt } : {}) });
    }
  }
  return out;
}

/** Prometheus' labels.Compare over the sorted label pairs, __name__ included. */
function compareLabelSets(a: Array<[string, string]>, b: Array<[string, string]>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const [an, av] = a[i]!;
    const [bn, bv] = b[i]!;
    if (an !== bn) return an < bn ? -1 : 1;
    if (av !== bv) return av < bv ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * Series in Prometheus' order for stored blocks (by label set). Aggregations add in input order, and float
 * addition is not associative: this order is what makes sum() agree with Prometheus to the last bit.
 */
function inPrometheusOrder(refs: SeriesRef[]): SeriesRef[] {
  const keyed = refs.map((ref) => ({
    ref,
    pairs: Object.entries({ ...ref.labels, __name__: ref.name }).sort((x, y) => (x[0] < y[0] ? -1 : 1)),
  }));
  keyed.sort((x, y) => compareLabelSets(x.pairs, y.pairs));
  return keyed.map((k) => k.ref);
}

export function storeSource(database: Database): SeriesSource {
  return {
    async select(matchers, startMs, endMs) {
      const refs = inPrometheusOrder(await findSeries(database, matchers));
      const reader = sqliteReader(database);
      return reader
        ? selectSqlite(reader, refs, startMs, endMs)
        : selectGeneric(database, refs, startMs, endMs);
    },
  };
}
