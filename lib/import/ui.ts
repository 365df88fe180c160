// Pure helpers for the import page (/import): which format a file is in, what to send, how to show upload
// progress, and where to look at the imported series afterwards. No React, no DOM.
import { formatDuration, formatInteger } from "../charts/format";
import { formatPromDuration } from "../charts/prom-step";
import { exploreSearch } from "../charts/prom-url";
import type { ExpositionFormat } from "./exposition";

export type ImportFormat = ExpositionFormat;

export const IMPORT_PATH = "/api/v1/import/prometheus";
/** How much of the file's start the format detection looks at. */
export const DETECT_BYTES = 1024;
/** How much of the file's start and end the metric-name and time sniffing reads. */
export const SNIFF_BYTES = 64 * 1024;

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  prometheus: "Prometheus text",
  openmetrics: "OpenMetrics",
};

export interface DetectedFormat {
  format: ImportFormat;
  /** Why, for the page: "file name ends in .om". */
  reason: string;
}

/**
 * OpenMetrics when the name ends in .om or .openmetrics (before an optional .txt), or the first KB has a
 * "# EOF" or "# UNIT" line; otherwise the Prometheus text format.
 */
export function detectFormat(fileName: string, head: string): DetectedFormat {
  const ext = /\.(om|openmetrics)(\.txt)?$/i.exec(fileName);
  if (ext) return { format: "openmetrics", reason: `file name ends in ${ext[0].toLowerCase()}` };
  const marker = /^# (EOF|UNIT)(?=[ \t\r\n]|$)/m.exec(head.slice(0, DETECT_BYTES));
  if (marker) return { format: "openmetrics", reason: `the file has a “# ${marker[1]}” line` };
  return { format: "prometheus", reason: "no OpenMetrics marker (# EOF, # UNIT) in the first KB" };
}

/** The Content-Type the server maps to this format. */
export function contentTypeFor(format: ImportFormat): string {
  return format === "openmetrics"
    ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
    : "text/plain; version=0.0.4; charset=utf-8";
}

/** The endpoint, with the format spelled out so the Content-Type cannot be misread. */
export function importUrl(format: ImportFormat): string {
  return `${IMPORT_PATH}?format=${format}`;
}

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB"] as const;

/** 0 → "0 B", 1536 → "1.5 KiB", 5_242_880 → "5.0 MiB": one decimal below 100, none above. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  // 1023.96 KiB would print as "1024.0 KiB": move up a unit instead.
  if (value >= 1023.95 && unit < BYTE_UNITS.length - 1) return `1.0 ${BYTE_UNITS[unit + 1]}`;
  return `${value < 100 ? value.toFixed(1) : Math.round(value)} ${BYTE_UNITS[unit]}`;
}

/** Bytes per second → "2.4 MiB/s"; "—" when not known yet. */
export function formatRate(bytesPerSecond: number | null): string {
  return bytesPerSecond === null || !Number.isFinite(bytesPerSecond) || bytesPerSecond < 0
    ? "—"
    : `${formatBytes(bytesPerSecond)}/s`;
}

/** Seconds left → "under 1s", "45s", "3m 20s"; "—" when not known. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < 1) return "under 1s";
  return formatDuration(Math.ceil(seconds));
}

/** Whole percent, floored so 100% means every byte was sent. */
export function percentOf(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((loaded / total) * 100)));
}

export interface ProgressPoint {
  /** Milliseconds (any clock, the same for all points). */
  t: number;
  loaded: number;
}

/** Throughput is averaged over this much recent time, so one slow or fast burst does not swing it. */
export const RATE_WINDOW_MS = 3000;
const MIN_RATE_SPAN_MS = 250;

/**
 * Bytes per second over the last RATE_WINDOW_MS of progress points (oldest first), or over the whole upload
 * when the window holds too little time; null until MIN_RATE_SPAN_MS have passed.
 */
export function uploadRate(points: readonly ProgressPoint[]): number | null {
  const last = points[points.length - 1];
  const first = points[0];
  if (!last || !first) return null;
  let from = first;
  for (const p of points) {
    if (last.t - p.t <= RATE_WINDOW_MS) {
      from = p;
      break;
    }
  }
  if (last.t - from.t < MIN_RATE_SPAN_MS) from = first;
  const span = last.t - from.t;
  if (span < MIN_RATE_SPAN_MS) return null;
  return ((last.loaded - from.loaded) * 1000) / span;
}

