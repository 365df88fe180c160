import { describe, expect, it } from "vitest";
import { parseExplore } from "../../lib/charts/prom-url";
import {
  contentTypeFor,
  detectFormat,
  etaSeconds,
  exploreHref,
  firstSample,
  formatBytes,
  formatEta,
  formatRate,
  importOutcome,
  importUrl,
  lastSample,
  moreErrorsNote,
  percentOf,
  RATE_WINDOW_MS,
  SNIFF_BYTES,
  sampleSpan,
  sniffFile,
  sniffSampleLine,
  stripLinePrefix,
  trimPoints,
  uploadRate,
} from "../../lib/import/ui";

describe("detectFormat", () => {
  it("takes OpenMetrics from the file name", () => {
    expect(detectFormat("dump.om", "").format).toBe("openmetrics");
    expect(detectFormat("DUMP.OpenMetrics", "").format).toBe("openmetrics");
    expect(detectFormat("dump.om.txt", "").format).toBe("openmetrics");
    expect(detectFormat("dump.om", "").reason).toContain(".om");
  });
  it("takes OpenMetrics from a # EOF or # UNIT line in the first KB", () => {
    expect(detectFormat("dump.txt", "a 1 1\n# EOF\n").format).toBe("openmetrics");
    expect(detectFormat("dump.txt", "a 1 1\n# EOF").format).toBe("openmetrics");
    expect(detectFormat("dump", "# UNIT a_seconds seconds\na_seconds 1 1\n").format).toBe("openmetrics");
    expect(detectFormat("dump", "# EOF\r\n").format).toBe("openmetrics");
  });
  it("is the Prometheus text format otherwise", () => {
    expect(detectFormat("metrics.prom", "# HELP a x\n# TYPE a gauge\na 1 1\n").format).toBe("prometheus");
    // Not markers: inside a HELP text, a longer word, or past the first KB.
    expect(detectFormat("m.txt", "# HELP a ends with # EOF\n").format).toBe("prometheus");
    expect(detectFormat("m.txt", "# EOFX\n# UNITS\n").format).toBe("prometheus");
    expect(detectFormat("m.txt", `${"x 1 1\n".repeat(200)}# EOF\n`).format).toBe("prometheus");
    expect(detectFormat("atom.txt", "").format).toBe("prometheus");
  });
});

describe("request", () => {
  it("names the format in the Content-Type and the query", () => {
    expect(contentTypeFor("openmetrics")).toMatch(/^application\/openmetrics-text;/);
    expect(contentTypeFor("prometheus")).toMatch(/^text\/plain;/);
    expect(importUrl("openmetrics")).toBe("/api/v1/import/prometheus?format=openmetrics");
  });
});

describe("formatBytes / formatRate / formatEta / percentOf", () => {
  it("uses binary units with one decimal below 100", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1024)).toBe("1.0 KiB");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(150 * 1024)).toBe("150 KiB");
    expect(formatBytes(1024 * 1024 - 1)).toBe("1.0 MiB");
    expect(formatBytes(5 * 1024 ** 3)).toBe("5.0 GiB");
    expect(formatBytes(-1)).toBe("—");
    expect(formatBytes(Number.NaN)).toBe("—");
  });
  it("formats throughput and time left", () => {
    expect(formatRate(2.5 * 1024 * 1024)).toBe("2.5 MiB/s");
    expect(formatRate(null)).toBe("—");
    expect(formatEta(null)).toBe("—");
    expect(formatEta(0.4)).toBe("under 1s");
    expect(formatEta(44.2)).toBe("45s");
    expect(formatEta(200)).toBe("3m 20s");
  });
  it("floors the percentage so 100 means done", () => {
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(999, 1000)).toBe(99);
    expect(percentOf(1000, 1000)).toBe(100);
    expect(percentOf(2000, 1000)).toBe(100);
  });
});

