// Decoding of a remote-write 1.0 body: snappy block → prometheus.WriteRequest → series with samples.
//
//   WriteRequest { repeated TimeSeries timeseries = 1; (2: reserved, 3: metadata — skipped) }
//   TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; (3: exemplars, 4: histograms — skipped) }
//   Label        { string name = 1; string value = 2; }
//   Sample       { double value = 1; int64 timestamp = 2; }
//
// All or nothing: the whole message is walked (label messages included) before anything is returned, and any
// malformed byte throws RemoteWriteError(400). Label strings are *not* decoded here: each series points at its
// raw label bytes and carries a hash of them, and resolveLabels (labels.ts) decodes and validates a label set
// once per distinct bytes, through a LabelCache. Prometheus sends one sample per TimeSeries with ~10 labels, so
// this is what keeps the per-sample cost low: hashing the ~300 label bytes here takes ~100 ns, where a Map
// lookup by a fresh 300-character string key takes ~400 ns (V8 hashes every new string in full). Samples go
// into flat columns shared by all series (no arrays per series).
import { Reader } from "protobufjs/minimal.js";
import { RemoteWriteError } from "./errors";
import { DEFAULT_MAX_DECODED_BYTES, decompressSnappyBlock } from "./snappy";

export class DecodedSeries {
  private key: string | null = null;

  constructor(
    /**
     * The series' label fields as sent (each: tag, length, Label message) are
     * `labelBytes.subarray(labelStart, labelEnd)`. labelBytes is the request's buffer (no copy), or a copy
     * holding them together if a sender interleaved labels with samples. Prometheus sends the same bytes for a
     * series every time; equal bytes ⇒ equal label lists (different bytes may still resolve to the same
     * labels, e.g. sent in another order).
     */
    readonly labelBytes: Buffer,
    readonly labelStart: number,
    readonly labelEnd: number,
    /** 32-bit hash of those bytes: equal bytes ⇒ equal hash (LabelCache compares the bytes themselves too). */
    readonly labelHash: number,
    /** Index of the series' first sample in the request's columns (`timestamps`, `values`, `stale`). */
    readonly start: number,
    /** Number of samples; 0 for a series that only had exemplars or histograms. */
    readonly count: number,
  ) {}

  /**
   * The raw label bytes as a latin1 string (made on first use): an identity usable as a Map key. Slower than
   * resolveLabels(series, cache) — V8 hashes every new ~300-character string — so the hot path should key its
   * own caches by the ResolvedLabels object (a WeakMap) or its `key`, whose hash V8 keeps.
   */
  get rawKey(): string {
    this.key ??= this.labelBytes.toString("latin1", this.labelStart, this.labelEnd);
    return this.key;
  }
}

export interface DecodedWriteRequest {
  /** In request order; a label set sent twice gives two entries. */
  series: DecodedSeries[];
  /** Total number of samples = length of each column. */
  samples: number;
  /** Epoch milliseconds, as sent (integers; beyond ±2^53 rounded — samples.ts rejects those as out of range). */
  timestamps: Float64Array;
  /** Sample values; NaN and ±Inf as sent. A stale marker's value is a NaN: use `stale`. */
  values: Float64Array;
  /** 1 where the value's bits are 0x7ff0000000000002, Prometheus's stale marker (read from the wire bytes). */
  stale: Uint8Array;
  /** Native histogram samples skipped (not supported: the caller may report them). */
  histograms: number;
}

export interface CountLimits {
  /**
   * Refuse (413) a request with more TimeSeries. Default 1,000,000. Bounds memory: 64 MiB of two-byte empty
   * series would otherwise make 32 million objects (real series take 100+ bytes each).
   */
  maxSeries?: number;
  /** Refuse (413) a request with more samples. Default 4,000,000 (a sample takes 11+ bytes on the wire). */
  maxSamples?: number;
}

export interface DecodeOptions extends CountLimits {
  /** Refuse (413) a body whose snappy header declares more decompressed bytes. Default 64 MiB. */
  maxDecodedBytes?: number;
}

export const DEFAULT_MAX_SERIES = 1_000_000;
export const DEFAULT_MAX_SAMPLES = 4_000_000;

