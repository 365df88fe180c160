// PromQL parity with Prometheus 2.42: every case in queries*.ts runs on a throwaway Prometheus (backfilled with
// data.ts) and on Vigil's engine over the same samples. passing.json is a ratchet: a listed case that fails is
// a regression and fails this test; newly passing cases are printed so the list can be grown with
// `UPDATE_PARITY=1 npx vitest run tests/parity`.
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareResults, labelKey, type Normalized, normalizePrometheus } from "./compare";
import { END_MS, generateSeries } from "./data";
import { PROMETHEUS_BIN, PrometheusServer, prometheusAvailable } from "./prometheus";
import { allCases } from "./queries";
import { failureLines, parserAgreement, runCases, scoreLine } from "./runner";
import { loadEngine, MemorySource } from "./vigil";

const PASSING_FILE = new URL("./passing.json", import.meta.url);
const available = prometheusAvailable();
if (!available)
  console.warn(
    `PromQL parity skipped: ${PROMETHEUS_BIN} or promtool not installed (apt-get install prometheus)`,
  );

function readPassing(): string[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(PASSING_FILE, "utf8"));
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

describe.skipIf(!available)("PromQL parity with Prometheus 2.42", () => {
  const series = generateSeries();
  let prom: PrometheusServer | null = null;

  beforeAll(async () => {
    prom = await PrometheusServer.start(series);
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
  });

  it("backfilled Prometheus holds exactly the generated samples", async () => {
    // Both engines must see the same data, or every difference below would be meaningless.
    const expected: Normalized = {
      kind: "matrix",
      series: series.map((s) => ({
        key: labelKey(s.labels),
        metric: s.labels,
        points: s.timestamps.map((t, i): [number, number] => [t, s.values[i]!]),
      })),
    };
    const stored = normalizePrometheus(await prom!.instant('{__name__=~".+"}[3h]', END_MS));
    expect(compareResults(expected, stored, false)).toBeNull();
  });

  it("passes every case listed in passing.json", async () => {
    const cases = allCases();
    const engine = await loadEngine();
    if ("missing" in engine) console.warn(`PromQL parity: ${engine.missing}`);
    const results = await runCases(cases, prom!, engine, new MemorySource(series));

    // With no engine every case fails for the same reason, printed once above.
    const failures = "missing" in engine ? [] : failureLines(results, 60);
    console.log([scoreLine(results), ...(failures.length > 0 ? ["failures:", ...failures] : [])].join("\n"));

    if ("missing" in engine && engine.parse) {
      const { line, misses } = parserAgreement(results, engine.parse);
      console.log([line, ...misses.slice(0, 40)].join("\n"));
    }

    // A case Prometheus itself does not answer as the case expects is a broken case, not a Vigil failure.
    const badCases = results.filter((r) => r.badReference).map((r) => `${r.case.id}: ${r.badReference}`);
    expect(badCases, "cases whose expectation Prometheus contradicts").toEqual([]);

    const passingNow = results.filter((r) => r.pass).map((r) => r.case.id);
    if (process.env.UPDATE_PARITY === "1") {
      writeFileSync(PASSING_FILE, `${JSON.stringify([...passingNow].sort(), null, 2)}\n`);
      console.log(`passing.json rewritten: ${passingNow.length} ids`);
      return;
    }

    const listed = readPassing();
    const known = new Set(cases.map((c) => c.id));
    const stale = listed.filter((id) => !known.has(id));
    if (stale.length > 0) console.warn(`passing.json lists ids that no longer exist: ${stale.join(", ")}`);
    const listedSet = new Set(listed);
    const newlyPassing = passingNow.filter((id) => !listedSet.has(id));
    if (newlyPassing.length > 0) {
      console.log(
        `${newlyPassing.length} cases pass but are not in passing.json (run UPDATE_PARITY=1 npx vitest run tests/parity):\n  ${newlyPassing.join("\n  ")}`,
      );
    }
    const byId = new Map(results.map((r) => [r.case.id, r]));
    const regressions = listed
      .filter((id) => known.has(id) && !byId.get(id)!.pass)
      .map((id) => `${id} (${byId.get(id)!.case.query}): ${byId.get(id)!.reason}`);
    expect(regressions, "cases in passing.json that now fail").toEqual([]);
  }, 120_000);
});
