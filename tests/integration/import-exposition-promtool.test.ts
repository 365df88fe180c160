// Parity of lib/import/exposition.ts with the real promtool (Debian's prometheus package, 2.42): an OpenMetrics
// file goes through `promtool tsdb create-blocks-from openmetrics` and `promtool tsdb dump`, and our parser
// must yield exactly the (labels, ms timestamp, value) set that promtool stored. Files that promtool rejects
// must give our parser at least one error.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ExpositionParser, type ParseBatch } from "../../lib/import/exposition";

const PROMTOOL = "/usr/bin/promtool";
const hasPromtool = existsSync(PROMTOOL);
if (!hasPromtool)
  console.warn(`skipping the promtool parity tests: ${PROMTOOL} is missing (apt-get install prometheus)`);

let dir = "";
beforeAll(() => {
  if (hasPromtool) dir = mkdtempSync(join(tmpdir(), "vigil-promtool-import-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function ourParse(body: Uint8Array): ParseBatch {
  const parser = new ExpositionParser("openmetrics");
  const out: ParseBatch = { samples: [], errors: [] };
  // Odd-sized chunks, so lines and UTF-8 sequences are split.
  for (let i = 0; i < body.length; i += 4093) {
    const batch = parser.push(body.subarray(i, i + 4093));
    out.samples.push(...batch.samples);
    out.errors.push(...batch.errors);
  }
  const last = parser.end();
  out.samples.push(...last.samples);
  out.errors.push(...last.errors);
  return out;
}

/** Runs promtool on a file: its status, and the dump of what it stored when it succeeded. */
function promtoolImport(
  name: string,
  body: Uint8Array,
): { status: number | null; stderr: string; dump: string } {
  const file = join(dir, `${name}.om`);
  const out = join(dir, `${name}-blocks`);
  writeFileSync(file, body);
  const created = spawnSync(PROMTOOL, ["tsdb", "create-blocks-from", "openmetrics", "--quiet", file, out], {
    encoding: "utf8",
  });
  if (created.status !== 0) return { status: created.status, stderr: created.stderr, dump: "" };
  // Debian's 2.42 `tsdb dump` opens the directory as a read-only DB and wants a WAL directory there.
  mkdirSync(join(out, "wal"), { recursive: true });
  const dump = execFileSync(PROMTOOL, ["tsdb", "dump", out], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: 0, stderr: created.stderr, dump };
}

/**
 * One line of `promtool tsdb dump`: `fmt.Printf("%s %g %d\n", labels, value, ts)`, where labels.String()
 * writes `{name="value", …}` with strconv.Quote'd values.
 */
function parseDumpLine(line: string): { labels: Record<string, string>; ts: number; value: number } {
  const labels: Record<string, string> = {};
  let i = 1;
  if (line[0] !== "{") throw new Error(`unexpected dump line ${line}`);
  while (line[i] !== "}") {
    const eq = line.indexOf("=", i);
    const name = line.slice(i, eq);
    const [value, end] = goUnquote(line, eq + 1);
    Object.defineProperty(labels, name, { value, enumerable: true, writable: true, configurable: true });
    i = end;
    if (line.startsWith(", ", i)) i += 2;
  }
  const [valueText, tsText] = line.slice(i + 2).split(" ");
  const value =
    valueText === "+Inf"
      ? Infinity
      : valueText === "-Inf"
        ? -Infinity
        : valueText === "NaN"
          ? NaN
          : Number(valueText);
  return { labels, ts: Number(tsText), value };
}

/** A strconv.Quote'd string at s[from]: its value and the index after the closing quote. */
function goUnquote(s: string, from: number): [string, number] {
  if (s[from] !== '"') throw new Error(`expected a quoted string in ${s}`);
  let out = "";
  let i = from + 1;
  const simple: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
  for (;;) {
    const c = s[i]!;
    if (c === '"') return [out, i + 1];
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const e = s[i + 1]!;
    if (e in simple) {
      out += simple[e];
      i += 2;
    } else if (e === "\\" || e === '"' || e === "'") {
      out += e;
      i += 2;
    } else {
      const digits = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
      if (digits === 0) throw new Error(`unexpected escape \\${e} in ${s}`);
      out += String.fromCodePoint(Number.parseInt(s.slice(i + 2, i + 2 + digits), 16));
      i += 2 + digits;
    }
  }
}

function valueKey(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  return Object.is(v, -0) ? "-0" : String(v);
}
function key(labels: Record<string, string>, ts: number, value: number): string {
  return JSON.stringify([
    Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ts,
    valueKey(value),
  ]);
}

/** A deterministic OpenMetrics file with a bit of everything promtool accepts. */
function validFile(): string {
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const view = new DataView(new ArrayBuffer(8));
  const randomDouble = () => {
    for (;;) {
      view.setUint32(0, Math.floor(random() * 2 ** 32));
      view.setUint32(4, Math.floor(random() * 2 ** 32));
      const x = view.getFloat64(0);
      if (Number.isFinite(x)) return random() < 0.5 ? String(x) : x.toExponential(16);
    }
  };
  const lines: string[] = [];
  const base = 1700000000;
  lines.push(
    "# HELP http_requests Requests, with \\n escapes and ünïcödé in the help.",
    "# TYPE http_requests counter",
    "# UNIT http_requests ",
  );
  const tricky = [
    'x\\"y',
    "back\\\\slash",
    "new\\nline",
    "tab\\t (unknown escapes stay)",
    "raw\ttab",
    "日本語",
    "😀 emoji",
    "soft\u00adhyphen",
    "e\u0301 combining",
    "{}=,#",
  ];
  tricky.forEach((value, i) => {
    const labels = `method="${i % 2 ? "GET" : "POST"}",path="${value}",empty=""`;
    lines.push(`http_requests_total{${labels}} ${i} ${base + i}.${String(i * 37).padStart(3, "0")}`);
    lines.push(
      `http_requests_total{${labels}} ${i + 0.5} ${base + 60 + i}.1239 # {trace_id="${i}"} 1 ${base}`,
    );
    lines.push(`http_requests_total{${labels}} ${i + 1} ${base + 120 + i} # {} ${i}`);
    lines.push(`http_requests_created{${labels}} ${base - 100} ${base + i}.5`);
  });
  lines.push("# TYPE temperature gauge", "# UNIT temperature_celsius celsius");
  const values = [
    "NaN",
    "+Inf",
    "-Inf",
    "inf",
    "-0",
    "0",
    "1e-5",
    "-2.5E+3",
    ".5",
    "7.",
    "+42",
    "0042",
    "1.7976931348623157e308",
    "4.9e-324",
    "1e-400",
    "0.1000000000000000055511151231257827021181583404541015625",
    "123456789012345678901234567890",
  ];
  values.forEach((v, i) => {
    lines.push(
      `temperature_celsius{sensor="s${i % 3}",__proto__="p",constructor="c"} ${v} ${base + i * 10}.${i}`,
    );
  });
  lines.push("# TYPE latency histogram");
  for (let t = 0; t < 5; t++) {
    const ts = `${base + 300 + t}.${String(t * 111).padStart(3, "0")}`;
    let count = 0;
    for (const le of ["0.005", "0.1", "1", "+Inf"]) {
      count += t + 1;
      lines.push(`latency_bucket{le="${le}"} ${count} ${ts} # {trace_id="t${t}"} 0.0${t} ${base + 299}.5`);
    }
    lines.push(
      `latency_sum ${count * 0.3} ${ts}`,
      `latency_count ${count} ${ts}`,
      `latency_created ${base} ${ts}`,
    );
  }
  lines.push("# TYPE rpc summary");
  for (const q of ["0.5", "0.99"]) lines.push(`rpc{quantile="${q}"} ${randomDouble()} ${base + 400}.25`);
  lines.push(`rpc_sum 1 ${base + 400}.25`, `rpc_count 2 ${base + 400}.25`);
  lines.push("# TYPE state stateset", `state{state="a"} 1 ${base + 500}`, `state{state="b"} 0 ${base + 500}`);
  lines.push("# TYPE build info", `build_info{version="1.2.3"} 1 ${base + 500}`);
  lines.push(
    "# TYPE queue gaugehistogram",
    `queue_bucket{le="+Inf"} 3 ${base + 500}`,
    `queue_gsum 2 ${base + 500}`,
  );
  lines.push("# TYPE things unknown");
  // Float → ms conversion: int64(ts * 1000) truncates the float product (1.005 → 1004, 1.001 → 1000).
  ["1.001", "1.005", "2.002", "3.0000005", "4.9999"].forEach((ts, i) => {
    lines.push(`things{kind="small"} ${i} ${ts}`);
  });
  // Random values and timestamps with up to 9 fractional digits, increasing per series.
  for (let s = 0; s < 40; s++) {
    let ts = base + 600 + s;
    for (let k = 0; k < 6; k++) {
      ts += 1 + Math.floor(random() * 5);
      const frac = String(Math.floor(random() * 1e9))
        .padStart(9, "0")
        .slice(0, 1 + Math.floor(random() * 9));
      lines.push(`things{series="${s}"} ${randomDouble()} ${ts}.${frac}`);
    }
  }
  lines.push(`things{kind="exponent"} 1 1.7000007e9`);
  lines.push("# EOF");
  return `${lines.join("\n")}\n`;
}

const suite = hasPromtool
  ? "promtool tsdb create-blocks-from openmetrics"
  : `promtool parity (skipped: ${PROMTOOL} is missing; apt-get install prometheus)`;
// In CI (CI=true) the package is installed by .ci/run: a missing promtool fails there instead of skipping.
describe.skipIf(!hasPromtool && process.env.CI !== "true")(suite, () => {
  test("stores exactly the samples our parser yields", () => {
    const body = new TextEncoder().encode(validFile());
    const ours = ourParse(body);
    expect(ours.errors).toEqual([]);
    const theirs = promtoolImport("valid", body);
    expect(theirs.stderr).toBe("");
    expect(theirs.status).toBe(0);
    const stored = theirs.dump
      .split("\n")
      .filter((l) => l !== "")
      .map(parseDumpLine);
    expect(stored.length).toBe(347);
    const expected = stored.map((s) => key(s.labels, s.ts, s.value)).sort();
    const got = ours.samples.map((s) => key({ __name__: s.name, ...s.labels }, s.ts, s.value)).sort();
    expect(got).toEqual(expected);
    // Spot checks of the conversions that the comparison covers.
    const find = (name: string, ts: number) => ours.samples.find((s) => s.name === name && s.ts === ts);
    expect(find("things", 1004)?.value).toBe(1);
    expect(find("things", 1000)?.value).toBe(0);
    expect(find("things", 2001)?.value).toBe(2);
    expect(find("things", 1700000700000)?.labels).toEqual({ kind: "exponent" });
  });

  const invalid: Record<string, string | Uint8Array> = {
    "missing # EOF": "m 1 1\n",
    "data after # EOF": "m 1 1\n# EOF\nm 2 2\n",
    "a blank line after # EOF": "m 1 1\n# EOF\n\n",
    "a blank line": "m 1 1\n\nm 2 2\n# EOF\n",
    "a comment": "# just a comment\nm 1 1\n# EOF\n",
    "no timestamp": "m 1\n# EOF\n",
    "a duplicate label name": 'm{a="1",a="2"} 1 1\n# EOF\n',
    "a value out of range": "m 1e400 1\n# EOF\n",
    "a hex float": "m 0x1p3 1\n# EOF\n",
    "+nan": "m +nan 1\n# EOF\n",
    "a NaN timestamp": "m 1 NaN\n# EOF\n",
    "an exemplar on a gauge": 'm 1 1 # {a="b"} 1\n# EOF\n',
    "an invalid TYPE": "# TYPE m untyped\nm 1 1\n# EOF\n",
    "a UNIT that is no suffix": "# UNIT m seconds\nm 1 1\n# EOF\n",
    "a trailing space": "m 1 1 \n# EOF\n",
    "two spaces": "m  1 1\n# EOF\n",
    "a trailing comma": 'm{a="1",} 1 1\n# EOF\n',
    CRLF: "m 1 1\r\n# EOF\r\n",
    "invalid UTF-8": new Uint8Array([
      ...new TextEncoder().encode('m{a="'),
      0xff,
      ...new TextEncoder().encode('"} 1 1\n# EOF\n'),
    ]),
  };
  for (const [what, content] of Object.entries(invalid)) {
    test(`both reject a file with ${what}`, () => {
      const body = typeof content === "string" ? new TextEncoder().encode(content) : content;
      const theirs = promtoolImport(what.replace(/[^a-z0-9]+/gi, "-"), body);
      expect(theirs.status, `promtool accepted it: ${theirs.dump}`).not.toBe(0);
      expect(ourParse(body).errors.length).toBeGreaterThan(0);
    });
  }
});
