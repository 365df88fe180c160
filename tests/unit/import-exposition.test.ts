// The streaming parser of POST /api/v1/import/prometheus (lib/import/exposition.ts). Expected results follow
// Prometheus 2.42's model/textparse parsers; the tricky ones were checked against those parsers built from
// Debian's prometheus 2.42.0 source (tests/integration/import-exposition-promtool.test.ts checks OpenMetrics
// files against the real promtool).
//
// Speed (not asserted): on the development machine (2 cores, Node 20), 200 MB of typical lines
// (`http_requests_total{method="post",code="200",handler="/api/v1/query_range",instance="10.0.0.7:9090"} 1.5
// 1700000000000` and the like) fed in 64 KiB chunks parsed at about 93 MB/s in both formats (~1M samples/s).
import { describe, expect, test } from "vitest";
import {
  type ExpositionFormat,
  ExpositionParser,
  formatFromContentType,
  type ParseBatch,
} from "../../lib/import/exposition";
import { parseGoFloat } from "../../lib/import/go-float";

const encoder = new TextEncoder();
const bytes = (s: string) => encoder.encode(s);

/** The whole body in one chunk, then end(): everything it yielded. */
function parse(format: ExpositionFormat, body: string | Uint8Array, maxLineBytes?: number): ParseBatch {
  const parser = new ExpositionParser(format, maxLineBytes ? { maxLineBytes } : undefined);
  const first = parser.push(typeof body === "string" ? bytes(body) : body);
  const last = parser.end();
  return { samples: [...first.samples, ...last.samples], errors: [...first.errors, ...last.errors] };
}
const prom = (body: string | Uint8Array) => parse("prometheus", body);
const om = (body: string | Uint8Array) => parse("openmetrics", body);

/** The single error of a one-line Prometheus-format body (and no sample). */
function promError(line: string): string {
  const { samples, errors } = prom(`${line}\n`);
  expect(samples).toEqual([]);
  expect(errors).toHaveLength(1);
  return errors[0]!.message;
}
/** The single error of a one-line OpenMetrics body followed by "# EOF" (and no sample). */
function omError(line: string): string {
  const { samples, errors } = om(`${line}\n# EOF\n`);
  expect(samples).toEqual([]);
  expect(errors).toHaveLength(1);
  return errors[0]!.message;
}
/** The value of a one-line body's sample. */
function promValue(text: string): number {
  const { samples, errors } = prom(`m ${text} 1\n`);
  expect(errors).toEqual([]);
  return samples[0]!.value;
}

describe("formatFromContentType", () => {
  test("OpenMetrics, text format, missing, unsupported", () => {
    expect(formatFromContentType("application/openmetrics-text; version=1.0.0; charset=utf-8")).toBe(
      "openmetrics",
    );
    expect(formatFromContentType("application/openmetrics-text")).toBe("openmetrics");
    expect(formatFromContentType("Application/OpenMetrics-Text;version=0.0.1")).toBe("openmetrics");
    expect(formatFromContentType("text/plain; version=0.0.4; charset=utf-8")).toBe("prometheus");
    expect(formatFromContentType("text/plain")).toBe("prometheus");
    expect(formatFromContentType("TEXT/PLAIN ;version=1.0")).toBe("prometheus");
    expect(formatFromContentType(null)).toBe("prometheus");
    expect(formatFromContentType("")).toBe("prometheus");
    expect(formatFromContentType("application/json")).toBeNull();
    expect(
      formatFromContentType("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily"),
    ).toBeNull();
    expect(formatFromContentType("text/html")).toBeNull();
    expect(formatFromContentType("text/plainx")).toBeNull();
  });
});

