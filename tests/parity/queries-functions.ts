// Every function of Prometheus 2.42's promql/functions.go over the demo data, with the compliance tester's
// range and quantile variants where the function takes them.
import { type Spec, spec } from "./cases";

const MEM = "demo_memory_usage_bytes";
const CPU = "demo_cpu_usage_seconds_total";
const RANGES = ["1m", "5m", "15m"];
const OVER_TIME = ["avg", "min", "max", "sum", "count", "stddev", "stdvar", "last", "present"];
const MATH = ["abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "round", "sgn"];
const TRIG = [
  "acos",
  "acosh",
  "asin",
  "asinh",
  "atan",
  "atanh",
  "cos",
  "cosh",
  "sin",
  "sinh",
  "tan",
  "tanh",
  "deg",
  "rad",
];
const DATE = [
  "day_of_month",
  "day_of_week",
  "day_of_year",
  "days_in_month",
  "hour",
  "minute",
  "month",
  "year",
];

function rateSpecs(): Spec[] {
  const out: Spec[] = [];
  for (const f of ["rate", "increase", "delta"]) {
    for (const r of RANGES)
      out.push(spec(`rate.${f}.${r}`, `${f}(${CPU}[${r}])`, { only: r === "5m" ? undefined : "range" }));
    out.push(spec(`rate.${f}.nonexistent`, `${f}(nonexistent_metric[5m])`, { only: "instant" }));
  }
  out.push(
    spec("rate.rate.odd", `rate(${CPU}[2m])`, { ranges: ["odd", "fine"], only: "range" }),
    spec("rate.rate.reset", `rate(${CPU}{mode="user"}[10m])`, { times: ["main", "end", "after"] }),
    spec("rate.delta.gauge", `delta(${MEM}[5m])`, { only: "range" }),
    spec("rate.increase.gap", `increase(${MEM}{type="buffers"}[10m])`, { times: ["gap"] }),
    spec("rate.increase.predictions", "sum by (model) (increase(vigil_predictions_total[15m]))"),
    spec("rate.irate", `irate(${CPU}[1m])`),
    spec("rate.irate.5m", `irate(${CPU}[5m])`, { only: "range", ranges: ["odd"] }),
    spec("rate.idelta", `idelta(${MEM}[1m])`),
    spec("rate.idelta.5m", `idelta(${CPU}[5m])`, { only: "range" }),
    spec("rate.deriv", "deriv(demo_disk_usage_bytes[5m])"),
    spec("rate.deriv.15m", "deriv(demo_disk_usage_bytes[15m])", { only: "range" }),
    spec("rate.predict_linear", "predict_linear(demo_disk_usage_bytes[5m], 600)"),
    spec("rate.predict_linear.neg", "predict_linear(demo_disk_usage_bytes[15m], -3600)", { only: "instant" }),
    spec("rate.holt_winters", `holt_winters(${MEM}[10m], 0.5, 0.5)`),
    spec("rate.holt_winters.low", "holt_winters(demo_disk_usage_bytes[5m], 0.1, 0.9)", { only: "range" }),
    spec("rate.resets", `resets(${CPU}[15m])`, { ranges: ["main", "fine"] }),
    spec("rate.resets.hist", "sum(resets(demo_api_request_duration_seconds_count[1h]))", { only: "instant" }),
    spec("rate.changes", "changes(demo_batch_last_success_timestamp_seconds[15m])"),
    spec("rate.changes.nan", "changes(vigil_model_accuracy[10m])", { only: "range" }),
  );
  return out;
}

function overTimeSpecs(): Spec[] {
  const out: Spec[] = [];
  for (const f of OVER_TIME) {
    out.push(
      spec(`ot.${f}`, `${f}_over_time(${MEM}[5m])`, {
        only: f === "avg" || f === "max" ? undefined : "range",
      }),
    );
    out.push(
      spec(`ot.${f}.nan`, `${f}_over_time(vigil_model_accuracy[10m])`, {
        only: "instant",
        times: ["main", "end"],
      }),
    );
  }
  out.push(
    spec("ot.avg.1m", `avg_over_time(${MEM}[1m])`, { only: "range", ranges: ["odd"] }),
    spec("ot.count.gap", "count_over_time(demo_intermittent_metric[5m])", { ranges: ["main", "fine"] }),
    spec("ot.last.gap", `last_over_time(${MEM}{type="buffers"}[10m])`, { times: ["gap"] }),
    spec("ot.present.intermittent", "present_over_time(demo_intermittent_metric[3m])", { only: "range" }),
  );
  for (const q of ["-0.5", "0.1", "0.5", "0.75", "0.95", "1", "1.5"]) {
    out.push(
      spec(`ot.quantile.${q}`, `quantile_over_time(${q}, ${MEM}[5m])`, {
        only: q === "0.5" ? undefined : "instant",
      }),
    );
  }
  out.push(spec("ot.quantile.nan", "quantile_over_time(0.9, vigil_model_accuracy[15m])", { only: "range" }));
  return out;
}

function histogramSpecs(): Spec[] {
  const rate = "rate(demo_api_request_duration_seconds_bucket[1m])";
  const out: Spec[] = [];
  for (const q of ["-0.5", "0.1", "0.5", "0.75", "0.95", "0.99", "1", "1.5"]) {
    out.push(
      spec(`hist.quantile.${q}`, `histogram_quantile(${q}, ${rate})`, {
        only: q === "0.9" ? undefined : "instant",
      }),
    );
  }
  out.push(
    spec("hist.quantile.0.9", `histogram_quantile(0.9, ${rate})`, { only: "range" }),
    spec("hist.quantile.sum_by_le", `histogram_quantile(0.9, sum by (le) (${rate}))`),
    spec("hist.quantile.by_path", `histogram_quantile(0.5, sum by (le, path) (${rate}))`, { only: "range" }),
    spec(
      "hist.quantile.5m",
      "histogram_quantile(0.99, sum by (le, status) (rate(demo_api_request_duration_seconds_bucket[5m])))",
    ),
    spec("hist.quantile.nonexistent", "histogram_quantile(0.9, nonexistent_metric)", { only: "instant" }),
    spec("hist.quantile.no_le", `histogram_quantile(0.9, ${MEM})`, { only: "instant" }),
    spec(
      "hist.quantile.mixed",
      'histogram_quantile(0.9, {__name__=~"demo_api_request_duration_seconds_.+"})',
      {
        only: "instant",
      },
    ),
    spec(
      "hist.avg",
      "rate(demo_api_request_duration_seconds_sum[5m]) / rate(demo_api_request_duration_seconds_count[5m])",
      {
        only: "range",
      },
    ),
    spec("hist.count_native", "histogram_count(demo_api_request_duration_seconds_count)", {
      only: "instant",
    }),
    spec("hist.sum_native", "histogram_sum(demo_api_request_duration_seconds_sum)", { only: "instant" }),
  );
  return out;
}

function labelSpecs(): Spec[] {
  const c = "demo_num_cpus";
  const i = (id: string, q: string, error = false) => spec(id, q, { only: "instant", error });
  return [
    i(
      "label.replace.full",
      `label_replace(${c}, "job", "destination-value-$1", "instance", "demo.promlabs.com:(.*)")`,
    ),
    i(
      "label.replace.no_substring",
      `label_replace(${c}, "job", "destination-value-$1", "instance", "host:(.*)")`,
    ),
    i("label.replace.groups", `label_replace(${c}, "job", "$1-$2", "instance", "demo.(.*):(.*)")`),
    i(
      "label.replace.missing_src",
      `label_replace(${c}, "job", "value-$1", "nonexistent-src", "source-value-(.*)")`,
    ),
    i("label.replace.empty_src", `label_replace(${c}, "job", "value-$1", "nonexistent-src", "(.*)")`),
    i("label.replace.nomatch", `label_replace(${c}, "job", "value-$1", "instance", "non-matching-regex")`),
    i("label.replace.drop", `label_replace(${c}, "job", "", "dst", ".*")`),
    i("label.replace.name", `label_replace(${c}, "__name__", "renamed_$1", "instance", ".*:(.*)")`),
    i("label.replace.named_group", `label_replace(${c}, "port", "\${port}", "instance", ".*:(?P<port>.*)")`),
    spec("label.replace.range", `label_replace(rate(${CPU}[5m]), "m", "$1", "mode", "(.).*")`, {
      only: "range",
    }),
    i("label.join.new", `label_join(${c}, "new_label", "-", "instance", "job")`),
    i("label.join.self", `label_join(${c}, "job", "-", "instance", "job")`),
    i("label.join.one", `label_join(${c}, "job", "-", "instance")`),
    i("label.join.none", `label_join(${c}, "job", "-")`),
    i("label.join.missing", `label_join(${c}, "x", ",", "nonexistent", "instance")`),
  ];
}

function miscSpecs(): Spec[] {
  const out: Spec[] = [];
  for (const f of MATH) {
    out.push(spec(`math.${f}`, `${f}(${MEM} / 1e9)`, { only: "instant" }));
    out.push(spec(`math.${f}.neg`, `${f}(-${MEM} / 3e9)`, { only: f === "round" ? undefined : "instant" }));
  }
  for (const f of TRIG)
    out.push(spec(`trig.${f}`, `${f}(vigil_model_accuracy * 2 - 1)`, { only: "instant" }));
  out.push(spec("trig.sin.range", "sin(demo_num_cpus)", { only: "range" }), spec("trig.pi", "pi()"));
  for (const f of DATE) {
    out.push(spec(`date.${f}`, `${f}()`, { only: f === "hour" ? undefined : "instant" }));
    out.push(
      spec(`date.${f}.arg`, `${f}(demo_batch_last_success_timestamp_seconds offset 10m)`, {
        only: "instant",
      }),
    );
  }
  out.push(
    spec("math.round.to", `round(${MEM}, 1e6)`, { only: "instant" }),
    spec("math.round.half", "round(vector(2.5)) + round(vector(-2.5)) * 10", { only: "instant" }),
    spec("math.round.frac", "round(vigil_model_accuracy, 0.05)", { only: "instant" }),
    spec("math.exp.overflow", "exp(demo_num_cpus * 200)", { only: "instant" }),
    spec("math.ln.zero", "ln(demo_num_cpus - demo_num_cpus)", { only: "instant" }),
    spec("clamp.min", `clamp_min(${MEM}, 3e9)`),
    spec("clamp.max", `clamp_max(${MEM}, 3e9)`, { only: "instant" }),
    spec("clamp.both", `clamp(${MEM}, 2e9, 4e9)`, { only: "instant" }),
    spec("clamp.01", `clamp(${MEM}, 0, 1)`, { only: "instant" }),
    spec("clamp.inverted", `clamp(${MEM}, 1e12, 0)`, { only: "instant" }),
    spec("clamp.equal", `clamp(${MEM}, 1e12, 1e12)`, { only: "instant" }),
    spec("time.time", "time()"),
    spec("time.timestamp", "timestamp(demo_num_cpus)", { times: ["main", "after"] }),
    spec("time.timestamp2", "timestamp(timestamp(demo_num_cpus))", { only: "instant" }),
    spec("time.timestamp_offset", "timestamp(demo_num_cpus offset 5m)", { only: "range" }),
    spec("time.batch_age", "time() - demo_batch_last_success_timestamp_seconds"),
    spec("vec.vector", "vector(1.23)"),
    spec("vec.vector_time", "vector(time())"),
    spec("vec.scalar", "scalar(demo_num_cpus)"),
    spec("vec.scalar_one", 'scalar(demo_num_cpus{instance="demo.promlabs.com:10001"})'),
    spec("vec.scalar_mix", `${MEM} / scalar(sum(demo_num_cpus))`, { only: "instant" }),
    spec("abs.present", `absent(${MEM})`),
    spec("abs.missing", "absent(nonexistent_metric_name)"),
    spec("abs.labels", 'absent(nonexistent{job="x", instance=~"y.*"})', { only: "instant" }),
    spec("abs.dup_label", 'absent(nonexistent{job="x", job="y"})', { only: "instant" }),
    spec("abs.intermittent", "absent(demo_intermittent_metric)", { only: "range", ranges: ["main", "fine"] }),
    spec("abs.over_time", `absent_over_time(${MEM}[5m])`, { only: "instant" }),
    spec("abs.over_time_missing", 'absent_over_time(nonexistent{job="x"}[5m])'),
    spec("abs.over_time_gap", "absent_over_time(demo_intermittent_metric[2m])", {
      only: "range",
      ranges: ["fine"],
    }),
    spec("sort.asc", `sort(${MEM})`, { only: "instant", ordered: true, times: ["main", "end"] }),
    spec("sort.desc", `sort_desc(${MEM})`, { only: "instant", ordered: true }),
    spec("sort.nan", "sort(vigil_model_accuracy)", {
      only: "instant",
      ordered: true,
      times: ["main", "end"],
    }),
    spec("sort.range", `sort_desc(${MEM})`, { only: "range" }),
  );
  return out;
}

export function functionSpecs(): Spec[] {
  return [...rateSpecs(), ...overTimeSpecs(), ...histogramSpecs(), ...labelSpecs(), ...miscSpecs()];
}