/** Points older than the rate window (but one, the window's start) are not needed any more. */
export function trimPoints(points: ProgressPoint[]): ProgressPoint[] {
  const last = points[points.length - 1];
  if (!last) return points;
  let keep = 0;
  while (keep < points.length - 1 && last.t - points[keep + 1]!.t >= RATE_WINDOW_MS) keep++;
  return keep === 0 ? points : points.slice(keep);
}

/** Seconds until the rest is sent at `rate`; null when the rate is unknown or zero. */
export function etaSeconds(loaded: number, total: number, rate: number | null): number | null {
  if (rate === null || !(rate > 0)) return null;
  return Math.max(0, total - loaded) / rate;
}

/** One sample line: its metric name and timestamp (epoch ms), as far as a quick scan can tell. */
export interface SniffedSample {
  name: string;
  tsMs: number | null;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

/** Index just past the label set starting at `from` ("{"), skipping quoted values; -1 when unterminated. */
function skipLabels(line: string, from: number): number {
  let quoted = false;
  for (let i = from + 1; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "}") return i + 1;
  }
  return -1;
}

/** A sample line's name and timestamp; null for blank lines, comments and lines that are not samples. */
export function sniffSampleLine(line: string, format: ImportFormat): SniffedSample | null {
  const text = line.replace(/\r$/, "").trimStart();
  if (text === "" || text.startsWith("#")) return null;
  const name = NAME.exec(text)?.[0];
  if (!name) return null;
  let rest = text.slice(name.length);
  if (rest.startsWith("{")) {
    const end = skipLabels(rest, 0);
    if (end < 0) return null;
    rest = rest.slice(end);
  }
  if (format === "openmetrics") {
    const exemplar = rest.indexOf(" # ");
    if (exemplar >= 0) rest = rest.slice(0, exemplar);
  }
  const [value, ts] = rest.trim().split(/[ \t]+/);
  if (!value) return null;
  const n = ts === undefined ? Number.NaN : Number(ts);
  const tsMs = Number.isFinite(n) ? (format === "openmetrics" ? Math.round(n * 1000) : n) : null;
  return { name, tsMs };
}

/** The first sample line in `head` (the start of a file). */
export function firstSample(head: string, format: ImportFormat): SniffedSample | null {
  for (const line of head.split("\n")) {
    const s = sniffSampleLine(line, format);
    if (s) return s;
  }
  return null;
}

/**
 * The last sample line in `tail` (the end of a file). Unless the tail is the whole file, its first line may
 * be cut, so it is not used.
 */
export function lastSample(tail: string, format: ImportFormat, wholeFile: boolean): SniffedSample | null {
  const lines = tail.split("\n");
  const stop = wholeFile ? 0 : 1;
  for (let i = lines.length - 1; i >= stop; i--) {
    const s = sniffSampleLine(lines[i]!, format);
    if (s) return s;
  }
  return null;
}

const MIN_SPAN_MS = 60_000;

/**
 * The Explore page for `name`: a graph over the file's time span (first to last sample, a little wider) when
 * both are known, else a table at the current time.
 */
export function exploreHref(name: string, fromMs: number | null, toMs: number | null): string {
  if (fromMs === null || toMs === null) {
    return `/explore?${exploreSearch({ q: name, mode: "table", range: "1h", end: null, time: null, step: null, stacked: false, ds: null })}`;
  }
  const lo = Math.min(fromMs, toMs);
  const hi = Math.max(fromMs, toMs);
  const span = Math.max(hi - lo, MIN_SPAN_MS);
  const pad = Math.ceil(span * 0.05);
  const rangeS = Math.ceil((span + 2 * pad) / 1000);
  const end = new Date(Math.min(hi + pad, 8.64e15)).toISOString();
  return `/explore?${exploreSearch({
    q: name,
    mode: "graph",
    range: formatPromDuration(rangeS),
    end,
    time: null,
    step: null,
    stacked: false,
    ds: null,
  })}`;
}

