// What one scrape stores, per Prometheus 2.42's scrape loop: target labels, exported_ conflicts, default and
// explicit timestamps, report series, stale markers, and whole-scrape failure on parse errors and the sample limit.
import { describe, expect, it } from "vitest";
import { processScrape, type ScrapeInput, seriesKey, withTargetLabels } from "@/lib/cluster/scrape-samples";

const target = { job: "triton", instance: "gpu-1:8002" };
const body = (text: string) => new TextEncoder().encode(text);
const input = (over: Partial<ScrapeInput>): ScrapeInput => ({
  body: body(""),
  format: "prometheus",
  target,
  at: 1_000_000,
  durationMs: 12,
  fetchError: null,
  sampleLimit: 1000,
  previous: new Map(),
  ...over,
});
const byName = (
  samples: Array<{ labels: Record<string, string>; value: number; ts: number }>,
  name: string,
) => samples.filter((s) => s.labels.__name__ === name);

describe("target labels (honor_labels: false)", () => {
  it("sets the target's labels; a colliding scraped label becomes exported_<name>", () => {
    expect(withTargetLabels({ __name__: "x", job: "app", pod: "p" }, target)).toEqual({
      __name__: "x",
      job: "triton",
      exported_job: "app",
      instance: "gpu-1:8002",
      pod: "p",
    });
  });
  it("prefixes again while the name is taken; empty scraped values do not collide", () => {
    expect(withTargetLabels({ job: "a", exported_job: "b", instance: "" }, target)).toEqual({
      job: "triton",
      exported_job: "b",
      exported_exported_job: "a",
      instance: "gpu-1:8002",
    });
  });
});

describe("processScrape", () => {
  it("stores samples at the scrape time unless they carry a timestamp, plus the report series", () => {
    const out = processScrape(input({ body: body('# TYPE a gauge\na 1\nb{x="y"} 2 999000\nc NaN\n') }));
    expect(out.up).toBe(1);
    expect(byName(out.samples, "a")).toEqual([
      { labels: { __name__: "a", ...target }, ts: 1_000_000, value: 1 },
    ]);
    expect(byName(out.samples, "b")[0]?.ts).toBe(999_000);
    expect(Number.isNaN(byName(out.samples, "c")[0]?.value)).toBe(true);
    const report = Object.fromEntries(
      [
        "up",
        "scrape_duration_seconds",
        "scrape_samples_scraped",
        "scrape_samples_post_metric_relabeling",
        "scrape_series_added",
      ].map((n) => [n, byName(out.samples, n)[0]?.value]),
    );
    expect(report).toEqual({
      up: 1,
      scrape_duration_seconds: 0.012,
      scrape_samples_scraped: 3,
      scrape_samples_post_metric_relabeling: 3,
      scrape_series_added: 3,
    });
  });

  it("marks series of the previous scrape that are gone as stale", () => {
    const first = processScrape(input({ body: body("a 1\nb 2\n") }));
    const second = processScrape(input({ body: body("a 1\n"), previous: first.seriesKeys, at: 1_015_000 }));
    expect(second.stale).toEqual([{ __name__: "b", ...target }]);
    expect(byName(second.samples, "scrape_series_added")[0]?.value).toBe(0);
  });

  it("a failed fetch, a parse error or too many samples fail the scrape: up 0, previous series stale", () => {
    const previous = processScrape(input({ body: body("a 1\n") })).seriesKeys;
    for (const failed of [
      input({ body: null, fetchError: "server returned HTTP status 500", previous }),
      input({ body: body("a 1\nthis is not a metric line at all {\n"), previous }),
      input({ body: body("a 1\nb 2\nc 3\n"), sampleLimit: 2, previous }),
    ]) {
      const out = processScrape(failed);
      expect(out.up).toBe(0);
      expect(out.error).toBeTruthy();
      expect(out.stale).toEqual([{ __name__: "a", ...target }]);
      expect(out.samples.filter((s) => !s.labels.__name__?.match(/^(up|scrape_)/))).toEqual([]);
      expect(byName(out.samples, "up")[0]?.value).toBe(0);
    }
    expect(processScrape(input({ body: body("a 1\nb 2\nc 3\n"), sampleLimit: 2 })).error).toBe(
      "sample limit exceeded (3 > 2)",
    );
  });

  it("keeps the first of two samples of one series", () => {
    const out = processScrape(input({ body: body("a 1\na 2\n") }));
    expect(byName(out.samples, "a").map((s) => s.value)).toEqual([1]);
  });

  it("reads OpenMetrics (timestamps in seconds) and keys series by their labels", () => {
    const out = processScrape(
      input({ format: "openmetrics", body: body("# TYPE a gauge\na 1 999.5\n# EOF\n") }),
    );
    expect(byName(out.samples, "a")[0]?.ts).toBe(999_500);
    expect(seriesKey({ b: "1", a: "2" })).toBe(seriesKey({ a: "2", b: "1" }));
  });
});