/** Snappy-decompresses and decodes a remote-write 1.0 HTTP body. Throws RemoteWriteError (400, 413). */
export function decodeWriteRequest(body: Uint8Array, opts: DecodeOptions = {}): DecodedWriteRequest {
  return decodeWriteRequestProto(
    decompressSnappyBlock(body, opts.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES),
    opts,
  );
}

const VARINT = 0;
const I64 = 1;
const LEN = 2;
const WIRE_NAMES = ["varint", "64-bit", "length-delimited", "start-group", "end-group", "32-bit"];

const STALE_LO = 0x00000002;
const STALE_HI = 0x7ff00000;
const TWO_32 = 4294967296;

// Turns the two little-endian words of a double into the number (one shared 8-byte scratch).
const scratch = new ArrayBuffer(8);
const scratchWords = new Uint32Array(scratch);
const scratchDouble = new Float64Array(scratch);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO_WORD = LITTLE_ENDIAN ? 0 : 1;
const HI_WORD = 1 - LO_WORD;

/** Where the decoder is, for error messages (plain fields: updating them costs nothing). */
interface Position {
  series: number;
  sample: number;
  label: number;
  part: "request" | "series" | "label" | "sample";
}

class DecodeFailure extends Error {}
class TooMany extends Error {}

/** Grow-on-demand columns, up to `max` samples. */
class Columns {
  n = 0;
  timestamps: Float64Array;
  values: Float64Array;
  stale: Uint8Array;

  constructor(
    capacity: number,
    readonly max: number,
  ) {
    this.timestamps = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.stale = new Uint8Array(capacity);
  }

  grow(): void {
    if (this.n >= this.max)
      throw new TooMany(
        `request has more than ${this.max} samples; send smaller batches (max_samples_per_send)`,
      );
    const capacity = Math.min(this.timestamps.length * 2, this.max);
    const timestamps = new Float64Array(capacity);
    timestamps.set(this.timestamps);
    const values = new Float64Array(capacity);
    values.set(this.values);
    const stale = new Uint8Array(capacity);
    stale.set(this.stale);
    this.timestamps = timestamps;
    this.values = values;
    this.stale = stale;
  }
}

/** Decodes an uncompressed prometheus.WriteRequest. Throws RemoteWriteError(400) for anything malformed. */
export function decodeWriteRequestProto(bytes: Uint8Array, limits: CountLimits = {}): DecodedWriteRequest {
  const maxSeries = limits.maxSeries ?? DEFAULT_MAX_SERIES;
  const maxSamples = limits.maxSamples ?? DEFAULT_MAX_SAMPLES;
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = new Reader(buf);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // A Prometheus-shaped series (~10 labels, one sample) takes 150–400 bytes.
  const columns = new Columns(Math.min(Math.max(64, buf.length >>> 7), maxSamples), maxSamples);
  const series: DecodedSeries[] = [];
  const at: Position = { series: 0, sample: 0, label: 0, part: "request" };
  let histograms = 0;
  try {
    while (reader.pos < reader.len) {
      const tag = reader.tag();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 1) {
        if (wire !== LEN) throw wrongWire("timeseries", wire, LEN);
        const end = messageEnd(reader, reader.len);
        if (series.length >= maxSeries)
          throw new TooMany(
            `request has more than ${maxSeries} series; send smaller batches (max_samples_per_send)`,
          );
        at.series = series.length;
        histograms += readTimeSeries(reader, end, buf, view, columns, series, at);
        at.part = "request";
      } else {
        skipField(reader, field, wire);
      }
    }
  } catch (error) {
    if (error instanceof TooMany) throw new RemoteWriteError(413, error.message);
    throw new RemoteWriteError(
      400,
      `invalid prometheus.WriteRequest: ${explainFailure(error, at, reader.pos)}`,
    );
  }
  const n = columns.n;
  return {
    series,
    samples: n,
    timestamps: columns.timestamps.subarray(0, n),
    values: columns.values.subarray(0, n),
    stale: columns.stale.subarray(0, n),
    histograms,
  };
}