/** The server's messages start with "line N: "; the table has its own line column. */
export function stripLinePrefix(message: string, line: number): string {
  const prefix = `line ${line}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** Under the errors table when the server listed only some of the problems. */
export function moreErrorsNote(shown: number, rejected: number): string | null {
  if (rejected <= shown) return null;
  return `Showing ${formatInteger(shown)} of ${formatInteger(rejected)} problems: the server lists the first ${formatInteger(shown)}. Fix these and import the file again; samples already stored are skipped as duplicates.`;
}

export interface ImportResult {
  format: ImportFormat;
  lines: number;
  samples: number;
  stored: number;
  duplicates: number;
  rejected: number;
  errors: Array<{ line: number; message: string }>;
}

export type ImportOutcome =
  /** 200 every line stored (or already there), 207 some lines rejected. */
  | { kind: "done"; status: number; result: ImportResult }
  /** Nothing stored, a refusal or a server error; `result` when the server still counted the file (400). */
  | { kind: "failed"; status: number; title: string; message: string; result: ImportResult | null };

function isResult(body: unknown): body is ImportResult {
  if (!body || typeof body !== "object") return false;
  const b = body as Record<string, unknown>;
  return (
    (b.format === "prometheus" || b.format === "openmetrics") &&
    ["lines", "samples", "stored", "duplicates", "rejected"].every((k) => typeof b[k] === "number") &&
    Array.isArray(b.errors)
  );
}

function errorText(body: unknown): string | null {
  if (body && typeof body === "object" && "error" in body && typeof body.error === "string")
    return body.error;
  return null;
}

/** What the page shows for the server's answer (status and raw response text). */
export function importOutcome(status: number, text: string, role: string): ImportOutcome {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: a proxy's error page, an empty body
  }
  const error = errorText(body);
  if ((status === 200 || status === 207) && isResult(body)) return { kind: "done", status, result: body };
  const result = isResult(body) ? body : null;
  const failed = (title: string, message: string): ImportOutcome => ({
    kind: "failed",
    status,
    title,
    message,
    result,
  });
  if (status === 403 && role !== "admin")
    return failed(
      "Only admins can import",
      `You are signed in with the role “${role}”; importing needs an admin account (or an API key with the ingest scope).${error ? ` The server said: ${error}` : ""}`,
    );
  if (status === 403) return failed("Import refused", error ?? "The server refused the upload (HTTP 403).");
  if (status === 401) return failed("Signed out", "Your session has expired. Sign in again and retry.");
  if (status === 400 && result && result.rejected > 0)
    // The server's error repeats the first problem, which the table lists with the others.
    return failed(
      "Nothing was stored",
      `No line of the file could be stored: ${formatInteger(result.rejected)} ${result.rejected === 1 ? "problem" : "problems"}, listed below with their line numbers.`,
    );
  if (status === 400) return failed("Nothing was stored", error ?? "The server refused the file (HTTP 400).");
  if (status === 413)
    return failed(
      "File too large for this server",
      error ?? "A proxy in front of Vigil refused the upload's size (HTTP 413).",
    );
  if (status === 415)
    return failed("Format not accepted", error ?? "The server did not accept the file's type (HTTP 415).");
  if (status === 0)
    return failed("Upload failed", "The connection to the server was lost. Check it and try again.");
  return failed(
    `Import failed (HTTP ${status})`,
    error ?? "The server answered with an error; its log has the details.",
  );
}

/** The start and end of a file, read once when it is chosen. */
export interface FileSniff {
  detected: DetectedFormat;
  head: string;
  tail: string;
  /** The head is the whole file (so the tail is too). */
  wholeFile: boolean;
}

/** Reads the first and last SNIFF_BYTES of a file (a File, or any Blob with a name). */
export async function sniffFile(file: Blob & { name: string }): Promise<FileSniff> {
  const wholeFile = file.size <= SNIFF_BYTES;
  const head = await file.slice(0, SNIFF_BYTES).text();
  const tail = wholeFile ? head : await file.slice(file.size - SNIFF_BYTES).text();
  return { detected: detectFormat(file.name, head), head, tail, wholeFile };
}

export interface SampleSpan {
  /** The first sample line's metric name. */
  name: string;
  /** First and last sample timestamps (epoch ms) where the lines have them. */
  fromMs: number | null;
  toMs: number | null;
}

/** What the file holds, as far as its first and last sample lines tell, read as `format`. */
export function sampleSpan(sniff: FileSniff, format: ImportFormat): SampleSpan | null {
  const first = firstSample(sniff.head, format);
  if (!first) return null;
  const last = lastSample(sniff.tail, format, sniff.wholeFile);
  return { name: first.name, fromMs: first.tsMs, toMs: last?.tsMs ?? first.tsMs };
}
