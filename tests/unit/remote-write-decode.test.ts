// Remote-write 1.0 decoding and validation: requests are built with protobufjs and compressed with the snappy
// package (as Prometheus would send them), or crafted byte by byte where the encoder cannot make them.
import protobuf from "protobufjs";
import { compressSync } from "snappy";
import { describe, expect, it } from "vitest";
import {
  checkRemoteWriteHeaders,
  DecodedSeries,
  type DecodedWriteRequest,
  decodeWriteRequest,
  decodeWriteRequestProto,
  hashBytes,
  isLabelError,
  LabelCache,
  type LabelResolution,
  RemoteWriteError,
  type ResolvedLabels,
  resolveLabels,
  sampleTimeError,
  snappyDeclaredLength,
  timestampOk,
  timeWindow,
} from "@/lib/remote-write";

const root = protobuf.parse(`
  syntax = "proto3";
  package prometheus;
  message WriteRequest { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
  message MetricMetadata { int32 type = 1; string metric_family_name = 2; string help = 4; string unit = 5; }
  message TimeSeries {
    repeated Label labels = 1; repeated Sample samples = 2; repeated Exemplar exemplars = 3;
    repeated Histogram histograms = 4;
  }
  message Label { string name = 1; string value = 2; }
  message Sample { double value = 1; int64 timestamp = 2; }
  message Exemplar { repeated Label labels = 1; double value = 2; int64 timestamp = 3; }
  message Histogram { uint64 count_int = 1; double sum = 3; int64 timestamp = 15; }
`).root;
const WriteRequest = root.lookupType("prometheus.WriteRequest");

type LabelPairs = Array<[string, string]>;
interface TS {
  labels: LabelPairs;
  samples?: Array<[number, number]>; // [value, timestamp]
  exemplars?: number;
  histograms?: number;
}

function encode(series: TS[], extra: Record<string, unknown> = {}): Uint8Array {
  const message = WriteRequest.fromObject({
    timeseries: series.map((s) => ({
      labels: s.labels.map(([name, value]) => ({ name, value })),
      samples: (s.samples ?? []).map(([value, timestamp]) => ({ value, timestamp })),
      exemplars: Array.from({ length: s.exemplars ?? 0 }, () => ({
        labels: [{ name: "trace_id", value: "abc" }],
        value: 1,
        timestamp: 5,
      })),
      histograms: Array.from({ length: s.histograms ?? 0 }, () => ({ countInt: 3, sum: 1.5, timestamp: 5 })),
    })),
    ...extra,
  });
  return WriteRequest.encode(message).finish();
}

const snappy = (bytes: Uint8Array): Buffer => compressSync(bytes);

function labelsOf(r: LabelResolution): ResolvedLabels {
  if (isLabelError(r)) throw new Error(`unexpected label error: ${r.error}`);
  return r;
}

function errorOf(r: LabelResolution): string {
  if (!isLabelError(r)) throw new Error(`expected a label error, got ${JSON.stringify(r)}`);
  return r.error;
}

/** A series made from raw label-field bytes (latin1), with its real hash unless one is forced. */
function rawSeries(latin1: string, hash?: number): DecodedSeries {
  const bytes = Buffer.from(latin1, "latin1");
  const labelHash =
    hash ?? hashBytes(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.length), 0, bytes.length);
  return new DecodedSeries(bytes, 0, bytes.length, labelHash, 0, 0);
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

function expectRemoteWriteError(fn: () => unknown, status: number, message?: RegExp): RemoteWriteError {
  const error = catchError(fn);
  expect(error).toBeInstanceOf(RemoteWriteError);
  const e = error as RemoteWriteError;
  expect(e.status).toBe(status);
  if (message) expect(e.message).toMatch(message);
  return e;
}

function samplesOf(d: DecodedWriteRequest, index: number) {
  const s = d.series[index]!;
  return Array.from({ length: s.count }, (_, k) => ({
    ts: d.timestamps[s.start + k]!,
    value: d.values[s.start + k]!,
    stale: d.stale[s.start + k] === 1,
  }));
}

/** Replaces the 8 wire bytes of the double `marker` (first occurrence after a 0x09 tag) with `bits`. */
function patchDouble(bytes: Uint8Array, marker: number, bits: bigint): Uint8Array {
  const want = Buffer.alloc(8);
  want.writeDoubleLE(marker);
  const buf = Buffer.from(bytes);
  const at = buf.indexOf(Buffer.concat([Buffer.from([0x09]), want]));
  expect(at).toBeGreaterThanOrEqual(0);
  buf.writeBigUInt64LE(bits, at + 1);
  return buf;
}

