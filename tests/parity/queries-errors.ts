// Queries Prometheus 2.42 rejects: parse errors (bad_data) and execution errors. Vigil must reject each one too;
// the message is not compared, only that both sides fail.
import { type Spec, spec } from "./cases";

const MEM = "demo_memory_usage_bytes";

export function errorSpecs(): Spec[] {
  const parse: [string, string][] = [
    ["unclosed_brace", "demo_num_cpus{"],
    ["unclosed_paren", "sum(demo_num_cpus"],
    ["dangling_op", "1 +"],
    ["empty", ""],
    ["all_empty_matchers", '{__name__=~".*"}'],
    ["empty_selector", "{}"],
    ["only_empty_matcher", '{job=""}'],
    ["bad_regex", 'demo_num_cpus{job=~"("}'],
    ["rate_instant", "rate(demo_cpu_usage_seconds_total)"],
    ["range_binop", "demo_num_cpus[5m] + 1"],
    ["range_agg", "sum(demo_num_cpus[5m])"],
    ["unknown_func", "nonexistent_func(demo_num_cpus)"],
    ["arg_count", 'label_replace(demo_num_cpus, "job")'],
    ["too_many_args", "abs(demo_num_cpus, 1)"],
    ["time_arg", "time(1)"],
    ["topk_string", 'topk("a", demo_num_cpus)'],
    ["quantile_missing_param", "quantile(demo_num_cpus)"],
    ["set_scalar", `${MEM} and 1`],
    ["set_scalars", "1 and 1"],
    ["bool_arith", `${MEM} + bool 1`],
    ["bool_vv_missing_comp", `${MEM} on(instance) ${MEM}`],
    ["group_left_set", `${MEM} and on(instance) group_left ${MEM}`],
    ["double_offset", `${MEM} offset 1m offset 2m`],
    ["double_at", `${MEM} @ 100 @ 200`],
    ["at_string", `${MEM} @ foo`],
    ["bad_duration", `rate(${MEM}[5x])`],
    ["zero_range", `rate(${MEM}[0s])`],
    ["subquery_double_step", `${MEM}[5m:1m:1m]`],
    ["string_arith", '"a" + 1'],
    ["string_vector", 'sum("a")'],
    ["missing_comma", 'demo_num_cpus{job="demo" instance="x"}'],
    ["grouping_twice", `sum by (instance) (${MEM}) by (job)`],
    ["bad_label_name", "sum by (0x) (demo_num_cpus)"],
    ["over_time_instant", "avg_over_time(demo_num_cpus)"],
    ["quantile_over_time_args", "quantile_over_time(0.5)"],
    ["holt_winters_scalar", "holt_winters(demo_num_cpus, 0.5, 0.5)"],
    ["comparison_scalars", "1 > 2"],
    ["unary_string", '-"a"'],
  ];
  const exec: [string, string][] = [
    ["label_replace_bad_dst", 'label_replace(demo_num_cpus, "\\xff", "", "src", "(.*)")'],
    ["label_join_bad_dst", 'label_join(demo_num_cpus, "\\xff", "-", "instance")'],
    ["many_to_many", `${MEM} * on(instance) ${MEM}`],
    ["duplicate_match_group", `${MEM} / on(instance) group_left ${MEM}`],
    ["group_right_dup", `${MEM} / on(instance, job) group_right demo_num_cpus`],
    ["label_replace_bad_regex", 'label_replace(demo_num_cpus, "job", "value-$1", "src", "(.*")'],
    ["label_replace_dup", 'label_replace(demo_num_cpus, "instance", "", "", "")'],
    ["count_values_bad_label", 'count_values("a b", demo_num_cpus)'],
    ["dup_after_name_drop", 'rate({__name__=~"demo_disk_.*"}[5m]) or abs({__name__=~"demo_disk_.*"})'],
    ["abs_dup_labelsets", 'abs({__name__=~"demo_disk_.*_bytes"})'],
    ["holt_winters_bad_sf", `holt_winters(${MEM}[5m], 1.5, 0.5)`],
    ["holt_winters_bad_tf", `holt_winters(${MEM}[5m], 0.5, 0)`],
  ];
  const out: Spec[] = [];
  for (const [id, q] of parse) out.push(spec(`err.parse.${id}`, q, { only: "instant", error: true }));
  for (const [id, q] of exec) out.push(spec(`err.exec.${id}`, q, { only: "instant", error: true }));
  out.push(
    spec("err.range.matrix", `${MEM}[5m]`, { only: "range", error: true }),
    spec("err.range.string", '"a string"', { only: "range", error: true }),
    spec("err.range.exec", `${MEM} * on(instance) ${MEM}`, { only: "range", error: true }),
  );
  return out;
}
