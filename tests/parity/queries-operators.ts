// Aggregations and binary operators, in the spirit of the compliance tester's variant lists
// (simpleAggrOp × grouping, binOp × operand kinds, vector matching with and without grouping modifiers).
import { type Spec, spec } from "./cases";

const MEM = "demo_memory_usage_bytes";
const SIMPLE_AGGR = ["sum", "avg", "max", "min", "count", "stddev", "stdvar", "group"];
const ARITH = ["+", "-", "*", "/", "%", "^", "atan2"];
const COMP = ["==", "!=", ">", "<", ">=", "<="];
const opName: Record<string, string> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "%": "mod",
  "^": "pow",
  atan2: "atan2",
  "==": "eq",
  "!=": "ne",
  ">": "gt",
  "<": "lt",
  ">=": "ge",
  "<=": "le",
};

function aggregationSpecs(): Spec[] {
  const out: Spec[] = [];
  for (const op of SIMPLE_AGGR) {
    out.push(spec(`agg.${op}`, `${op}(${MEM})`));
    out.push(spec(`agg.${op}.by_instance`, `${op} by (instance) (${MEM})`, { only: "range" }));
    out.push(spec(`agg.${op}.without_instance`, `${op} without (instance) (${MEM})`, { only: "instant" }));
  }
  out.push(
    spec("agg.sum.nonexistent", "sum(nonexistent_metric_name)"),
    spec("agg.sum.by_empty", `sum by () (${MEM})`, { only: "instant" }),
    spec("agg.sum.by_two", `sum by (instance, type) (${MEM})`, { only: "instant" }),
    spec("agg.sum.by_nonexistent", `sum by (nonexistent) (${MEM})`),
    spec("agg.sum.without_empty", `sum without () (${MEM})`),
    spec("agg.sum.without_two", `sum without (instance, type) (${MEM})`),
    spec("agg.sum.trailing_by", `sum(${MEM}) by (type)`, { only: "instant" }),
    spec("agg.avg.nan", "avg by (model) (vigil_model_accuracy)", { ranges: ["main", "odd"] }),
    spec("agg.max.nan", "max by (model, version) (vigil_model_accuracy)", { only: "range" }),
    spec("agg.min.nan", "min(vigil_model_accuracy)", { only: "range" }),
    spec("agg.nested", `avg(max by (type) (${MEM}))`),
    spec("agg.group.name", 'count by (__name__) ({__name__=~"demo_.+"})'),
    spec("agg.stddev.const", "stddev(demo_num_cpus)"),
    spec("agg.topk", `topk(3, ${MEM})`),
    spec("agg.topk.by", `topk by (instance) (2, ${MEM})`),
    spec("agg.topk.without", `topk without (instance) (2, ${MEM})`, { only: "range" }),
    spec("agg.topk.without_empty", `topk without () (2, ${MEM})`, { only: "instant" }),
    spec("agg.topk.scalar_param", `topk(scalar(min(demo_num_cpus)) - 3, ${MEM})`),
    spec("agg.topk.nan", "topk(2, vigil_model_accuracy)", { only: "range" }),
    spec("agg.bottomk", `bottomk(3, ${MEM})`),
    spec("agg.bottomk.by", `bottomk by (instance) (2, ${MEM})`),
    spec("agg.bottomk.zero", `bottomk(0, ${MEM})`, { only: "instant" }),
    spec("agg.count_values", 'count_values("value", demo_num_cpus)'),
    spec("agg.count_values.by", 'count_values by (instance) ("cpus", demo_num_cpus)', { only: "instant" }),
    spec("agg.count_values.buckets", 'count_values("value", demo_api_request_duration_seconds_bucket)', {
      only: "instant",
    }),
    spec("agg.count_values.overwrite", 'count_values("instance", demo_num_cpus)', { only: "instant" }),
  );
  for (const [name, q] of [
    ["neg", "-0.5"],
    ["p10", "0.1"],
    ["p50", "0.5"],
    ["p95", "0.95"],
    ["one", "1"],
    ["over", "1.5"],
  ]) {
    out.push(
      spec(`agg.quantile.${name}`, `quantile(${q}, ${MEM})`, {
        only: name === "p50" ? undefined : "instant",
      }),
    );
  }
  out.push(spec("agg.quantile.by", `quantile by (type) (0.75, ${MEM})`, { only: "range" }));
  return out;
}

