// Write path of POST /api/v1/write: a decoded remote-write request into the series store. A series with bad
// labels or a sample with a bad timestamp is rejected alone; everything else of the request is stored in one
// transaction (so a retried request after a 5xx finds its samples either all there or all missing).
import type { Database } from "../db/client";
import {
  type DecodedWriteRequest,
  formatSeries,
  isLabelError,
  LabelCache,
  type ResolvedLabels,
  resolveLabels,
  sampleTimeError,
  type TimeWindow,
  timestampOk,
} from "../remote-write";
import { appendPoints, type Conflict, type PointColumns } from "../series/append";
import { encodePoint, POINT_NAN, POINT_STALE, seriesIds } from "../series/store";

export interface RemoteWriteOutcome {
  samples: number;
  stored: number;
  duplicates: number;
  rejected: number;
  /** The first few reasons samples were rejected, each naming the series. */
  problems: string[];
}

const MAX_PROBLEMS = 10;

interface Caches {
  /** Raw label bytes → resolved labels: a steady stream of known series decodes no label at all. */
  labels: LabelCache;
  /** Resolved labels (one object per cached label set) → series id; entries go with the label cache's. */
  ids: WeakMap<ResolvedLabels, number>;
}
const caches = new WeakMap<Database, Caches>();

function cachesFor(database: Database): Caches {
  let c = caches.get(database);
  if (!c) {
    c = { labels: new LabelCache(), ids: new WeakMap() };
    caches.set(database, c);
  }
  return c;
}

const describeValue = (value: number, kind: number) =>
  kind === POINT_STALE ? "a stale marker" : kind === POINT_NAN ? "NaN" : String(value);

export async function storeWriteRequest(
  database: Database,
  request: DecodedWriteRequest,
  window: TimeWindow,
): Promise<RemoteWriteOutcome> {
  const { labels: labelCache, ids } = cachesFor(database);
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  let rejected = request.histograms;
  if (request.histograms > 0)
    problem(`${request.histograms} native histogram samples skipped: only float samples are supported`);

  // Labels resolved once per distinct label bytes (cached across requests); unknown series created at once.
  const resolutions = request.series.map((s) => (s.count === 0 ? null : resolveLabels(s, labelCache)));
  const toCreate = new Set<ResolvedLabels>();
  for (const r of resolutions) if (r && !isLabelError(r) && !ids.has(r)) toCreate.add(r);
  if (toCreate.size > 0) {
    const created = await seriesIds(database, [...toCreate]);
    let i = 0;
    for (const r of toCreate) ids.set(r, created[i++]!);
  }

  const columns: PointColumns = { seriesIds: [], ts: [], values: [], kinds: [] };
  const origin: number[] = []; // column index → index of its series in the request, for messages
  request.series.forEach((s, index) => {
    const resolved = resolutions[index];
    if (!resolved) return;
    if (isLabelError(resolved)) {
      problem(resolved.error);
      rejected += s.count;
      return;
    }
    const id = ids.get(resolved)!;
    for (let k = s.start; k < s.start + s.count; k++) {
      const ts = request.timestamps[k]!;
      if (!timestampOk(ts, window)) {
        problem(sampleTimeError(ts, window, resolved)!);
        rejected++;
        continue;
      }
      const [value, kind] = encodePoint(request.values[k]!, request.stale[k] === 1);
      columns.seriesIds.push(id);
      columns.ts.push(ts);
      columns.values.push(value);
      columns.kinds.push(kind);
      origin.push(index);
    }
  });

  const result = await appendPoints(database, columns);
  for (const c of result.conflicts)
    problem(conflictMessage(resolutions[origin[c.index]!] as ResolvedLabels, columns, c));
  return {
    samples: request.samples + request.histograms,
    stored: result.stored,
    duplicates: result.duplicates,
    rejected: rejected + result.conflicts.length,
    problems,
  };
}

function conflictMessage(series: ResolvedLabels, columns: PointColumns, c: Conflict): string {
  const ts = columns.ts[c.index]!;
  return (
    `duplicate sample for timestamp ${ts} with a different value, series ${formatSeries(series)}: ` +
    `sent ${describeValue(columns.values[c.index]!, columns.kinds[c.index]!)}, ` +
    `kept the stored ${describeValue(c.storedValue, c.storedKind)}`
  );
}