describe("Prometheus text format", () => {
  test("samples with labels, comments, metadata and blank lines", () => {
    const body = [
      "# HELP http_requests_total The total number of HTTP requests.",
      "# TYPE http_requests_total counter",
      'http_requests_total{method="post",code="200"} 1027 1395066363000',
      'http_requests_total{method="post",code="400"}    3 1395066363000',
      "",
      "   \t ",
      "# A normal comment",
      "#no blank after the hash",
      "# UNIT is no keyword in this format",
      "metric_without_labels 12.47 1395066363001",
      'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9 5',
      'rpc_duration_seconds{quantile="0.5",} 4773 6',
      "a:b:c_total 1 7",
    ].join("\n");
    const { samples, errors } = prom(body);
    expect(errors).toEqual([]);
    expect(samples).toEqual([
      {
        name: "http_requests_total",
        labels: { method: "post", code: "200" },
        ts: 1395066363000,
        value: 1027,
        line: 3,
      },
      {
        name: "http_requests_total",
        labels: { method: "post", code: "400" },
        ts: 1395066363000,
        value: 3,
        line: 4,
      },
      { name: "metric_without_labels", labels: {}, ts: 1395066363001, value: 12.47, line: 10 },
      {
        name: "msdos_file_access_time_seconds",
        labels: { path: "C:\\DIR\\FILE.TXT", error: 'Cannot find file:\n"FILE.TXT"' },
        ts: 5,
        value: 1.458255915e9,
        line: 11,
      },
      { name: "rpc_duration_seconds", labels: { quantile: "0.5" }, ts: 6, value: 4773, line: 12 },
      { name: "a:b:c_total", labels: {}, ts: 7, value: 1, line: 13 },
    ]);
  });

  test("blanks are allowed between all tokens, and needed between none but value and timestamp", () => {
    // promlex.l skips [ \t]+ everywhere; the value token is [^{ \t\n]+ and may follow the name or "}" directly,
    // and parseLVals() does not require a comma between pairs. Leading blanks are allowed (Prometheus 2.42 keeps
    // them in the metric name, which we do not).
    const { samples, errors } = prom(
      [
        '  \tm  {  a = "1" ,\tb= "2" , }  \t 5 \t 6  \t',
        'm{a="1"b="2"}7 8',
        "up+1 9",
        "up-1 10",
        "up.5 11",
        "m{} 1 12",
        "m {} 1 13",
      ].join("\n"),
    );
    expect(errors).toEqual([]);
    expect(samples.map(({ name, labels, value, ts }) => ({ name, labels, value, ts }))).toEqual([
      { name: "m", labels: { a: "1", b: "2" }, value: 5, ts: 6 },
      { name: "m", labels: { a: "1", b: "2" }, value: 7, ts: 8 },
      { name: "up", labels: {}, value: 1, ts: 9 },
      { name: "up", labels: {}, value: -1, ts: 10 },
      { name: "up", labels: {}, value: 0.5, ts: 11 },
      { name: "m", labels: {}, value: 1, ts: 12 },
      { name: "m", labels: {}, value: 1, ts: 13 },
    ]);
  });

  test("every sample needs an integer millisecond timestamp", () => {
    expect(promError("up 1")).toBe(
      "line 1: sample has no timestamp; the import needs explicit timestamps (add the time in milliseconds since the epoch after the value, e.g. `foo 1 1700000000500`)",
    );
    expect(promError('up{a="b"} 1   ')).toMatch(/^line 1: sample has no timestamp/);
    expect(promError("up 1 1.5")).toBe('line 1: unexpected "." after the timestamp');
    expect(promError("up 1 -5")).toBe(
      'line 1: expected a timestamp (integer milliseconds since the epoch) after the value, found "-"',
    );
    expect(promError("up 1 1e3")).toBe('line 1: unexpected "e" after the timestamp');
    expect(promError("up 1 2 3")).toBe('line 1: unexpected "3" after the timestamp');
    // Leading zeros are fine (strconv.ParseInt); beyond what a Date holds is out of range.
    expect(prom("up 1 0017\n").samples[0]!.ts).toBe(17);
    expect(prom("up 1 8640000000000000\n").samples[0]!.ts).toBe(8.64e15);
    expect(promError("up 1 8640000000000001")).toBe(
      'line 1: the timestamp "8640000000000001" is out of range',
    );
    expect(promError("up 1 99999999999999999999999")).toMatch(/out of range/);
  });

  test("invalid lines name their line and do not stop the parse", () => {
    const body = [
      "ok 1 1",
      "1bad 1 1",
      "ok 2 2",
      'ok{a="x} 1 1',
      "ok 3 3",
      "# TYPE ok countr",
      "ok 4 4",
    ].join("\n");
    const { samples, errors } = prom(body);
    expect(samples.map((s) => [s.line, s.value])).toEqual([
      [1, 1],
      [3, 2],
      [5, 3],
      [7, 4],
    ]);
    expect(errors).toEqual([
      { line: 2, message: 'line 2: expected a metric name, a comment or a blank line, found "1"' },
      {
        line: 4,
        message:
          'line 4: the value of the label "a" has no closing quote on this line (write a newline in a label value as \\n)',
      },
      {
        line: 6,
        message:
          'line 6: invalid metric type "countr" for ok (expected counter, gauge, histogram, summary or untyped)',
      },
    ]);
  });

  test("syntax errors", () => {
    expect(promError('m{1a="x"} 1 1')).toBe('line 1: expected a label name or "}", found "1"');
    expect(promError('m{a:b="x"} 1 1')).toBe('line 1: expected "=" after the label name "a", found ":"');
    expect(promError("m{a=x} 1 1")).toBe('line 1: expected a quoted value for the label "a", found "x"');
    expect(promError('m{a="x",,b="y"} 1 1')).toBe('line 1: expected a label name or "}", found ","');
    expect(promError("m{,} 1 1")).toBe('line 1: expected a label name or "}", found ","');
    expect(promError('m{a="x"')).toBe('line 1: expected a label name or "}", found the end of the line');
    expect(promError("m")).toBe("line 1: expected a value after the metric name, found the end of the line");
    expect(promError('m{a="x"}{b="y"} 1 1')).toBe(
      'line 1: expected a value after the metric name, found "{"',
    );
    expect(promError("m 1{ 1")).toBe(
      'line 1: expected a timestamp (integer milliseconds since the epoch) after the value, found "{"',
    );
    expect(promError('{a="x"} 1 1')).toBe(
      'line 1: expected a metric name, a comment or a blank line, found "{"',
    );
    expect(promError('m{a="\\"} 1 1')).toMatch(/has no closing quote/);
    expect(promError("# HELP 1abc x")).toBe('line 1: expected a metric name after "# HELP"');
    expect(promError("# HELP ")).toBe('line 1: expected a metric name after "# HELP"');
    expect(promError("# TYPE m")).toBe(
      'line 1: invalid metric type "" for m (expected counter, gauge, histogram, summary or untyped)',
    );
    expect(promError("# TYPE m  counter")).toMatch(/invalid metric type " counter"/);
    expect(promError("# TYPE m gaugehistogram")).toMatch(/invalid metric type "gaugehistogram"/);
  });

  test("comments and HELP text: what Prometheus accepts", () => {
    // "# HELP" without a name is a comment; HELP text may be anything valid in UTF-8, even empty.
    const ok = [
      "# HELP",
      "#HELP x y",
      "# HELP m",
      "# HELP m   ",
      "# HELP m \\n ünïcödé",
      "# TYPE\tm\tuntyped",
      "#",
    ];
    expect(prom(ok.join("\n"))).toEqual({ samples: [], errors: [] });
    // Any bytes in a plain comment, even invalid UTF-8; only the HELP text is checked.
    const comment = new Uint8Array([...bytes("# comment "), 0xff, 0xfe, 10, ...bytes("m 1 2\n")]);
    expect(prom(comment)).toEqual({
      samples: [{ name: "m", labels: {}, ts: 2, value: 1, line: 2 }],
      errors: [],
    });
    const help = new Uint8Array([...bytes("# HELP m text "), 0xff, 10]);
    expect(prom(help).errors).toEqual([
      { line: 1, message: "line 1: the HELP text of m is not valid UTF-8" },
    ]);
  });

  test("values: everything Go's ParseFloat accepts as Prometheus uses it", () => {
    expect(promValue("NaN")).toBeNaN();
    expect(promValue("nan")).toBeNaN();
    expect(promValue("NAN")).toBeNaN();
    expect(promValue("+Inf")).toBe(Infinity);
    expect(promValue("Inf")).toBe(Infinity);
    expect(promValue("inf")).toBe(Infinity);
    expect(promValue("-Inf")).toBe(-Infinity);
    expect(promValue("+infinity")).toBe(Infinity);
    expect(promValue("-INFINITY")).toBe(-Infinity);
    expect(promValue("1e3")).toBe(1000);
    expect(promValue("1E+3")).toBe(1000);
    expect(promValue("-2.5e-3")).toBe(-0.0025);
    expect(promValue(".5")).toBe(0.5);
    expect(promValue("5.")).toBe(5);
    expect(promValue("+7")).toBe(7);
    expect(promValue("007")).toBe(7);
    expect(Object.is(promValue("-0"), -0)).toBe(true);
    expect(promValue("1e-400")).toBe(0); // underflow is no error in Go
    expect(promValue("1.7976931348623157e308")).toBe(Number.MAX_VALUE);
    expect(promValue("4.9e-324")).toBe(Number.MIN_VALUE);
    expect(promValue("0.1000000000000000055511151231257827021181583404541015625")).toBe(0.1);
    expect(promError("m 1e400 1")).toBe('line 1: the value "1e400" is out of the float64 range');
    expect(promError("m 1.7976931348623159e308 1")).toMatch(/out of the float64 range/);
    // Hex floats need a "p" exponent, which Prometheus forbids along with "_" (pre-Go 1.13 syntax).
    expect(promError("m 0x1p3 1")).toMatch(/"0x1p3" is not a decimal number/);
    expect(promError("m 0x10 1")).toMatch(/"0x10" is not a decimal number/);
    expect(promError("m 1_000 1")).toMatch(/"1_000" is not a decimal number/);
    for (const bad of [
      "+nan",
      "-NaN",
      "infin",
      "infinityy",
      "1e",
      "e5",
      ".",
      "1.2.3",
      "1,5",
      "one",
      "1e5.5",
      "--1",
    ]) {
      expect(promError(`m ${bad} 1`)).toMatch(
        /^line 1: the value ".*" is (not a number|not a decimal number)/,
      );
    }
  });

  test("escapes in label values", () => {
    const { samples, errors } = prom(
      String.raw`m{a="back\\slash",b="quote\"",c="new\nline",d="tab\t",e="\\n",f="日本 😀",g="\\\"",h="x\y"} 1 1` +
        "\n",
    );
    expect(errors).toEqual([]);
    expect(samples[0]!.labels).toEqual({
      a: "back\\slash",
      b: 'quote"',
      c: "new\nline",
      d: "tab\\t", // unknown escapes stay as they are
      e: "\\n",
      f: "日本 😀",
      g: '\\"',
      h: "x\\y",
    });
  });

  test("empty label values are absent labels; duplicate names are errors", () => {
    // tsdb/head_append.go: lset.WithoutEmpty(), then HasDuplicateLabelNames().
    const { samples, errors } = prom(
      [
        'm{a="",b="x"} 1 1',
        'm{a="",a="y"} 1 2',
        'm{__name__=""} 1 3',
        'm{a="1",a="2"} 1 4',
        'm{__name__="n"} 1 5',
      ].join("\n"),
    );
    expect(samples.map((s) => [s.labels, s.ts])).toEqual([
      [{ b: "x" }, 1],
      [{ a: "y" }, 2],
      [{}, 3],
    ]);
    expect(errors).toEqual([
      { line: 4, message: 'line 4: duplicate label name "a"' },
      {
        line: 5,
        message:
          'line 5: duplicate label name "__name__" (the metric name m is already given before the braces)',
      },
    ]);
  });

  test("label names that are also Object.prototype properties", () => {
    const { samples, errors } = prom(
      'm{__proto__="p",constructor="c",toString="t",hasOwnProperty="h"} 1 1\n',
    );
    expect(errors).toEqual([]);
    const labels = samples[0]!.labels;
    expect(Object.keys(labels)).toEqual(["__proto__", "constructor", "toString", "hasOwnProperty"]);
    expect(Object.getOwnPropertyDescriptor(labels, "__proto__")?.value).toBe("p");
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(labels))).toEqual(labels);
    expect(prom('m{toString="a",toString="b"} 1 1\n').errors[0]!.message).toBe(
      'line 1: duplicate label name "toString"',
    );
  });

  test("invalid UTF-8, byte order mark, CRLF and NUL bytes", () => {
    const invalid = new Uint8Array([...bytes('m{a="'), 0xc3, 0x28, ...bytes('"} 1 1\nok 1 1\n')]);
    expect(prom(invalid)).toEqual({
      samples: [{ name: "ok", labels: {}, ts: 1, value: 1, line: 2 }],
      errors: [{ line: 1, message: "line 1: invalid UTF-8" }],
    });
    expect(promError("\ufeffm 1 1")).toBe(
      "line 1: unexpected byte order mark (BOM); the input must not start with one",
    );
    // Prometheus has no rule for "\r": CRLF fails on sample lines (but not on comments).
    const crlf = prom('# HELP m x\r\nm 1 1\r\nm{a="b"} 2\r\n');
    expect(crlf.samples).toEqual([]);
    expect(crlf.errors.map((e) => e.message)).toEqual([
      "line 2: unexpected a carriage return (CRLF line endings are not accepted) after the timestamp",
      'line 3: the value "2\\r" is not a number (the line ends with a carriage return: CRLF line endings are not accepted)',
    ]);
    // promlex.l ends the whole input at a NUL byte in some places; we report it and go on.
    expect(prom("m 1 1\n\0\nm 2 2\n")).toEqual({
      samples: [
        { name: "m", labels: {}, ts: 1, value: 1, line: 1 },
        { name: "m", labels: {}, ts: 2, value: 2, line: 3 },
      ],
      errors: [
        { line: 2, message: "line 2: unexpected NUL byte (Prometheus would stop reading the input here)" },
      ],
    });
    expect(promError("#x\0")).toMatch(/NUL byte/);
    // …and skips NUL bytes in label values, where they stay.
    expect(prom('m{a="x\0y"} 1 1\n').samples[0]!.labels).toEqual({ a: "x\0y" });
  });
});