function binarySpecs(): Spec[] {
  const out: Spec[] = [];
  for (const op of ARITH) {
    const n = opName[op]!;
    out.push(spec(`bin.vs.${n}`, `${MEM} ${op} 1.2345`, { only: "range" }));
    out.push(spec(`bin.sv.${n}`, `0.12345 ${op} ${MEM}`, { only: "instant" }));
    out.push(spec(`bin.vv.${n}`, `${MEM} ${op} on(instance, job, type) ${MEM}`, { only: "instant" }));
    out.push(spec(`bin.time_s.${n}`, `time() ${op} 1`, { only: "range" }));
    out.push(spec(`bin.time_v.${n}`, `demo_num_cpus ${op} time()`, { only: "instant" }));
    out.push(
      spec(
        `bin.group_left.${n}`,
        `sum by (instance, type) (${MEM}) ${op} on(instance, type) group_left(job) ${MEM}`,
        {
          only: "instant",
        },
      ),
    );
  }
  for (const op of COMP) {
    const n = opName[op]!;
    out.push(spec(`bin.filter.${n}`, `${MEM} ${op} 3e9`));
    out.push(spec(`bin.bool.${n}`, `${MEM} ${op} bool 3e9`, { only: "instant" }));
    out.push(spec(`bin.bool_sv.${n}`, `1.2345 ${op} bool ${MEM}`, { only: "range" }));
    out.push(spec(`bin.ss_bool.${n}`, `demo_num_cpus + (1 ${op} bool 2)`, { only: "instant" }));
    out.push(
      spec(`bin.vv_filter.${n}`, `${MEM} ${op} on(instance, job) group_left ${MEM}{type="used"}`, {
        only: "instant",
      }),
    );
    out.push(
      spec(`bin.vv_bool.${n}`, `${MEM} ${op} bool on(instance, job, type) ${MEM} offset 1m`, {
        only: "range",
      }),
    );
    out.push(spec(`bin.time_bool.${n}`, `time() ${op} bool time()`, { only: "instant" }));
  }
  out.push(
    spec("bin.scalar_expr", `${MEM} * (1 * 2 + 4 / 6 - 10)`, { only: "instant" }),
    spec("bin.paren_scalar", `(1 * 2 + 4 / 6 - (10%7)^2) - ${MEM}`, { only: "instant" }),
    spec("bin.timestamp_scalar", `timestamp(${MEM} * 1)`),
    spec("bin.timestamp_neg", `timestamp(-${MEM})`, { only: "instant" }),
    spec("bin.unary_neg", `-${MEM}`, { only: "instant" }),
    spec("bin.unary_paren", `${MEM} + -(1)`, { only: "instant" }),
    spec("bin.pow_right_assoc", "2 ^ 3 ^ 2", { only: "instant" }),
    spec("bin.precedence", "demo_num_cpus + 2 * demo_num_cpus % 5 ^ 2", { only: "instant" }),
    spec("match.ignoring", `${MEM} / ignoring(type) group_left sum without (type) (${MEM})`),
    spec("match.on_name", `${MEM} / on(instance, job, type, __name__) ${MEM}`, { only: "instant" }),
    spec("match.without_job", `sum without(job) (${MEM}) / on(instance, type) ${MEM}`, { only: "instant" }),
    spec("match.group_left_nolabels", `sum without(job) (${MEM}) / on(instance, type) group_left ${MEM}`, {
      only: "instant",
    }),
    spec("match.group_left_cpus", `${MEM} / on(instance, job) group_left demo_num_cpus`),
    spec("match.group_right", `demo_num_cpus * on(instance) group_right(job) ${MEM}`, { only: "instant" }),
    spec("match.nonexistent_label", `${MEM} / on(instance, type, job, non_existent) ${MEM}`, {
      only: "instant",
    }),
    spec("match.default", "demo_disk_usage_bytes / demo_disk_total_bytes"),
    spec("match.default_names", "demo_disk_usage_bytes / ignoring(__name__) demo_disk_total_bytes", {
      only: "instant",
    }),
    spec("match.no_overlap", `${MEM} + demo_num_cpus`, { only: "instant" }),
    spec("set.and", `${MEM} and ${MEM}{type="free"}`, { only: "instant" }),
    spec("set.and_on", `${MEM} and on(instance) demo_num_cpus > 5`),
    spec("set.or", `${MEM}{type="free"} or demo_num_cpus`),
    spec("set.or_ignoring", `${MEM}{type="free"} or ignoring(type) ${MEM}{type="used"}`, { only: "instant" }),
    spec("set.unless", `${MEM} unless ${MEM}{type="free"}`, { only: "instant" }),
    spec("set.unless_on", `${MEM} unless on(instance) demo_num_cpus > 5`),
    spec("set.intermittent", "demo_num_cpus unless on(instance) demo_intermittent_metric", {
      ranges: ["main", "fine"],
    }),
    spec("set.or_gap", `${MEM}{type="buffers"} or on(instance) demo_num_cpus`, { times: ["gap"] }),
    spec("nan.mul_inf", "demo_num_cpus * Inf", { only: "instant" }),
    spec("nan.mul_ninf", "demo_num_cpus * -Inf", { only: "instant" }),
    spec("nan.mul_nan", "demo_num_cpus * NaN", { only: "instant" }),
    spec("nan.inf_minus_inf", "Inf - Inf", { only: "instant" }),
    spec("nan.div_zero", "demo_num_cpus / 0", { only: "instant" }),
    spec("nan.zero_div_zero", "(demo_num_cpus - demo_num_cpus) / 0", { only: "instant" }),
    spec("nan.neg_div_zero", "-demo_num_cpus / 0", { only: "instant" }),
    spec("nan.mod_zero", "demo_num_cpus % 0", { only: "instant" }),
    spec("nan.cmp_nan", "vigil_model_accuracy > 0.5", { only: "range" }),
    spec("nan.eq_nan_bool", "NaN == bool NaN", { only: "instant" }),
    spec("nan.vec_eq_nan", "vigil_model_accuracy != bool NaN", { only: "range" }),
    spec("nan.pow_neg", "(-demo_num_cpus) ^ 0.5", { only: "instant" }),
    spec("nan.mod_neg", "-7 % 3", { only: "instant" }),
    spec("nan.mod_float", "demo_memory_usage_bytes % 1.7", { only: "instant" }),
  );
  return out;
}

export function operatorSpecs(): Spec[] {
  return [...aggregationSpecs(), ...binarySpecs()];
}