/** Reads one TimeSeries ending at `end`; appends its samples and entry. Returns its histogram count. */
function readTimeSeries(
  reader: Reader,
  end: number,
  buf: Buffer,
  view: DataView,
  columns: Columns,
  series: DecodedSeries[],
  at: Position,
): number {
  const start = columns.n;
  let histograms = 0;
  // Label fields' byte range; more than one range only if a sender interleaves labels with other fields.
  let keyStart = 0;
  let keyEnd = 0;
  let keyParts: Buffer[] | null = null;
  at.part = "series";
  at.label = 0;
  at.sample = 0;
  while (reader.pos < end) {
    const fieldStart = reader.pos;
    // Fast path: a run of label fields, each with a one-byte length and only name and value fields with
    // one-byte lengths (nearly every label). Anything else ends the run and goes the general way.
    let pos = fieldStart;
    while (pos + 1 < end && buf[pos] === 0x0a && buf[pos + 1]! < 0x80) {
      const labelEnd = pos + 2 + buf[pos + 1]!;
      let p = pos + 2;
      while (p + 1 < labelEnd && (buf[p] === 0x0a || buf[p] === 0x12) && buf[p + 1]! < 0x80)
        p += 2 + buf[p + 1]!;
      if (p !== labelEnd || labelEnd > end) break;
      pos = labelEnd;
      at.label++;
    }
    if (pos === fieldStart) {
      const tag = reader.tag();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 2) {
        if (wire !== LEN) throw wrongWire("samples", wire, LEN);
        at.part = "sample";
        readSample(reader, messageEnd(reader, end), columns);
        at.sample++;
        at.part = "series";
        continue;
      }
      if (field !== 1) {
        if (field === 4 && wire === LEN) histograms++;
        skipField(reader, field, wire);
        continue;
      }
      if (wire !== LEN) throw wrongWire("labels", wire, LEN);
      at.part = "label";
      checkLabel(reader, messageEnd(reader, end));
      at.label++;
      at.part = "series";
      pos = reader.pos;
    }
    // Label fields [fieldStart, pos): extend the current range, or start a new one.
    if (keyEnd !== fieldStart || keyStart === keyEnd) {
      if (keyStart !== keyEnd) {
        keyParts ??= [];
        keyParts.push(buf.subarray(keyStart, keyEnd));
      }
      keyStart = fieldStart;
    }
    keyEnd = pos;
    reader.pos = pos;
  }
  if (reader.pos !== end) throw overrun();
  if (keyParts === null) {
    const labelHash = hashBytes(buf, view, keyStart, keyEnd);
    series.push(new DecodedSeries(buf, keyStart, keyEnd, labelHash, start, columns.n - start));
  } else {
    keyParts.push(buf.subarray(keyStart, keyEnd));
    const labelBytes = Buffer.concat(keyParts);
    const labelView = new DataView(labelBytes.buffer, labelBytes.byteOffset, labelBytes.length);
    const labelHash = hashBytes(labelBytes, labelView, 0, labelBytes.length);
    series.push(new DecodedSeries(labelBytes, 0, labelBytes.length, labelHash, start, columns.n - start));
  }
  return histograms;
}

/** Walks a Label message (strings are decoded later, once per distinct label set). */
function checkLabel(reader: Reader, end: number): void {
  // Fast path: name and value fields with one-byte lengths (nearly every label), read off the bytes.
  const buf = reader.buf;
  let pos = reader.pos;
  while (pos + 1 < end) {
    const tag = buf[pos]!;
    const length = buf[pos + 1]!;
    if ((tag !== 0x0a && tag !== 0x12) || length >= 0x80) break;
    pos += 2 + length;
  }
  reader.pos = pos;
  while (reader.pos < end) {
    const tag = reader.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1 || field === 2) {
      if (wire !== LEN) throw wrongWire(field === 1 ? "name" : "value", wire, LEN);
      reader.pos = messageEnd(reader, end);
    } else {
      skipField(reader, field, wire);
    }
  }
  if (reader.pos !== end) throw overrun();
}