// Hand-made protobuf pieces.
const varint = (n: number): number[] => {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
};
const field = (no: number, wire: number, payload: number[]): number[] =>
  wire === 2
    ? [...varint((no << 3) | 2), ...varint(payload.length), ...payload]
    : [(no << 3) | wire, ...payload];
const str = (s: string | number[]): number[] => (typeof s === "string" ? [...Buffer.from(s, "utf8")] : s);
const label = (name: string | number[], value: string | number[]): number[] =>
  field(1, 2, [...field(1, 2, str(name)), ...field(2, 2, str(value))]);
const sample = (value: number, ts: number): number[] => {
  const d = Buffer.alloc(8);
  d.writeDoubleLE(value);
  return field(2, 2, [...field(1, 1, [...d]), ...field(2, 0, varint(ts))]);
};
const timeseries = (...parts: number[][]): number[] => field(1, 2, parts.flat());

const UP: LabelPairs = [
  ["__name__", "up"],
  ["instance", "host:9100"],
  ["job", "node"],
];

describe("decodeWriteRequest: valid requests", () => {
  it("round-trips labels and samples, NaN, ±Inf, stale markers, zero and negative timestamps", () => {
    const STALE_PLACEHOLDER = 123456.789;
    const raw = encode([
      {
        labels: UP,
        samples: [
          [1, 1_700_000_000_000],
          [0, 0],
          [Number.NaN, 1_700_000_015_000],
          [Number.POSITIVE_INFINITY, -1],
          [Number.NEGATIVE_INFINITY, -1_700_000_000_000],
          [STALE_PLACEHOLDER, 1_700_000_030_000],
        ],
      },
      {
        labels: [
          ["__name__", "http_requests_total"],
          ["code", "200"],
          ["empty", ""],
          ["method", "GET"],
        ],
        samples: [[-2.5e-300, 2 ** 53 - 1]],
      },
      { labels: UP, samples: [[7, 1_700_000_045_000]] },
    ]);
    const body = snappy(patchDouble(raw, STALE_PLACEHOLDER, 0x7ff0000000000002n));
    const d = decodeWriteRequest(body);

    expect(d.samples).toBe(8);
    expect(d.series.map((s) => s.count)).toEqual([6, 1, 1]);
    expect(d.histograms).toBe(0);
    const first = samplesOf(d, 0);
    expect(first.map((s) => s.ts)).toEqual([
      1_700_000_000_000, 0, 1_700_000_015_000, -1, -1_700_000_000_000, 1_700_000_030_000,
    ]);
    expect(first[0]!.value).toBe(1);
    expect(first[1]!.value).toBe(0);
    expect(first[2]!.value).toBeNaN();
    expect(first[3]!.value).toBe(Number.POSITIVE_INFINITY);
    expect(first[4]!.value).toBe(Number.NEGATIVE_INFINITY);
    expect(first[5]!.value).toBeNaN();
    expect(first.map((s) => s.stale)).toEqual([false, false, false, false, false, true]);
    expect(samplesOf(d, 1)).toEqual([{ ts: 2 ** 53 - 1, value: -2.5e-300, stale: false }]);

    // Same label set sent twice: same bytes, same hash, same key; and it resolves to the same labels.
    expect(d.series[2]!.labelHash).toBe(d.series[0]!.labelHash);
    expect(d.series[2]!.rawKey).toBe(d.series[0]!.rawKey);
    expect(d.series[1]!.rawKey).not.toBe(d.series[0]!.rawKey);
    expect(d.series[0]!.labelBytes.subarray(d.series[0]!.labelStart, d.series[0]!.labelEnd)).toEqual(
      Buffer.from(raw.subarray(d.series[0]!.labelStart, d.series[0]!.labelEnd)),
    );

    const up = labelsOf(resolveLabels(d.series[0]!));
    expect(up.name).toBe("up");
    expect(up.labels).toEqual({ instance: "host:9100", job: "node" });
    expect(up.key).toBe('up{"instance":"host:9100","job":"node"}');
    const http = labelsOf(resolveLabels(d.series[1]!));
    expect(http.name).toBe("http_requests_total");
    expect(Object.keys(http.labels)).toEqual(["code", "method"]); // the empty label is dropped
  });

  it("tells the stale marker from other NaNs by their bits", () => {
    const payloads = [0x7ff8000000000000n, 0x7ff0000000000001n, 0xfff0000000000002n, 0x7ff0000000000002n];
    let raw: Uint8Array = encode([
      { labels: UP, samples: payloads.map((_, i) => [1000 + i, i + 1] as [number, number]) },
    ]);
    payloads.forEach((bits, i) => {
      raw = patchDouble(raw, 1000 + i, bits);
    });
    const d = decodeWriteRequestProto(raw);
    expect(samplesOf(d, 0).map((s) => [Number.isNaN(s.value), s.stale])).toEqual([
      [true, false],
      [true, false],
      [true, false],
      [true, true],
    ]);
  });

  it("decodes proto3 defaults, int64 extremes and unsorted labels", () => {
    const raw = Buffer.from(
      [
        // value 0 and timestamp 0 omitted; then the largest int64, the smallest, and -1.
        timeseries(label("job", "x"), label("__name__", "m"), field(2, 2, [])),
        timeseries(
          label("__name__", "m"),
          field(2, 2, [...field(2, 0, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])]),
          field(2, 2, [...field(2, 0, [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])]),
          field(2, 2, [...field(2, 0, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])]),
        ),
      ].flat(),
    );
    const d = decodeWriteRequestProto(raw);
    expect(samplesOf(d, 0)).toEqual([{ ts: 0, value: 0, stale: false }]);
    expect(samplesOf(d, 1).map((s) => s.ts)).toEqual([2 ** 63, -(2 ** 63), -1]);
    expect(labelsOf(resolveLabels(d.series[0]!))).toMatchObject({ name: "m", labels: { job: "x" } });
  });

  it("skips metadata, exemplars, histograms and unknown fields; counts histograms", () => {
    const raw = encode(
      [
        { labels: UP, samples: [[1, 10]], exemplars: 2, histograms: 3 },
        { labels: UP, histograms: 1 },
      ],
      { metadata: [{ type: 1, metricFamilyName: "up", help: "is it up", unit: "" }] },
    );
    const unknown = [...field(9, 0, [5]), ...field(10, 5, [1, 2, 3, 4]), ...field(11, 2, [1, 2])];
    const d = decodeWriteRequestProto(Buffer.concat([Buffer.from(raw), Buffer.from(unknown)]));
    expect(d.series.map((s) => s.count)).toEqual([1, 0]);
    expect(d.histograms).toBe(4);
    expect(samplesOf(d, 0)).toEqual([{ ts: 10, value: 1, stale: false }]);
    expect(labelsOf(resolveLabels(d.series[0]!)).name).toBe("up");
  });

  it("keys a label set by its label bytes even when a sender interleaves labels and samples", () => {
    const contiguous = timeseries(label("__name__", "m"), label("a", "1"), sample(1, 5));
    const interleaved = timeseries(label("__name__", "m"), sample(2, 6), label("a", "1"));
    const d = decodeWriteRequestProto(Buffer.from([...contiguous, ...interleaved]));
    expect(d.series[1]!.rawKey).toBe(d.series[0]!.rawKey);
    expect(d.series[1]!.labelHash).toBe(d.series[0]!.labelHash);
    const cache = new LabelCache();
    expect(resolveLabels(d.series[1]!, cache)).toBe(resolveLabels(d.series[0]!, cache));
    expect(labelsOf(resolveLabels(d.series[1]!))).toMatchObject({ name: "m", labels: { a: "1" } });
    expect(samplesOf(d, 1)).toEqual([{ ts: 6, value: 2, stale: false }]);
  });

  it("accepts an empty request", () => {
    const d = decodeWriteRequest(snappy(new Uint8Array(0)));
    expect(d.series).toEqual([]);
    expect(d.samples).toBe(0);
  });

  it("grows its columns past the first estimate", () => {
    const series: TS[] = Array.from({ length: 300 }, (_, i) => ({
      labels: [["__name__", "m"]],
      samples: Array.from({ length: 5 }, (_, k) => [i * 10 + k, i * 10 + k] as [number, number]),
    }));
    const d = decodeWriteRequest(snappy(encode(series)));
    expect(d.samples).toBe(1500);
    const expected = series.flatMap((s) => s.samples!.map(([v]) => v));
    expect(Array.from(d.timestamps)).toEqual(expected);
    expect(Array.from(d.values)).toEqual(expected);
  });
});

