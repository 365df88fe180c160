import { describe, expect, it } from "vitest";
import {
  createExperimentCurl,
  displayStatus,
  type ExperimentListItem,
  filterExperiments,
  sortExperiments,
  unitsSoFar,
  variantsLabel,
} from "@/lib/charts/experiment-list";
import { liftTimeline, metricTimeline, timelineSpan } from "@/lib/charts/experiment-timeline";
import { SERIES_COLORS } from "@/lib/charts/palette";
import { infoFixture, resultsFixture } from "./charts-experiment-fixture";

const NOW = Date.parse("2026-03-10T00:00:00.000Z");

function item(key: string, patch: Partial<ExperimentListItem> = {}): ExperimentListItem {
  return { ...infoFixture(), key, name: null, ...patch };
}

describe("status", () => {
  it("reads stopped, scheduled, ended and running", () => {
    expect(displayStatus(item("a", { status: "stopped" }), NOW)).toBe("stopped");
    expect(displayStatus(item("a", { startAt: "2026-03-11T00:00:00.000Z" }), NOW)).toBe("scheduled");
    expect(displayStatus(item("a", { endAt: "2026-03-09T00:00:00.000Z" }), NOW)).toBe("ended");
    expect(displayStatus(item("a", { endAt: "2026-03-12T00:00:00.000Z" }), NOW)).toBe("running");
  });
});

describe("rows", () => {
  it("sums units over the summary's variants and labels weights", () => {
    const summary = {
      computedAt: "2026-03-09T00:00:00.000Z",
      units: { control: 1200, treatment: 1180 },
      srmFlagged: false,
      decision: "keep running",
    };
    expect(unitsSoFar(item("a", { summary }))).toBe(2380);
    expect(unitsSoFar(item("a"))).toBeNull();
    expect(variantsLabel(infoFixture().variants)).toBe("control 50% · treatment 25% · treat.b 25%");
    expect(variantsLabel([{ key: "tiny", weight: 0.005 }])).toBe("tiny 0.5%");
  });

  it("filters by model and text, sorts with missing values last", () => {
    const s = (n: number) => ({ computedAt: "", units: { control: n }, srmFlagged: false, decision: "" });
    const items = [
      item("b-test", { model: "ranker", summary: s(50) }),
      item("a-test", { name: "Zebra", summary: s(500) }),
      item("c-test", { status: "stopped" }),
    ];
    expect(filterExperiments(items, "ranker").map((e) => e.key)).toEqual(["b-test"]);
    expect(filterExperiments(items, null, "zeb").map((e) => e.key)).toEqual(["a-test"]);
    expect(sortExperiments(items, "units", "desc", NOW).map((e) => e.key)).toEqual([
      "a-test",
      "b-test",
      "c-test",
    ]);
    expect(sortExperiments(items, "units", "asc", NOW).map((e) => e.key)).toEqual([
      "b-test",
      "a-test",
      "c-test",
    ]);
    // the name sorts when there is one ("zebra"), the key otherwise
    expect(sortExperiments(items, "key", "asc", NOW).map((e) => e.key)).toEqual([
      "b-test",
      "c-test",
      "a-test",
    ]);
    expect(sortExperiments(items, "status", "asc", NOW).map((e) => e.key)).toEqual([
      "b-test",
      "a-test",
      "c-test",
    ]);
  });

  it("offers a curl example that creates an A/B test", () => {
    const curl = createExperimentCurl("http://localhost:3000");
    expect(curl).toContain("curl -X POST http://localhost:3000/api/v1/experiments");
    const body = JSON.parse(curl.slice(curl.indexOf("-d '") + 4, -1));
    expect(body.variants.map((v: { weight: number }) => v.weight)).toEqual([0.5, 0.5]);
  });
});

describe("timeline", () => {
  it("gives each variant's cumulative metric per day with positional keys", () => {
    const t = metricTimeline(resultsFixture(), "conversion");
    expect(t.series).toEqual([
      { key: "v0", label: "control (v1)", color: SERIES_COLORS[0] },
      { key: "v1", label: "treatment (v2)", color: SERIES_COLORS[1] },
      { key: "v2", label: "treat.b (v3)", color: SERIES_COLORS[2] },
    ]);
    expect(t.rows).toEqual([
      { ts: Date.parse("2026-03-02T00:00:00.000Z"), v0: 0.098, v1: 0.11, v2: 0.1 },
      { ts: Date.parse("2026-03-03T00:00:00.000Z"), v0: 0.1, v1: 0.1118, v2: 0.101 },
    ]);
    expect(metricTimeline(resultsFixture(), "revenue").rows.map((r) => r.v1)).toEqual([null, 12]);
  });

  it("gives each treatment's lift with its band", () => {
    const t = liftTimeline(resultsFixture(), "conversion");
    expect(t.series.map((s) => [s.key, s.band, s.label])).toEqual([
      ["v1", "v1_ci", "treatment vs control"],
      ["v2", "v2_ci", "treat.b vs control"],
    ]);
    expect(t.rows[0]).toEqual({
      ts: Date.parse("2026-03-02T00:00:00.000Z"),
      v1: 0.122,
      v1_ci: [0.01, 0.23],
      v2: 0.02,
      v2_ci: null,
    });
    expect(t.rows[1]!.v2_ci).toEqual([-0.06, 0.08]);
    expect(liftTimeline(resultsFixture(), "log_loss").rows[0]).toMatchObject({ v1: null, v1_ci: null });
    expect(timelineSpan(t.rows)).toBe(86_400_000);
    expect(timelineSpan([])).toBe(86_400_000);
  });
});