function readSample(reader: Reader, end: number, columns: Columns): void {
  let lo = 0;
  let hi = 0;
  let timestamp = 0;
  while (reader.pos < end) {
    const tag = reader.tag();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1) {
      if (wire !== I64) throw wrongWire("value", wire, I64);
      lo = reader.fixed32();
      hi = reader.fixed32();
    } else if (field === 2) {
      if (wire !== VARINT) throw wrongWire("timestamp", wire, VARINT);
      timestamp = readInt64(reader);
    } else {
      skipField(reader, field, wire);
    }
  }
  if (reader.pos !== end) throw overrun();
  if (columns.n === columns.timestamps.length) columns.grow();
  const i = columns.n++;
  columns.timestamps[i] = timestamp;
  scratchWords[LO_WORD] = lo;
  scratchWords[HI_WORD] = hi;
  columns.values[i] = scratchDouble[0]!;
  columns.stale[i] = lo === STALE_LO && hi === STALE_HI ? 1 : 0;
}

/**
 * A 32-bit hash of bytes[start, end), murmur-style, eight bytes a step. `view` covers `bytes` whole.
 * Depends only on the bytes in the range, so equal label bytes anywhere hash the same.
 */
export function hashBytes(bytes: Uint8Array, view: DataView, start: number, end: number): number {
  // Two independent lanes, so the CPU can run them side by side.
  let h1 = 0x811c9dc5 ^ (end - start);
  let h2 = 0x2545f491;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    h1 = Math.imul(h1 ^ view.getInt32(i, true), 0x5bd1e995);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 ^ view.getInt32(i + 4, true), 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  for (; i < end; i++) h1 = Math.imul(h1 ^ bytes[i]!, 0x5bd1e995);
  let h = h1 ^ Math.imul(h2, 0x27d4eb2d);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** A varint int64 as a number: exact within ±2^53, rounded beyond (two's complement for negatives). */
function readInt64(reader: Reader): number {
  const buf = reader.buf;
  const len = reader.len;
  let pos = reader.pos;
  let lo = 0;
  let hi = 0;
  let b = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    if (pos >= len) throw truncated();
    b = buf[pos++]!;
    lo |= (b & 0x7f) << shift;
    if (b < 0x80) {
      reader.pos = pos;
      return lo >>> 0;
    }
  }
  if (pos >= len) throw truncated();
  b = buf[pos++]!;
  lo |= (b & 0x7f) << 28;
  hi = (b & 0x7f) >>> 4;
  if (b >= 0x80) {
    for (let shift = 3; ; shift += 7) {
      if (shift > 31) throw new DecodeFailure("varint longer than 10 bytes");
      if (pos >= len) throw truncated();
      b = buf[pos++]!;
      if (shift < 32) hi |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
  }
  reader.pos = pos;
  return (hi | 0) * TWO_32 + (lo >>> 0);
}

/** Reads a length prefix; returns where the nested message ends, which must lie within `limit`. */
function messageEnd(reader: Reader, limit: number): number {
  const end = reader.size() + reader.pos;
  if (end > limit) throw truncated();
  return end;
}

function skipField(reader: Reader, field: number, wire: number): void {
  if (field === 0) throw new DecodeFailure("field number 0");
  if (wire === 4) throw new DecodeFailure(`unexpected end-group tag (field ${field})`);
  reader.skipType(wire, 0, field);
}

function wrongWire(name: string, wire: number, expected: number): DecodeFailure {
  return new DecodeFailure(
    `field ${name} has wire type ${wire} (${WIRE_NAMES[wire] ?? "invalid"}), expected ${expected} (${WIRE_NAMES[expected]})`,
  );
}

const truncated = () =>
  new DecodeFailure("message is truncated (a length runs past the end of its container)");
const overrun = () => new DecodeFailure("a field runs past the end of its message");

function explainFailure(error: unknown, at: Position, offset: number): string {
  let detail: string;
  if (error instanceof DecodeFailure) detail = error.message;
  else if (error instanceof RangeError && /index out of range/.test(error.message))
    detail = "message is truncated";
  else detail = String((error as Error)?.message ?? error);
  let where = "";
  if (at.part !== "request") {
    where = `timeseries[${at.series}]`;
    if (at.part === "label") where += `.labels[${at.label}]`;
    else if (at.part === "sample") where += `.samples[${at.sample}]`;
    where += ": ";
  }
  return `${where}${detail} (at byte ${offset})`;
}