describe("uploadRate / trimPoints / etaSeconds", () => {
  it("is unknown until enough time has passed", () => {
    expect(uploadRate([])).toBeNull();
    expect(uploadRate([{ t: 0, loaded: 0 }])).toBeNull();
    expect(
      uploadRate([
        { t: 0, loaded: 0 },
        { t: 100, loaded: 1000 },
      ]),
    ).toBeNull();
  });
  it("averages over the recent window", () => {
    const points = [
      { t: 0, loaded: 0 },
      { t: 1000, loaded: 10_000 }, // slow start
      { t: 5000, loaded: 410_000 },
      { t: 6000, loaded: 510_000 },
    ];
    // Window start: the first point at most 3 s old (t = 5000): 100 KB in 1 s.
    expect(uploadRate(points)).toBe(100_000);
  });
  it("falls back to the whole upload when the window is too short", () => {
    const points = [
      { t: 0, loaded: 0 },
      { t: 10_000, loaded: 100_000 },
      { t: 10_100, loaded: 101_000 },
    ];
    expect(uploadRate(points)).toBeCloseTo(101_000 / 10.1);
  });
  it("drops points the window no longer needs", () => {
    const points = [0, 1000, 2000, 3000, 4000, 5000].map((t) => ({ t, loaded: t }));
    const kept = trimPoints(points);
    expect(kept[0]!.t).toBe(5000 - RATE_WINDOW_MS);
    expect(uploadRate(kept)).toBe(uploadRate(points));
    expect(trimPoints([])).toEqual([]);
  });
  it("computes time left", () => {
    expect(etaSeconds(500, 1500, 100)).toBe(10);
    expect(etaSeconds(500, 1500, null)).toBeNull();
    expect(etaSeconds(500, 1500, 0)).toBeNull();
    expect(etaSeconds(2000, 1500, 10)).toBe(0);
  });
});

describe("sniffSampleLine", () => {
  it("reads the name and timestamp of a Prometheus text line (ms)", () => {
    expect(sniffSampleLine('http_requests_total{code="200"} 1027 1764410400000', "prometheus")).toEqual({
      name: "http_requests_total",
      tsMs: 1764410400000,
    });
    expect(sniffSampleLine("up 1", "prometheus")).toEqual({ name: "up", tsMs: null });
    expect(sniffSampleLine("  spaced:name 1 -5", "prometheus")).toEqual({ name: "spaced:name", tsMs: -5 });
  });
  it("reads OpenMetrics timestamps as seconds and ignores exemplars", () => {
    expect(sniffSampleLine("a_total 3 1764410400.5", "openmetrics")).toEqual({
      name: "a_total",
      tsMs: 1764410400500,
    });
    expect(
      sniffSampleLine('a_bucket{le="1"} 3 1764410400 # {trace_id="x"} 0.5 1764410399', "openmetrics"),
    ).toEqual({ name: "a_bucket", tsMs: 1764410400000 });
  });
  it("skips quoted label values with braces, quotes and spaces", () => {
    expect(sniffSampleLine('m{path="/a} b",q="x\\"y"} 1 42', "prometheus")).toEqual({ name: "m", tsMs: 42 });
  });
  it("is null for comments, blank and broken lines", () => {
    for (const line of ["", "   ", "# HELP a x", "# EOF", "{} 1 2", "1abc 1 2", 'm{a="b 1 2', "m"]) {
      expect(sniffSampleLine(line, "prometheus")).toBeNull();
    }
  });
});

describe("firstSample / lastSample / sampleSpan", () => {
  const file = "# HELP a x\n# TYPE a gauge\na 1 100\na 2 200\nbroken{\nb 3 300\n# EOF\n";
  it("finds the first and last sample lines", () => {
    expect(firstSample(file, "prometheus")).toEqual({ name: "a", tsMs: 100 });
    expect(lastSample(file, "prometheus", true)).toEqual({ name: "b", tsMs: 300 });
    expect(firstSample("# only comments\n", "prometheus")).toBeNull();
  });
  it("ignores a tail's first line, which may be cut, unless it is the whole file", () => {
    expect(lastSample("x 1 50\n", "prometheus", false)).toBeNull();
    expect(lastSample("x 1 50\n", "prometheus", true)).toEqual({ name: "x", tsMs: 50 });
  });
  it("reads the head and tail of a file", async () => {
    const small = new File([file], "small.prom");
    const sniff = await sniffFile(small);
    expect(sniff.wholeFile).toBe(true);
    expect(sniff.detected.format).toBe("openmetrics"); // "# EOF"
    expect(sampleSpan(sniff, "openmetrics")).toEqual({ name: "a", fromMs: 100_000, toMs: 300_000 });
    expect(sampleSpan(sniff, "prometheus")).toEqual({ name: "a", fromMs: 100, toMs: 300 });

    const lines = ["# TYPE big gauge"];
    let size = lines[0]!.length;
    for (let i = 0; size < 3 * SNIFF_BYTES; i++) {
      lines.push(`big{i="${i}"} ${i} ${1000 + i}`);
      size += lines[lines.length - 1]!.length + 1;
    }
    const big = new File([`${lines.join("\n")}\n`], "big.txt");
    const bigSniff = await sniffFile(big);
    expect(bigSniff.wholeFile).toBe(false);
    expect(bigSniff.head.length).toBe(SNIFF_BYTES);
    const span = sampleSpan(bigSniff, "prometheus")!;
    expect(span.name).toBe("big");
    expect(span.fromMs).toBe(1000);
    expect(span.toMs).toBe(1000 + lines.length - 2);
    expect(sampleSpan({ ...bigSniff, head: "# nothing\n" }, "prometheus")).toBeNull();
  });
});