describe("decodeWriteRequest: refused bodies", () => {
  const valid = encode([
    { labels: UP, samples: [[1, 1_700_000_000_000]] },
    { labels: [["__name__", "b"]], samples: [[2, 1_700_000_000_000]] },
  ]);

  it("refuses corrupt snappy with 400", () => {
    for (const body of [
      Buffer.from("definitely not snappy"),
      Buffer.from([0x05, 0xff, 0xff]),
      Buffer.from([0x80]), // header varint never ends
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), // header longer than 5 bytes
      Buffer.concat([snappy(valid), Buffer.from([1, 2, 3])]), // trailing bytes
    ])
      expectRemoteWriteError(() => decodeWriteRequest(body), 400, /body is not valid snappy block data/);
    expectRemoteWriteError(() => decodeWriteRequest(new Uint8Array(0)), 400, /empty/);
  });

  it("refuses a body declaring a huge length with 413, before decompressing", () => {
    const huge = Buffer.from([...varint(4 * 1024 * 1024 * 1024 - 1), 0x00, 0x01, 0x02]);
    expect(snappyDeclaredLength(huge)).toBe(4 * 1024 * 1024 * 1024 - 1);
    expectRemoteWriteError(() => decodeWriteRequest(huge), 413, /4294967295 bytes.*67108864 bytes/);
    const justOver = Buffer.from([...varint(64 * 1024 * 1024 + 1), 0x00]);
    expectRemoteWriteError(() => decodeWriteRequest(justOver), 413);
    // The limit is configurable.
    const body = snappy(valid);
    expectRemoteWriteError(() => decodeWriteRequest(body, { maxDecodedBytes: valid.length - 1 }), 413);
    expect(decodeWriteRequest(body, { maxDecodedBytes: valid.length }).samples).toBe(2);
  });

  it("refuses requests with too many series or samples with 413", () => {
    const three = encode([
      {
        labels: UP,
        samples: [
          [1, 1],
          [2, 2],
        ],
      },
      { labels: UP, samples: [[3, 3]] },
      {
        labels: UP,
        samples: [
          [4, 4],
          [5, 5],
          [6, 6],
        ],
      },
    ]);
    expect(decodeWriteRequestProto(three, { maxSeries: 3, maxSamples: 6 }).samples).toBe(6);
    expectRemoteWriteError(() => decodeWriteRequestProto(three, { maxSeries: 2 }), 413, /more than 2 series/);
    expectRemoteWriteError(
      () => decodeWriteRequestProto(three, { maxSamples: 5 }),
      413,
      /more than 5 samples/,
    );
    expectRemoteWriteError(() => decodeWriteRequest(snappy(three), { maxSamples: 0 }), 413);
    // Two bytes per empty series: a small body must not become millions of objects.
    const bomb = Buffer.alloc(2_000_000);
    for (let i = 0; i < bomb.length; i += 2) bomb[i] = 0x0a;
    expectRemoteWriteError(() => decodeWriteRequest(snappy(bomb), { maxSeries: 10_000 }), 413, /series/);
  });

  it("refuses every truncation of the snappy body with 400", () => {
    const body = snappy(valid);
    for (let cut = 0; cut < body.length; cut++)
      expectRemoteWriteError(() => decodeWriteRequest(body.subarray(0, cut)), 400);
  });

  it("refuses every truncation of a one-series protobuf with 400, nothing returned", () => {
    const one = encode([
      {
        labels: UP,
        samples: [
          [1, 1_700_000_000_000],
          [Number.NaN, 5],
        ],
        exemplars: 1,
      },
    ]);
    for (let cut = 1; cut < one.length; cut++) {
      const part = one.subarray(0, cut);
      expectRemoteWriteError(() => decodeWriteRequestProto(part), 400, /invalid prometheus\.WriteRequest/);
      expectRemoteWriteError(() => decodeWriteRequest(snappy(part)), 400);
    }
  });

  it("cuts of a longer request either fail with 400 or, at a series boundary, decode exactly the series before", () => {
    const series: TS[] = [
      { labels: UP, samples: [[1, 10]] },
      { labels: [["__name__", "b"]], samples: [[2, 20]] },
      { labels: [["__name__", "c"]], samples: [[3, 30]] },
    ];
    const full = encode(series);
    const boundaries = new Map([0, 1, 2].map((n) => [encode(series.slice(0, n)).length, n]));
    for (let cut = 0; cut < full.length; cut++) {
      const n = boundaries.get(cut);
      if (n === undefined) expectRemoteWriteError(() => decodeWriteRequestProto(full.subarray(0, cut)), 400);
      else expect(decodeWriteRequestProto(full.subarray(0, cut)).series).toHaveLength(n);
    }
  });

  it("refuses wrong wire types with 400 naming the field", () => {
    const cases: Array<[number[], RegExp]> = [
      [field(1, 0, [5]), /timeseries has wire type 0/],
      [field(1, 5, [1, 2, 3, 4]), /timeseries has wire type 5/],
      [field(1, 2, field(1, 0, [1])), /timeseries\[0\]: field labels has wire type 0/],
      [field(1, 2, field(2, 1, [0, 0, 0, 0, 0, 0, 0, 0])), /timeseries\[0\]: field samples has wire type 1/],
      [timeseries(field(1, 2, field(1, 0, [3]))), /timeseries\[0\]\.labels\[0\]: field name has wire type 0/],
      [timeseries(field(1, 2, field(2, 5, [1, 2, 3, 4]))), /labels\[0\]: field value has wire type 5/],
      [timeseries(field(2, 2, field(1, 0, [1]))), /samples\[0\]: field value has wire type 0/],
      [timeseries(field(2, 2, field(1, 5, [0, 0, 0, 0]))), /samples\[0\]: field value has wire type 5/],
      [
        timeseries(field(2, 2, field(2, 1, [0, 0, 0, 0, 0, 0, 0, 0]))),
        /samples\[0\]: field timestamp has wire type 1/,
      ],
      [[0x0e], /wire type|invalid/], // wire type 6 does not exist
      [[0x0c], /end-group/],
      [[0x00, 0x00], /field number 0/],
      [[...timeseries(label("__name__", "m")), 0x02, 0x00], /field number 0/],
    ];
    for (const [bytes, message] of cases)
      expectRemoteWriteError(() => decodeWriteRequestProto(Buffer.from(bytes)), 400, message);
  });

  it("refuses lengths that run past their message and over-long varints", () => {
    // A label whose length runs past its TimeSeries, though within the request.
    const inner = field(1, 2, [...field(1, 2, str("__name__")), ...field(2, 2, str("m"))]);
    inner[1] = inner[1]! + 4;
    const bytes = [...field(1, 2, inner), ...field(9, 0, [1, 1, 1, 1])];
    expectRemoteWriteError(() => decodeWriteRequestProto(Buffer.from(bytes)), 400, /truncated|past the end/);
    // An 11-byte varint timestamp.
    const long = timeseries(field(2, 2, [0x10, ...Array(10).fill(0xff), 0x01]));
    expectRemoteWriteError(() => decodeWriteRequestProto(Buffer.from(long)), 400, /varint/);
  });

  it("never throws anything but RemoteWriteError 400 on garbage or mutated requests", () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const base = Buffer.from(valid);
    for (let round = 0; round < 3000; round++) {
      let bytes: Buffer;
      if (round % 3 === 0)
        bytes = Buffer.from(
          Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256)),
        );
      else {
        bytes = Buffer.from(base);
        for (let k = 0; k < 1 + Math.floor(random() * 4); k++)
          bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      }
      let decoded: DecodedWriteRequest | undefined;
      try {
        decoded = decodeWriteRequestProto(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(RemoteWriteError);
        expect((error as RemoteWriteError).status).toBe(400);
      }
      // Whatever decodes, resolves without throwing.
      for (const s of decoded?.series ?? []) resolveLabels(s);
      for (const body of [bytes, snappy(bytes)]) {
        try {
          decodeWriteRequest(body);
        } catch (error) {
          expect(error).toBeInstanceOf(RemoteWriteError);
        }
      }
    }
  });
});

