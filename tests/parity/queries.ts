// The parity cases: what the compliance tester's promql-test-queries.yml covers, in our own list over our own
// data, plus the 2.42 functions and error cases it leaves out.
import { expand, MIN, type ParityCase, type Spec, spec } from "./cases";
import { END_MS } from "./data";
import { edgeSpecs } from "./queries-edge";
import { errorSpecs } from "./queries-errors";
import { functionSpecs } from "./queries-functions";
import { operatorSpecs } from "./queries-operators";

export type { ParityCase } from "./cases";

function selectorSpecs(): Spec[] {
  const mem = "demo_memory_usage_bytes";
  return [
    spec("lit.int", "42"),
    spec("lit.float", "1.234"),
    spec("lit.dot", ".123", { only: "instant" }),
    spec("lit.exp", "1.23e-3", { only: "instant" }),
    spec("lit.hex", "0x3d", { only: "instant" }),
    spec("lit.inf", "Inf", { only: "instant" }),
    spec("lit.pinf", "+Inf", { only: "instant" }),
    spec("lit.ninf", "-Inf"),
    spec("lit.nan", "NaN"),
    spec("lit.string", '"a string"', { only: "instant" }),
    spec("lit.duration_arith", "1 * 2 + 4 / 6 - 10 % 2 ^ 2"),
    spec("lit.neg_pow", "-1 ^ 2", { only: "instant" }),
    spec("sel.name", mem, {
      times: ["main", "end", "after", "gone", "gap"],
      ranges: ["main", "fine", "odd"],
    }),
    spec("sel.name_matcher", `{__name__="${mem}"}`),
    spec("sel.eq", `${mem}{type="free"}`),
    spec("sel.neq", `${mem}{type!="free"}`),
    spec("sel.re", `${mem}{instance=~"demo.promlabs.com:.*"}`),
    spec("sel.re_partial", `${mem}{instance=~"host"}`),
    spec("sel.nre", `${mem}{instance!~".*:10000"}`),
    spec("sel.re_alt", `${mem}{type=~"free|used",instance=~".*1"}`),
    spec("sel.two", `${mem}{type="free", instance!="demo.promlabs.com:10000"}`),
    spec("sel.noname", `{type="free", instance!="demo.promlabs.com:10000"}`),
    spec("sel.name_re", '{__name__=~"demo_disk_.*_bytes"}'),
    spec("sel.empty_label", `${mem}{nonexistent=""}`),
    spec("sel.nonexistent", "nonexistent_metric_name"),
    spec("sel.intermittent", "demo_intermittent_metric", {
      times: ["main", "end"],
      ranges: ["main", "fine"],
    }),
    spec("sel.gap", `${mem}{type="buffers"}`, { times: ["gap"], ranges: ["main"] }),
    spec("sel.nan", 'vigil_model_accuracy{model="churn"}', { ranges: ["main", "odd"] }),
    spec("sel.retired", 'vigil_model_accuracy{model="fraud"}', { times: ["main", "end"], ranges: ["main"] }),
    spec("sel.matrix", `${mem}{type="free"}[1m]`, { only: "instant", times: ["main", "end"] }),
    spec("sel.matrix_offset", "demo_num_cpus[2m] offset 3m", { only: "instant" }),
    spec("off.1m", `${mem} offset 1m`),
    spec("off.10m", `${mem} offset 10m`),
    spec("off.neg", `${mem} offset -5m`, { times: ["main", "end"] }),
    spec("off.compound", "demo_num_cpus offset 1m30s"),
    spec("at.ts", `${mem} @ ${(END_MS - 20 * MIN) / 1000}`),
    spec("at.ts_frac", `demo_num_cpus @ ${(END_MS - 20 * MIN + 500) / 1000}`),
    spec("at.start", `${mem} @ start()`),
    spec("at.end", `${mem} @ end()`),
    spec("at.offset", `${mem} @ end() offset 10m`),
    spec("at.rate", `rate(demo_cpu_usage_seconds_total[5m] @ ${(END_MS - 30 * MIN) / 1000})`),
    spec("at.sum_rate", "sum(rate(demo_cpu_usage_seconds_total[5m] @ start()))"),
  ];
}

function subquerySpecs(): Spec[] {
  return [
    spec(
      "sub.compliance_batch",
      "max_over_time((time() - max(demo_batch_last_success_timestamp_seconds) < 1000)[5m:10s] offset 5m)",
    ),
    spec("sub.avg_rate", "avg_over_time(rate(demo_cpu_usage_seconds_total[1m])[2m:10s])"),
    spec("sub.default_step", "max_over_time(demo_memory_usage_bytes[10m:])"),
    spec("sub.unaligned_step", "sum_over_time(demo_num_cpus[7m:45s])"),
    spec("sub.offset", "min_over_time(rate(demo_cpu_usage_seconds_total[5m])[10m:1m] offset 3m)"),
    spec("sub.at", "max_over_time(demo_disk_usage_bytes[5m:1m] @ end())"),
    spec("sub.nested", "max_over_time(deriv(rate(demo_cpu_usage_seconds_total[1m])[5m:1m])[10m:])"),
    spec("sub.raw", "demo_num_cpus[3m:1m]", { only: "instant" }),
    spec("sub.rate", "rate(sum(demo_cpu_usage_seconds_total)[5m:30s])"),
  ];
}

export function allSpecs(): Spec[] {
  return [
    ...selectorSpecs(),
    ...subquerySpecs(),
    ...operatorSpecs(),
    ...functionSpecs(),
    ...edgeSpecs(),
    ...errorSpecs(),
  ];
}

export function allCases(): ParityCase[] {
  const cases = allSpecs().flatMap(expand);
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`duplicate parity case id ${c.id}`);
    seen.add(c.id);
  }
  return cases;
}