describe("exploreHref", () => {
  it("graphs the file's time span, a little wider", () => {
    const from = Date.parse("2026-01-01T00:00:00Z");
    const to = Date.parse("2026-01-01T10:00:00Z");
    const href = exploreHref("e2e_metric", from, to);
    expect(href.startsWith("/explore?")).toBe(true);
    const state = parseExplore(new URLSearchParams(href.slice("/explore?".length)));
    expect(state.q).toBe("e2e_metric");
    expect(state.mode).toBe("graph");
    expect(state.range).toBe("11h"); // 10h + 5% each side
    expect(state.end).toBe("2026-01-01T10:30:00.000Z");
  });
  it("uses at least a minute for a single timestamp", () => {
    const state = parseExplore(
      new URLSearchParams(exploreHref("m", 1_000_000, 1_000_000).slice("/explore?".length)),
    );
    expect(state.range).toBe("1m6s");
  });
  it("is a table at the current time without timestamps", () => {
    expect(exploreHref("a:b_total", null, null)).toBe("/explore?q=a%3Ab_total&mode=table");
  });
});

describe("errors", () => {
  it("strips the line prefix the table already shows", () => {
    expect(stripLinePrefix("line 12: expected a value", 12)).toBe("expected a value");
    expect(stripLinePrefix("line 12: expected a value", 13)).toBe("line 12: expected a value");
    expect(stripLinePrefix("a different value is already stored", 5)).toBe(
      "a different value is already stored",
    );
  });
  it("notes when only some problems are listed", () => {
    expect(moreErrorsNote(3, 3)).toBeNull();
    expect(moreErrorsNote(100, 2500)).toMatch(/^Showing 100 of 2,500 problems/);
  });
});

describe("importOutcome", () => {
  const result = {
    format: "openmetrics",
    lines: 4,
    samples: 2,
    stored: 2,
    duplicates: 0,
    rejected: 1,
    errors: [{ line: 3, message: "line 3: bad" }],
  };
  it("is done for 200 and 207 with a result", () => {
    expect(importOutcome(200, JSON.stringify({ ...result, rejected: 0, errors: [] }), "admin").kind).toBe(
      "done",
    );
    const partial = importOutcome(207, JSON.stringify(result), "admin");
    expect(partial).toMatchObject({ kind: "done", status: 207, result: { stored: 2, rejected: 1 } });
  });
  it("keeps the counts of a 400 that read the file", () => {
    const body = { error: "nothing stored; first problem: line 1: x", ...result, stored: 0 };
    const out = importOutcome(400, JSON.stringify(body), "admin");
    expect(out).toMatchObject({ kind: "failed", title: "Nothing was stored" });
    expect(out.kind === "failed" && out.message).toMatch(/^No line of the file could be stored: 1 problem,/);
    expect(out.result?.errors).toHaveLength(1);
    // Without counts (a bad ?format=, an empty body) the server's own reason is shown.
    expect(importOutcome(400, JSON.stringify({ error: "request body is empty" }), "admin")).toMatchObject({
      message: "request body is empty",
      result: null,
    });
  });
  it("explains a 403 by the user's role", () => {
    const body = JSON.stringify({ error: "user role 'viewer' may not POST /api/v1/import/prometheus" });
    const viewer = importOutcome(403, body, "viewer");
    expect(viewer.kind === "failed" && viewer.title).toBe("Only admins can import");
    expect(viewer.kind === "failed" && viewer.message).toContain("“viewer”");
    const admin = importOutcome(403, JSON.stringify({ error: "cross-origin request refused" }), "admin");
    expect(admin).toMatchObject({ title: "Import refused", message: "cross-origin request refused" });
  });
  it("has a message for other failures, JSON or not", () => {
    expect(importOutcome(415, JSON.stringify({ error: "bad type" }), "admin")).toMatchObject({
      title: "Format not accepted",
      message: "bad type",
    });
    expect(importOutcome(413, "<html>", "admin")).toMatchObject({ title: "File too large for this server" });
    expect(importOutcome(0, "", "admin")).toMatchObject({ title: "Upload failed" });
    expect(importOutcome(502, "Bad Gateway", "admin")).toMatchObject({ title: "Import failed (HTTP 502)" });
    // A 200 without the expected body is not a success.
    expect(importOutcome(200, "{}", "admin").kind).toBe("failed");
  });
});