describe("resolveLabels: per-series validation", () => {
  /** Decodes a request whose second series is `bad`, and checks the first still resolves. */
  function resolveBad(bad: number[]): LabelResolution {
    const good = timeseries(label("__name__", "ok"), label("job", "a"), sample(1, 5));
    const d = decodeWriteRequestProto(Buffer.from([...good, ...bad]));
    expect(d.series).toHaveLength(2);
    expect(labelsOf(resolveLabels(d.series[0]!)).name).toBe("ok");
    return resolveLabels(d.series[1]!);
  }

  it("rejects invalid UTF-8 in a label value, naming the series and the label", () => {
    const error = errorOf(resolveBad(timeseries(label("__name__", "up"), label("job", [0x61, 0xff, 0x62]))));
    expect(error).toMatch(/^series up\{job="a\uFFFDb"\}: value of label "job" is not valid UTF-8$/);
    // Overlong encodings and lone surrogates are invalid too.
    expect(errorOf(resolveBad(timeseries(label("__name__", "up"), label("x", [0xc0, 0xaf]))))).toMatch(
      /UTF-8/,
    );
    expect(errorOf(resolveBad(timeseries(label("__name__", "up"), label("x", [0xed, 0xa0, 0x80]))))).toMatch(
      /UTF-8/,
    );
  });

  it("rejects invalid UTF-8 in a label name", () => {
    const error = errorOf(resolveBad(timeseries(label("__name__", "up"), label([0x6a, 0xc3], "v"))));
    expect(error).toMatch(/^series .*up.*: label name "j\uFFFD" is not valid UTF-8$/);
  });

  it("keeps valid non-ASCII values and a leading BOM as sent", () => {
    const r = labelsOf(resolveBad(timeseries(label("__name__", "up"), label("city", "\uFEFFZürich 東京"))));
    expect(r.labels.city).toBe("\uFEFFZürich 東京");
  });

  it("rejects a series without a metric name, or with an empty one", () => {
    expect(errorOf(resolveBad(timeseries(label("job", "a"), sample(1, 1))))).toBe(
      'series {job="a"}: no metric name (__name__ label missing or empty)',
    );
    expect(errorOf(resolveBad(timeseries(label("__name__", ""), label("job", "a"))))).toMatch(
      /no metric name/,
    );
    expect(errorOf(resolveBad(timeseries()))).toMatch(/^series \{\}: no metric name/);
  });

  it("rejects invalid metric names", () => {
    for (const name of ["1up", "up-time", "up time", "ü", "a.b"])
      expect(errorOf(resolveBad(timeseries(label("__name__", name), label("job", "a"))))).toBe(
        `series {__name__=${JSON.stringify(name)}, job="a"}: invalid metric name ${JSON.stringify(name)} (must match [a-zA-Z_:][a-zA-Z0-9_:]*)`,
      );
    for (const name of ["up", "_x", ":a:b", "node_cpu_seconds_total", "job:rate5m:sum"])
      expect(labelsOf(resolveBad(timeseries(label("__name__", name)))).name).toBe(name);
  });

  it("rejects invalid label names", () => {
    for (const name of ["foo-bar", "1abc", "a:b", "", "é"])
      expect(errorOf(resolveBad(timeseries(label("__name__", "up"), label(name, "v"))))).toBe(
        `series up{${name}="v"}: invalid label name ${JSON.stringify(name)} (must match [a-zA-Z_][a-zA-Z0-9_]*)`,
      );
    // Invalid even when the value is empty (the label would have been dropped).
    expect(errorOf(resolveBad(timeseries(label("__name__", "up"), label("bad-name", ""))))).toMatch(
      /invalid label name "bad-name"/,
    );
  });

  it("rejects duplicate label names, __name__ included", () => {
    expect(
      errorOf(resolveBad(timeseries(label("__name__", "up"), label("job", "a"), label("job", "b")))),
    ).toBe('series up{job="a", job="b"}: duplicate label name "job"');
    expect(errorOf(resolveBad(timeseries(label("__name__", "up"), label("__name__", "down"))))).toMatch(
      /duplicate label name "__name__"/,
    );
  });

  it("drops labels with empty values", () => {
    const r = labelsOf(
      resolveBad(timeseries(label("__name__", "up"), label("a", ""), label("b", "1"), label("c", ""))),
    );
    expect(r.labels).toEqual({ b: "1" });
    expect(r.key).toBe('up{"b":"1"}');
  });

  it("sorts labels and keeps any name as an own property", () => {
    const r = labelsOf(
      resolveBad(
        timeseries(label("zone", "z"), label("__name__", "up"), label("__proto__", "p"), label("a", "1")),
      ),
    );
    expect(Object.keys(r.labels)).toEqual(["__proto__", "a", "zone"]);
    expect(Object.hasOwn(r.labels, "__proto__")).toBe(true);
  });

  it("caches resolutions by raw key, errors included, and stays bounded", () => {
    const d = decodeWriteRequest(
      snappy(
        encode([
          { labels: UP, samples: [[1, 1]] },
          { labels: UP, samples: [[2, 2]] },
          { labels: [["job", "no-name"]], samples: [[3, 3]] },
        ]),
      ),
    );
    const cache = new LabelCache(2);
    const a = resolveLabels(d.series[0]!, cache);
    expect(resolveLabels(d.series[1]!, cache)).toBe(a);
    const bad = resolveLabels(d.series[2]!, cache);
    expect(isLabelError(bad)).toBe(true);
    expect(resolveLabels(d.series[2]!, cache)).toBe(bad);
    expect(cache.size).toBe(2);
    resolveLabels(rawSeries("\x0a\x0d\x0a\x08__name__\x12\x01x"), cache); // a third: the full cache is emptied first
    expect(cache.size).toBe(1);
    expect(resolveLabels(d.series[0]!, cache)).not.toBe(a);
    expect(resolveLabels(d.series[0]!, cache)).toEqual(a);
  });

  it("answers an error for a raw key that is not label fields", () => {
    expect(errorOf(resolveLabels(rawSeries("garbage")))).toMatch(/not valid Label messages/);
    expect(labelsOf(resolveLabels(rawSeries("\x0a\x0d\x0a\x08__name__\x12\x01x"))).name).toBe("x");
  });

  it("tells apart different label bytes whose hashes collide", () => {
    const a = rawSeries(String.fromCharCode(...label("__name__", "a")), 42);
    const b = rawSeries(String.fromCharCode(...label("__name__", "b")), 42);
    const a2 = new DecodedSeries(
      Buffer.concat([Buffer.from("xx"), a.labelBytes]),
      2,
      2 + a.labelEnd,
      42,
      0,
      0,
    );
    const cache = new LabelCache();
    const ra = labelsOf(resolveLabels(a, cache));
    const rb = labelsOf(resolveLabels(b, cache));
    expect([ra.name, rb.name]).toEqual(["a", "b"]);
    expect(resolveLabels(a, cache)).toBe(ra);
    expect(resolveLabels(b, cache)).toBe(rb);
    expect(resolveLabels(a2, cache)).toBe(ra); // same bytes elsewhere in another buffer
    expect(cache.size).toBe(2);
  });
});

