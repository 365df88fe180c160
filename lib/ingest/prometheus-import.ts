// Write path of POST /api/v1/import/prometheus: a text-format or OpenMetrics file, streamed. Lines are parsed
// as the bytes arrive and stored in batches (memory stays flat for any file size). A bad line is reported
// with its number and skipped; identical samples already stored are ignored, so re-running an import after
// fixing its bad lines is safe.
import type { Database } from "../db/client";
import {
  type ExpositionFormat,
  ExpositionParser,
  type LineError,
  type ParsedSample,
} from "../import/exposition";
import { appendPoints, type PointColumns } from "../series/append";
import { encodePoint, seriesIds } from "../series/store";

export interface ImportResult {
  format: ExpositionFormat;
  lines: number;
  samples: number;
  stored: number;
  duplicates: number;
  rejected: number;
  errors: LineError[];
}

const BATCH_SAMPLES = 20_000;
const MAX_ERRORS = 100;
/** The range of a JavaScript Date (±8.64e15 ms). */
const MAX_DATE_MS = 8.64e15;

export interface ImportOptions {
  format: ExpositionFormat;
  /** Samples later than this (epoch ms) are refused: a wrong unit (µs, ns) is the usual cause. */
  maxTimestampMs: number;
  /** Called after each stored batch with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
}

export async function importExposition(
  database: Database,
  body: ReadableStream<Uint8Array>,
  opts: ImportOptions,
): Promise<ImportResult> {
  const parser = new ExpositionParser(opts.format);
  const result: ImportResult = {
    format: opts.format,
    lines: 0,
    samples: 0,
    stored: 0,
    duplicates: 0,
    rejected: 0,
    errors: [],
  };
  const error = (e: LineError) => {
    result.rejected++;
    if (result.errors.length < MAX_ERRORS) result.errors.push(e);
  };
  // Messages start with "line N: " like the parser's, so each reads on its own.
  const lineError = (line: number, message: string) => error({ line, message: `line ${line}: ${message}` });
  let pending: ParsedSample[] = [];

  const flush = async () => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    const ids = await seriesIds(database, batch);
    const columns: PointColumns = { seriesIds: ids, ts: [], values: [], kinds: [] };
    for (const s of batch) {
      const [value, kind] = encodePoint(s.value);
      columns.ts.push(s.ts);
      columns.values.push(value);
      columns.kinds.push(kind);
    }
    const appended = await appendPoints(database, columns);
    result.stored += appended.stored;
    result.duplicates += appended.duplicates;
    for (const c of appended.conflicts) {
      const s = batch[c.index]!;
      lineError(
        s.line,
        `a different value is already stored for this series at timestamp ${s.ts} (kept the stored ${c.storedKind === 0 ? c.storedValue : "NaN"})`,
      );
    }
  };

  const take = async ({ samples, errors }: { samples: ParsedSample[]; errors: LineError[] }) => {
    for (const e of errors) error(e);
    for (const s of samples) {
      result.samples++;
      if (s.ts < -MAX_DATE_MS) {
        lineError(s.line, `timestamp ${s.ts} is out of range (before year -271821)`);
        continue;
      }
      if (s.ts > opts.maxTimestampMs) {
        lineError(
          s.line,
          `timestamp ${s.ts} (${new Date(Math.min(s.ts, MAX_DATE_MS)).toISOString()}) is too far in the future (VIGIL_MAX_FUTURE_SECONDS); is it in µs or ns instead of ${opts.format === "openmetrics" ? "seconds" : "milliseconds"}?`,
        );
        continue;
      }
      pending.push(s);
    }
    if (pending.length >= BATCH_SAMPLES) await flush();
  };

  const reader = body.getReader();
  let bytesRead = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytesRead += value.byteLength;
    await take(parser.push(value));
    opts.onProgress?.(bytesRead);
  }
  await take(parser.end());
  await flush();
  result.lines = parser.linesSeen;
  // Errors arrive per batch; report them in file order.
  result.errors.sort((a, b) => a.line - b.line);
  return result;
}
