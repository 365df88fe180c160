// Edge cases where a JavaScript engine drifts from Go's Prometheus: RE2 vs JS regexes, Go's float and
// regexp.Expand formatting, PromQL string escapes, unusual durations, and syntax only newer Prometheus
// versions accept (the lezer grammar follows Prometheus 3.x, so the parser must reject what 2.42 rejects).
import { type Spec, spec } from "./cases";

const C = "demo_num_cpus";

export function edgeSpecs(): Spec[] {
  const i = (id: string, q: string, error = false) => spec(id, q, { only: "instant", error });
  const newer: [string, string][] = [
    ["limitk", `limitk(1, ${C})`],
    ["limit_ratio", `limit_ratio(0.5, ${C})`],
    ["sort_by_label", `sort_by_label(${C}, "instance")`],
    ["sort_by_label_desc", `sort_by_label_desc(${C}, "instance")`],
    ["histogram_stddev", "histogram_stddev(demo_api_request_duration_seconds_count)"],
    ["histogram_avg", "histogram_avg(demo_api_request_duration_seconds_count)"],
    ["double_exponential_smoothing", "double_exponential_smoothing(demo_disk_usage_bytes[5m], 0.5, 0.5)"],
    ["mad_over_time", "mad_over_time(demo_disk_usage_bytes[5m])"],
    ["info", `info(${C})`],
    ["quoted_name", '{"demo_num_cpus"}'],
    ["quoted_label", 'demo_num_cpus{"instance"="x"}'],
    ["duration_arith", `max_over_time(${C}[5m+1m])`],
    ["step_func", `max_over_time(${C}[step()])`],
  ];
  return [
    i("edge.re.escaped_dot", `${C}{instance=~"demo\\\\.promlabs\\\\.com:1000[01]"}`),
    i("edge.re.case_insensitive", `${C}{instance=~"(?i)DEMO.PROMLABS.*"}`),
    i("edge.re.nre_empty", `${C}{instance!~""}`),
    i("edge.re.alternation_anchor", `${C}{instance=~"demo.promlabs.com:10000|.*10002"}`),
    i("edge.re.char_class", `${C}{instance=~"[[:alpha:]]+\\\\.promlabs.*"}`),
    i("edge.re.label_replace_case", `label_replace(${C}, "x", "$1", "instance", "(?i)(DEMO).*")`),
    i("edge.expand.suffix", `label_replace(${C}, "x", "$1x", "instance", "(.*)")`),
    i("edge.expand.braced", `label_replace(${C}, "x", "\${1}x", "instance", "(.*)")`),
    i("edge.expand.dollar", `label_replace(${C}, "x", "$$1", "instance", "(.*)")`),
    i("edge.expand.out_of_range", `label_replace(${C}, "x", "a$9b", "instance", "(.*)")`),
    i("edge.fmt.count_values_big", 'count_values("v", demo_disk_total_bytes * 1e12)'),
    i("edge.fmt.count_values_small", 'count_values("v", demo_num_cpus / 3e7)'),
    i("edge.fmt.count_values_frac", 'count_values("v", vigil_model_accuracy)'),
    i("edge.fmt.count_values_inf", 'count_values("v", demo_num_cpus / 0)'),
    i("edge.str.escapes", `label_replace(${C}, "x", "a\\tb\\u00e9\\"", "", "")`),
    i("edge.str.single_quotes", `label_replace(${C}, 'x', 'it\\'s', '', '')`),
    i("edge.str.raw", `label_replace(${C}, "x", \`a\\tb\`, "", "")`),
    i("edge.str.label_value_escape", `${C}{instance="demo.promlabs.com:10000\\n"}`),
    spec("edge.dur.ms", `${C} offset 500ms`, { only: "instant" }),
    spec("edge.dur.90s", `max_over_time(${C}[90s])`, { only: "instant" }),
    spec("edge.dur.compound", "rate(demo_cpu_usage_seconds_total[1h5m])", { only: "instant" }),
    spec("edge.dur.short_range", "rate(demo_cpu_usage_seconds_total[10s])", { only: "range" }),
    spec("edge.dur.day", `count_over_time(${C}[1d])`, { only: "instant" }),
    i("edge.num.hex_upper", "0X1F + 0x1f"),
    i("edge.num.exp", "1e3 - 1E-3"),
    i("edge.num.inf_times_zero", "Inf * 0"),
    i("edge.num.nan_literal_cmp", `${C} > bool NaN`),
    i("edge.abs.sum_nonexistent", "absent(sum(nonexistent_metric_name))"),
    i("edge.abs.rate_labels", 'absent(rate(nonexistent{job="a"}[5m]))'),
    spec("edge.at.range_end", "rate(demo_cpu_usage_seconds_total[5m] @ end())", { only: "range" }),
    spec("edge.at.timestamp", `timestamp(${C} @ start())`, { only: "range" }),
    spec("edge.sub.aligned", `max_over_time(${C}[1m:15s])`, { only: "range", ranges: ["odd"] }),
    spec("edge.chain.bool", `${C} > bool 5 > bool 0`, { only: "instant" }),
    spec("edge.topk.k_fraction", "topk(1.9, demo_memory_usage_bytes)", { only: "instant" }),
    spec("edge.quantile.nan_param", "quantile(NaN, demo_memory_usage_bytes)", { only: "instant" }),
    ...newer.map(([id, q]) => i(`err.newer.${id}`, q, true)),
  ];
}