describe("sample timestamps", () => {
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const series = labelsOf(
    resolveLabels(
      decodeWriteRequestProto(Buffer.from(timeseries(label("__name__", "up"), label("job", "a")))).series[0]!,
    ),
  );

  it("accepts up to 10 minutes ahead by default and rejects later samples, naming series and timestamp", () => {
    const window = timeWindow({ nowMs: now });
    expect(timestampOk(now + 10 * 60_000, window)).toBe(true);
    expect(sampleTimeError(now + 10 * 60_000, window, series)).toBeNull();
    expect(sampleTimeError(now - 365 * 86_400_000, window, series)).toBeNull();
    expect(sampleTimeError(0, window, series)).toBeNull();
    expect(sampleTimeError(-1, window, series)).toBeNull();
    const late = now + 10 * 60_000 + 1;
    expect(timestampOk(late, window)).toBe(false);
    expect(sampleTimeError(late, window, series)).toBe(
      `sample too far in the future: timestamp ${late} (2026-01-15T12:10:00.001Z) is more than 10 min ahead of the receiver's clock (2026-01-15T12:00:00.000Z), series up{job="a"}`,
    );
  });

  it("takes maxFutureMs as an option", () => {
    const window = timeWindow({ nowMs: now, maxFutureMs: 30_000 });
    expect(sampleTimeError(now + 30_000, window, series)).toBeNull();
    expect(sampleTimeError(now + 30_001, window, series)).toMatch(/more than 30 s ahead.*up\{job="a"\}/);
  });

  it("rejects timestamps outside what a Date can hold", () => {
    const window = timeWindow({ nowMs: now, maxFutureMs: Number.MAX_SAFE_INTEGER });
    expect(sampleTimeError(8.64e15, window, series)).toBeNull();
    expect(sampleTimeError(-8.64e15, window, series)).toBeNull();
    for (const ts of [8.64e15 + 1, -8.64e15 - 1, 2 ** 63, -(2 ** 63)])
      expect(sampleTimeError(ts, window, series)).toMatch(
        /^sample timestamp .* is out of range.*series up\{job="a"\}$/,
      );
  });
});