describe("OpenMetrics", () => {
  test("samples of every type, metadata, exemplars, _created", () => {
    const body = [
      "# TYPE acme_http_router_request_seconds summary",
      "# UNIT acme_http_router_request_seconds seconds",
      "# HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.",
      'acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32 1700000000',
      'acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0 1700000000.5',
      'acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0 1700000000.123',
      "# TYPE foo counter",
      'foo_total 17.0 1700000001 # {trace_id="KOO5S4vxi0o"} 0.67',
      "foo_total 18.0 1700000002 # {} 1 1700000001.5",
      "# TYPE h histogram",
      'h_bucket{le="+Inf"} 3 1700000003 # {a="b",c="d"} NaN',
      "# TYPE s stateset",
      's{s="a"} 1 1700000004',
      "# TYPE i info",
      'i_info{version="1.0"} 1 1700000005',
      "# EOF",
    ].join("\n");
    const { samples, errors } = om(body);
    expect(errors).toEqual([]);
    expect(samples.map(({ name, ts, value, line }) => [name, ts, value, line])).toEqual([
      ["acme_http_router_request_seconds_sum", 1700000000000, 9036.32, 4],
      ["acme_http_router_request_seconds_count", 1700000000500, 807283, 5],
      ["acme_http_router_request_seconds_created", 1700000000123, 1605281325, 6],
      ["foo_total", 1700000001000, 17, 8],
      ["foo_total", 1700000002000, 18, 9],
      ["h_bucket", 1700000003000, 3, 11],
      ["s", 1700000004000, 1, 13],
      ["i_info", 1700000005000, 1, 15],
    ]);
    expect(samples[0]!.labels).toEqual({ path: "/api/v1", method: "GET" });
    expect(samples[5]!.labels).toEqual({ le: "+Inf" });
  });

  test("timestamps are seconds, converted to ms as int64(ts * 1000) truncates the float product", () => {
    const ts = (t: string) => {
      const { samples, errors } = om(`m 1 ${t}\n# EOF\n`);
      expect(errors).toEqual([]);
      return samples[0]!.ts;
    };
    expect(ts("1700000000")).toBe(1700000000000);
    expect(ts("1700000000.123")).toBe(1700000000123);
    expect(ts("1700000000.1239")).toBe(1700000000123);
    expect(ts("1700000000.9999")).toBe(1700000000999);
    expect(ts("1700000000.999999999")).toBe(1700000001000); // the nearest float64 is 1700000001
    expect(ts("1.7e9")).toBe(1700000000000);
    expect(ts("+1700000000.5")).toBe(1700000000500);
    expect(ts("-1.5")).toBe(-1500);
    expect(ts("0")).toBe(0);
    // The float product, not the decimal: 1.005 * 1000 = 1004.9999999999999 and 1.001 * 1000 =
    // 1000.9999999999999 in float64, so Prometheus stores 1004 and 1000 (checked against Prometheus 2.42).
    expect(ts("1.005")).toBe(1004);
    expect(ts("1.001")).toBe(1000);
    expect(ts("2.002")).toBe(2001);
    expect(ts("1.0000005")).toBe(1000);
    expect(ts("0.0005")).toBe(0);
    expect(Object.is(ts("-0.0005"), 0)).toBe(true); // truncated toward zero, and no -0
    expect(ts("8640000000000")).toBe(8.64e15);
    expect(omError("m 1 8640000000000.001")).toBe(
      'line 1: the timestamp "8640000000000.001" is out of range',
    );
    expect(omError("m 1 NaN")).toBe('line 1: the timestamp "NaN" is not a finite number of seconds');
    expect(omError("m 1 +Inf")).toBe('line 1: the timestamp "+Inf" is not a finite number of seconds');
    expect(omError("m 1 0x10")).toMatch(/the timestamp "0x10" is not a decimal number/);
    expect(omError("m 1 1_700_000_000")).toMatch(/is not a decimal number/);
    expect(omError("m 1")).toBe(
      "line 1: sample has no timestamp; the import needs explicit timestamps (add the time in seconds since the epoch after the value, e.g. `foo 1 1700000000.5`)",
    );
    expect(omError('m_total 1 # {a="b"} 1 1700000000')).toMatch(/^line 1: sample has no timestamp/);
  });

  test("NaN and infinities as values", () => {
    const { samples, errors } = om("a 1 1\nb NaN 1\nc +Inf 1\nd -Inf 1\ne inf 1\n# EOF\n");
    expect(errors).toEqual([]);
    expect(samples.map((s) => s.value)).toEqual([1, Number.NaN, Infinity, -Infinity, Infinity]);
  });

  test("spacing is strict: single spaces, no blanks inside braces, no trailing comma", () => {
    expect(omError("m  1 1")).toBe('line 1: expected a value after the space, found " "');
    expect(omError("m\t1 1")).toBe(
      'line 1: expected a single space and a value after the metric, found "\\t"',
    );
    expect(omError("m 1  1")).toBe('line 1: expected a timestamp after the space, found " "');
    expect(omError("m 1 1 ")).toBe('line 1: unexpected " " after the timestamp');
    expect(omError(" m 1 1")).toBe(
      'line 1: expected a metric name, "# HELP", "# TYPE", "# UNIT" or "# EOF", found " "',
    );
    expect(omError('m{a="1", b="2"} 1 1')).toBe('line 1: expected a label name after ",", found " "');
    expect(omError('m{a="1",} 1 1')).toBe('line 1: expected a label name after ",", found "}"');
    expect(omError('m{a="1"b="2"} 1 1')).toBe('line 1: expected "," or "}", found "b"');
    expect(omError('m{,a="1"} 1 1')).toBe('line 1: expected a label name or "}", found ","');
    expect(omError('m{a ="1"} 1 1')).toBe('line 1: expected "=" after the label name "a", found " "');
    expect(omError('m{a= "1"} 1 1')).toBe('line 1: expected a quoted value for the label "a", found " "');
    expect(omError('m {a="1"} 1 1')).toBe('line 1: the value "{a=\\"1\\"}" is not a number');
    expect(omError('m{a="1"}1 1')).toBe(
      'line 1: expected a single space and a value after the metric, found "1"',
    );
    expect(om('m{} 1 1\nm{a="1",b="2"} 2 2\n# EOF\n').samples.map((s) => s.labels)).toEqual([
      {},
      { a: "1", b: "2" },
    ]);
  });

  test("blank lines and comments are not OpenMetrics", () => {
    expect(omError("")).toBe("line 1: blank lines are not allowed in OpenMetrics");
    expect(omError("# just a comment")).toMatch(
      /^line 1: comments are not allowed in OpenMetrics, only "# HELP", "# TYPE", "# UNIT" and "# EOF" lines/,
    );
    expect(omError("#HELP m x")).toMatch(/comments are not allowed/);
    expect(omError("#  HELP m x")).toMatch(/comments are not allowed/);
    expect(omError("# HELPm x")).toMatch(/comments are not allowed/);
  });

  test("HELP, TYPE and UNIT", () => {
    const ok = [
      "# HELP m ",
      "# HELP m some \\n text \\ with ünïcödé",
      "# TYPE m gaugehistogram",
      "# TYPE m unknown",
      "# UNIT m_seconds seconds",
      "# UNIT m ",
      "# EOF",
    ];
    expect(om(ok.join("\n"))).toEqual({ samples: [], errors: [] });
    expect(omError("# HELP m")).toBe(
      'line 1: expected a space and text after "# HELP m", found the end of the line',
    );
    expect(omError("# HELP  m x")).toBe('line 1: expected a metric name after "# HELP ", found " "');
    expect(omError("# TYPE m untyped")).toMatch(/^line 1: invalid metric type "untyped" for m/);
    expect(omError("# TYPE m counter ")).toMatch(/invalid metric type "counter "/);
    expect(omError("# UNIT m_seconds_total seconds")).toBe(
      'line 1: the unit "seconds" is not a suffix of the metric name m_seconds_total (after "_")',
    );
    expect(omError("# UNIT mseconds seconds")).toMatch(/is not a suffix/);
    expect(omError("# UNIT seconds seconds")).toMatch(/is not a suffix/);
  });

  test("exemplars are checked, then dropped", () => {
    expect(omError('m 1 1 # {a="b"} 1')).toBe(
      "line 1: m cannot have an exemplar (only names ending in _total or _bucket can)",
    );
    expect(omError('m_total 1 1 # {a="b"}')).toBe(
      "line 1: expected a space and a value after the exemplar labels, found the end of the line",
    );
    expect(omError('m_total 1 1 # {a="b"} x')).toBe('line 1: the exemplar value "x" is not a number');
    expect(omError('m_total 1 1 # {a="b"} 1 NaN')).toBe(
      'line 1: the exemplar timestamp "NaN" is not a finite number of seconds',
    );
    expect(omError('m_total 1 1 # {a="b"} 1 1 1')).toBe(
      'line 1: unexpected " " after the exemplar timestamp',
    );
    expect(omError("m_total 1 1 # {a=b} 1")).toBe(
      'line 1: exemplar: expected a quoted value for the label "a", found "b"',
    );
    expect(omError('m_total 1 1 #{a="b"} 1')).toBe('line 1: unexpected " " after the timestamp');
    // Exemplar timestamps need no range (they are dropped), nor do exemplar labels have to be unique.
    const { samples, errors } = om('m_total 1 1 # {a="b",a="c"} 1 1e300\n# EOF\n');
    expect(errors).toEqual([]);
    expect(samples).toEqual([{ name: "m_total", labels: {}, ts: 1000, value: 1, line: 1 }]);
  });

  test("# EOF must be the last line", () => {
    expect(om("m 1 1\n# EOF")).toEqual({
      samples: [{ name: "m", labels: {}, ts: 1000, value: 1, line: 1 }],
      errors: [],
    });
    expect(om("m 1 1\n# EOF\n").errors).toEqual([]);
    expect(om("# EOF\n").errors).toEqual([]);
    // Missing: the samples still count, the error names the line where "# EOF" was expected.
    expect(om("m 1 1\nm 2 2\n")).toEqual({
      samples: [
        { name: "m", labels: {}, ts: 1000, value: 1, line: 1 },
        { name: "m", labels: {}, ts: 2000, value: 2, line: 2 },
      ],
      errors: [
        {
          line: 3,
          message:
            'line 3: missing "# EOF": OpenMetrics input must end with a "# EOF" line (the input ended after line 2)',
        },
      ],
    });
    expect(om("m 1 1").errors.map((e) => e.line)).toEqual([2]);
    expect(om("").errors).toEqual([
      {
        line: 1,
        message:
          'line 1: missing "# EOF": OpenMetrics input must end with a "# EOF" line (the input ended after line 0)',
      },
    ]);
    // Anything after it, even a blank line, is one error; what follows is not parsed.
    expect(om("m 1 1\n# EOF\n\n")).toEqual({
      samples: [{ name: "m", labels: {}, ts: 1000, value: 1, line: 1 }],
      errors: [
        { line: 3, message: 'line 3: unexpected data after "# EOF" (line 2); "# EOF" must be the last line' },
      ],
    });
    expect(om("# EOF\nm 1 1\nm 2 2\nbad\n# EOF\n")).toEqual({
      samples: [],
      errors: [
        { line: 2, message: 'line 2: unexpected data after "# EOF" (line 1); "# EOF" must be the last line' },
      ],
    });
    expect(omError("# EOF ")).toBe('line 1: unexpected " " after "# EOF"');
    expect(om("# EOF\r\n").errors.map((e) => e.message)).toEqual([
      'line 1: unexpected a carriage return (CRLF line endings are not accepted) after "# EOF"',
      'line 2: missing "# EOF": OpenMetrics input must end with a "# EOF" line (the input ended after line 1)',
    ]);
    // openMetricsLexer.next() skips NUL bytes after "# EOF\n": Prometheus accepts them at the very end.
    expect(om("# EOF\n\0\0").errors).toEqual([]);
    expect(om("# E\0OF\n").errors).toEqual([]);
  });

  test("escapes, unicode, empty and duplicate labels", () => {
    const { samples, errors } = om(
      `${String.raw`m{a="x\"y",b="\\",c="l1\nl2",d="",e="ünï 😀"} 1 1`}\nm{a="1",a="2"} 1 1\n# EOF\n`,
    );
    expect(samples.map((s) => s.labels)).toEqual([{ a: 'x"y', b: "\\", c: "l1\nl2", e: "ünï 😀" }]);
    expect(errors).toEqual([{ line: 2, message: 'line 2: duplicate label name "a"' }]);
  });
});

