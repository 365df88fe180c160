// Debugging CLI: `npx tsx tests/parity/run.ts [--filter text] [--verbose]` runs the parity cases (those whose
// id or query contains the filter) and prints each one's outcome; --verbose also prints both results.
import { generateSeries } from "./data";
import { PrometheusServer, prometheusAvailable } from "./prometheus";
import { allCases } from "./queries";
import { describeEval, parserAgreement, runCases, scoreLine } from "./runner";
import { loadEngine, MemorySource } from "./vigil";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--filter");
  const filter = at >= 0 ? (args[at + 1] ?? "") : "";
  const verbose = args.includes("--verbose");
  if (!prometheusAvailable()) {
    console.error(
      "prometheus/promtool not found (set PROMETHEUS_BIN / PROMTOOL_BIN or apt-get install prometheus)",
    );
    process.exit(2);
  }
  const cases = allCases().filter((c) => c.id.includes(filter) || c.query.includes(filter));
  const series = generateSeries();
  const engine = await loadEngine();
  if ("missing" in engine) console.log(engine.missing);
  const started = Date.now();
  const prom = await PrometheusServer.start(series);
  try {
    const results = await runCases(cases, prom, engine, new MemorySource(series));
    for (const r of results) {
      if ("missing" in engine) continue;
      console.log(`${r.pass ? "PASS" : "FAIL"} ${r.case.id}  ${r.case.query}  [${describeEval(r.case)}]`);
      if (!r.pass) console.log(`     ${r.reason}`);
      if (verbose) {
        console.log(`     prometheus: ${JSON.stringify(r.prometheus).slice(0, 2000)}`);
        console.log(`     vigil:      ${JSON.stringify(r.vigil).slice(0, 2000)}`);
      }
    }
    const bad = results.filter((r) => r.badReference);
    for (const r of bad) console.log(`BAD CASE ${r.case.id}: ${r.badReference}`);
    if ("missing" in engine && engine.parse) {
      const { line, misses } = parserAgreement(results, engine.parse);
      console.log([line, ...misses].join("\n"));
    }
    console.log(scoreLine(results), `in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  } finally {
    await prom.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