describe("checkRemoteWriteHeaders", () => {
  const ok = {
    "content-encoding": "snappy",
    "content-type": "application/x-protobuf",
    "x-prometheus-remote-write-version": "0.1.0",
  };
  const check = (headers: Record<string, string | undefined>) => () =>
    checkRemoteWriteHeaders(
      new Headers(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined)),
    );

  it("accepts what 1.0 senders send", () => {
    for (const headers of [
      ok,
      { ...ok, "x-prometheus-remote-write-version": undefined },
      { ...ok, "x-prometheus-remote-write-version": "0.1" },
      { ...ok, "content-encoding": "Snappy" },
      { ...ok, "content-type": "application/x-protobuf;proto=prometheus.WriteRequest" },
      { ...ok, "content-type": 'Application/X-Protobuf; proto="prometheus.WriteRequest"' },
      { ...ok, "content-type": undefined }, // as Prometheus's receiver: no Content-Type means 1.0
    ])
      expect(check(headers)).not.toThrow();
  });

  it("refuses a missing or other Content-Encoding with 415", () => {
    expectRemoteWriteError(
      check({ ...ok, "content-encoding": undefined }),
      415,
      /Content-Encoding header is missing.*Content-Encoding: snappy/,
    );
    expectRemoteWriteError(
      check({ ...ok, "content-encoding": "gzip" }),
      415,
      /^Content-Encoding "gzip" is not supported; expected Content-Encoding: snappy$/,
    );
    expectRemoteWriteError(check({ ...ok, "content-encoding": "zstd" }), 415, /"zstd"/);
  });

  it("refuses remote write 2.0 with 415 and says how to configure the sender", () => {
    const e = expectRemoteWriteError(
      check({
        ...ok,
        "content-type": "application/x-protobuf;proto=io.prometheus.write.v2.Request",
        "x-prometheus-remote-write-version": "2.0.0",
      }),
      415,
    );
    expect(e.message).toBe(
      "remote write 2.0 (io.prometheus.write.v2.Request) is not supported; configure the sender with protobuf_message: prometheus.WriteRequest",
    );
    expectRemoteWriteError(
      check({ ...ok, "x-prometheus-remote-write-version": "2.0.0" }),
      415,
      /X-Prometheus-Remote-Write-Version "2\.0\.0".*protobuf_message: prometheus\.WriteRequest/,
    );
  });

  it("refuses other content types, messages and versions with 415", () => {
    expectRemoteWriteError(
      check({ ...ok, "content-type": "application/json" }),
      415,
      /^Content-Type "application\/json" is not supported; expected Content-Type: application\/x-protobuf$/,
    );
    expectRemoteWriteError(
      check({ ...ok, "content-type": "application/x-protobuf;proto=foo.Bar" }),
      415,
      /protobuf message "foo\.Bar"; only prometheus\.WriteRequest is supported/,
    );
    expectRemoteWriteError(
      check({ ...ok, "x-prometheus-remote-write-version": "0.2.0" }),
      415,
      /X-Prometheus-Remote-Write-Version "0\.2\.0" is not supported/,
    );
  });
});