describe("streaming", () => {
  const promBody = `${[
    "# HELP x ünïcödé help",
    'x{a="日本",b="😀 \\" \\\\ \\n"} 1.5 1700000000000',
    "",
    "bad line",
    'x{a="é"} NaN 1700000000001',
    "x 2", // no timestamp
    "y -Inf 3",
  ].join("\n")}\n`;
  const omBody = [
    "# TYPE x_total counter",
    'x_total{a="日本",b="😀"} 1.5 1700000000.123 # {t="ü"} 1 1700000000',
    "bad",
    'x_total{a="é"} 2 1700000000.5',
    "x_total 3",
    "y NaN -1.5",
    "# EOF",
  ].join("\n");

  for (const [format, body] of [
    ["prometheus", promBody],
    ["openmetrics", omBody],
  ] as const) {
    test(`${format}: the same output for a split at every byte offset, and byte by byte`, () => {
      const all = bytes(body);
      const whole = parse(format, all);
      const lineCount = body.split("\n").length - (body.endsWith("\n") ? 1 : 0);
      expect(whole.samples.length).toBeGreaterThanOrEqual(3);
      expect(whole.errors.length).toBeGreaterThanOrEqual(1);
      for (let cut = 0; cut <= all.length; cut++) {
        const parser = new ExpositionParser(format);
        const a = parser.push(all.slice(0, cut));
        const b = parser.push(all.slice(cut));
        const c = parser.end();
        expect({
          samples: [...a.samples, ...b.samples, ...c.samples],
          errors: [...a.errors, ...b.errors, ...c.errors],
        }).toEqual(whole);
        expect(parser.linesSeen).toBe(lineCount);
      }
      const parser = new ExpositionParser(format);
      const got: ParseBatch = { samples: [], errors: [] };
      for (let i = 0; i < all.length; i++) {
        const batch = parser.push(all.subarray(i, i + 1));
        got.samples.push(...batch.samples);
        got.errors.push(...batch.errors);
      }
      const last = parser.end();
      expect({ samples: [...got.samples, ...last.samples], errors: [...got.errors, ...last.errors] }).toEqual(
        whole,
      );
    });
  }

  test("a chunk's results come with the chunk that completes the line", () => {
    const parser = new ExpositionParser("prometheus");
    expect(parser.push(bytes("a 1 1\nb 2"))).toEqual({
      samples: [{ name: "a", labels: {}, ts: 1, value: 1, line: 1 }],
      errors: [],
    });
    expect(parser.linesSeen).toBe(1);
    expect(parser.push(bytes(" 2"))).toEqual({ samples: [], errors: [] });
    expect(parser.end()).toEqual({
      samples: [{ name: "b", labels: {}, ts: 2, value: 2, line: 2 }],
      errors: [],
    });
    expect(parser.linesSeen).toBe(2);
    expect(() => parser.push(bytes("c 1 1\n"))).toThrow(/after end/);
    expect(() => parser.end()).toThrow(/twice/);
  });

  test("the caller may reuse its chunk buffer", () => {
    const parser = new ExpositionParser("prometheus");
    const buffer = bytes("abc 1");
    parser.push(buffer);
    buffer.fill(0x7a); // "zzzzz"
    expect(parser.push(bytes(" 7\n")).samples).toEqual([
      { name: "abc", labels: {}, ts: 7, value: 1, line: 1 },
    ]);
  });

  test("lines longer than maxLineBytes are reported once and skipped", () => {
    const long = `x{a="${"v".repeat(100)}"} 1 1`;
    const body = `a 1 1\n${long}\nb 2 2\n${"y".repeat(64)}\nc 3 3`;
    const expected: ParseBatch = {
      samples: [
        { name: "a", labels: {}, ts: 1, value: 1, line: 1 },
        { name: "b", labels: {}, ts: 2, value: 2, line: 3 },
        { name: "c", labels: {}, ts: 3, value: 3, line: 5 },
      ],
      errors: [{ line: 2, message: "line 2: the line is longer than 64 bytes; skipped" }],
    };
    // A line of exactly 64 bytes is fine (line 4 is a syntax error, not a long line).
    const whole = parse("prometheus", body, 64);
    expect(whole.samples).toEqual(expected.samples);
    expect(whole.errors[0]).toEqual(expected.errors[0]);
    expect(whole.errors[1]!.message).toMatch(/^line 4: expected a value/);
    for (const size of [1, 7, 64, 65, 200]) {
      const parser = new ExpositionParser("prometheus", { maxLineBytes: 64 });
      const got: ParseBatch = { samples: [], errors: [] };
      const all = bytes(body);
      for (let i = 0; i < all.length; i += size) {
        const batch = parser.push(all.subarray(i, i + size));
        got.samples.push(...batch.samples);
        got.errors.push(...batch.errors);
      }
      const last = parser.end();
      expect([...got.samples, ...last.samples]).toEqual(whole.samples);
      expect([...got.errors, ...last.errors]).toEqual(whole.errors);
    }
    // The last line, without a newline, too.
    expect(parse("prometheus", `a 1 1\n${long}`, 64).errors).toEqual(expected.errors);
  });

  test("a huge body without newlines: one error, bounded memory", () => {
    const parser = new ExpositionParser("openmetrics", { maxLineBytes: 1024 });
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    const errors = [];
    for (let i = 0; i < 64; i++) errors.push(...parser.push(chunk).errors); // 64 MiB
    errors.push(...parser.push(bytes("\nm 1 1\n# EOF\n")).errors);
    const last = parser.end();
    expect([...errors, ...last.errors]).toEqual([
      { line: 1, message: "line 1: the line is longer than 1024 bytes; skipped" },
    ]);
    expect(parser.linesSeen).toBe(3);
    // The carry buffer never grows past maxLineBytes.
    expect((parser as unknown as { carry: Uint8Array }).carry.length).toBeLessThanOrEqual(1024);
  });

  test("a UTF-8 sequence split across chunks", () => {
    const all = bytes('m{a="😀"} 1 1\n');
    const split = all.indexOf(0xf0) + 2;
    const parser = new ExpositionParser("prometheus");
    expect(parser.push(all.subarray(0, split))).toEqual({ samples: [], errors: [] });
    expect(parser.push(all.subarray(split)).samples[0]!.labels).toEqual({ a: "😀" });
  });
});