describe("decode throughput (logged, not asserted)", () => {
  it("decodes a Prometheus-shaped request: 2,000 samples, one per series, 10 labels, 500 distinct series", () => {
    const distinct: LabelPairs[] = Array.from({ length: 500 }, (_, i) => [
      ["__name__", `node_metric_${i % 25}_total`],
      ["cluster", "prod-eu-west-1"],
      ["container", "node-exporter"],
      ["device", `eth${i % 4}`],
      ["endpoint", "metrics"],
      ["instance", `10.0.${Math.floor(i / 20)}.${i % 20}:9100`],
      ["job", "node-exporter"],
      ["namespace", "monitoring"],
      ["pod", `node-exporter-${(i * 7919).toString(36)}`],
      ["service", "node-exporter"],
    ]);
    const now = Date.now();
    const series: TS[] = Array.from({ length: 2000 }, (_, i) => ({
      labels: distinct[i % 500]!,
      samples: [[i * 1.25, now - 15_000 * Math.floor(i / 500)]],
    }));
    const body = snappy(encode(series));
    const cache = new LabelCache();
    const window = timeWindow();
    const run = () => {
      const d = decodeWriteRequest(body);
      let accepted = 0;
      for (const s of d.series) {
        const r = resolveLabels(s, cache);
        if (isLabelError(r)) continue;
        for (let i = s.start; i < s.start + s.count; i++)
          if (timestampOk(d.timestamps[i]!, window)) accepted++;
      }
      return accepted;
    };
    expect(run()).toBe(2000);
    for (let i = 0; i < 200; i++) run(); // warm up
    const rounds = 1000;
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) run();
    const seconds = (performance.now() - t0) / 1000;
    const perSecond = Math.round((rounds * 2000) / seconds);
    console.log(
      `remote-write decode (snappy + protobuf + cached labels + time check): ${perSecond.toLocaleString("en")} samples/s, ${body.length} bytes compressed per 2,000 samples`,
    );
    expect(cache.size).toBe(500);
  });
});