describe("documented deviations from Prometheus 2.42", () => {
  test("a raw newline in a Prometheus-format label value ends the line", () => {
    // promlex.l would read the value on across the newline; we report both halves.
    expect(prom('m{a="x\ny"} 1 1\n').errors.map((e) => e.line)).toEqual([1, 2]);
  });
  test("leading blanks are not part of the metric name", () => {
    expect(prom(" \tm 1 1\n").samples[0]!.name).toBe("m");
  });
  test("NUL bytes with effects across lines are errors of their own line", () => {
    // Prometheus swallows NULs after an OpenMetrics HELP line into its text, and accepts the next line.
    expect(om("# HELP m x\n\0m 1 1\n# EOF\n").errors.map((e) => e.line)).toEqual([2]);
    expect(promError("# HELP m\0x")).toBe('line 1: unexpected NUL byte after "# HELP m"');
  });
});

describe("parseGoFloat", () => {
  test("random doubles round-trip like Go's ParseFloat", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 2000; i++) {
      view.setUint32(0, Math.floor(random() * 2 ** 32));
      view.setUint32(4, Math.floor(random() * 2 ** 32));
      const x = view.getFloat64(0);
      if (!Number.isFinite(x)) continue;
      expect(parseGoFloat(String(x))).toBe(x);
      expect(parseGoFloat(x.toExponential(20))).toBe(Number(x.toExponential(20)));
    }
  });
});
