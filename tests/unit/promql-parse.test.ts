// Valid PromQL (Prometheus 2.42 syntax) parses into the expected AST: table of query → salient parts.
import { describe, expect, it } from "vitest";
import { parse, typeOf } from "../../lib/promql";

const sel = (name: string, extra: object = {}) => ({
  type: "vectorSelector",
  name,
  matchers: [{ name: "__name__", op: "=", value: name }],
  offsetMs: 0,
  at: null,
  ...extra,
});
const num = (value: number) => ({ type: "number", value });
const oneToOne = { card: "one-to-one", on: false, labels: [], include: [] };

const cases: [string, object][] = [
  // selectors
  ["foo", sel("foo", { pos: { start: 0, end: 3 } })],
  ["foo:bar_baz", sel("foo:bar_baz")],
  [
    'foo{a="b", c!="d", e=~"f.*", g!~"h"}',
    {
      type: "vectorSelector",
      name: "foo",
      matchers: [
        { name: "a", op: "=", value: "b" },
        { name: "c", op: "!=", value: "d" },
        { name: "e", op: "=~", value: "f.*" },
        { name: "g", op: "!~", value: "h" },
        { name: "__name__", op: "=", value: "foo" },
      ],
    },
  ],
  ['{job="x"}', { type: "vectorSelector", name: null, matchers: [{ name: "job", op: "=", value: "x" }] }],
  ['{__name__="up"}', { type: "vectorSelector", name: null, matchers: [{ name: "__name__", value: "up" }] }],
  ['{__name__=~"demo_.+"}', { type: "vectorSelector", name: null }],
  ['{a=~".+"}', { type: "vectorSelector" }],
  ['{a!=""}', { type: "vectorSelector" }],
  ['{a="", b="x"}', { type: "vectorSelector" }],
  ["foo{}", sel("foo")],
  ['foo{a="b",}', { name: "foo", matchers: [{ name: "a" }, { name: "__name__" }] }],
  ["foo # trailing comment", sel("foo")],
  ["sum # c\n(foo)", { type: "aggregate", op: "sum" }],
  ['foo{a=~"(?:x|y)\\\\d+[a-z]{2,3}"}', { matchers: [{ op: "=~", value: "(?:x|y)\\d+[a-z]{2,3}" }, {}] }],
  // matrix selectors, subqueries, offset, @
  ["foo[5m]", { type: "matrixSelector", vector: sel("foo"), rangeMs: 300_000, pos: { start: 0, end: 7 } }],
  ["foo[1h30m]", { type: "matrixSelector", rangeMs: 5_400_000 }],
  ["foo[500ms]", { type: "matrixSelector", rangeMs: 500 }],
  ["foo[1d]", { type: "matrixSelector", rangeMs: 86_400_000 }],
  ["foo[1w]", { type: "matrixSelector", rangeMs: 604_800_000 }],
  ["foo[1y]", { type: "matrixSelector", rangeMs: 31_536_000_000 }],
  ["foo[30m:1m]", { type: "subquery", expr: sel("foo"), rangeMs: 1_800_000, stepMs: 60_000 }],
  ["foo[30m:]", { type: "subquery", rangeMs: 1_800_000, stepMs: null, offsetMs: 0, at: null }],
  ["rate(foo[5m])[30m:1m]", { type: "subquery", expr: { type: "call", func: "rate" } }],
  ["max_over_time(foo[5m:])[10m:]", { type: "subquery", expr: { type: "call" }, rangeMs: 600_000 }],
  ["(foo)[5m:]", { type: "subquery", expr: { type: "paren" } }],
  ["foo offset 5m", sel("foo", { offsetMs: 300_000, pos: { start: 0, end: 13 } })],
  ["foo offset -5m", sel("foo", { offsetMs: -300_000 })],
  ["foo OFFSET 1h", sel("foo", { offsetMs: 3_600_000 })],
  ["foo[5m] offset 1m", { type: "matrixSelector", vector: { offsetMs: 60_000 }, pos: { start: 0, end: 17 } }],
  ["foo[30m:1m] offset 1m", { type: "subquery", offsetMs: 60_000 }],
  ["foo @ 1609746000", sel("foo", { at: { kind: "timestamp", ms: 1_609_746_000_000 } })],
  ["foo @ 100.5", sel("foo", { at: { kind: "timestamp", ms: 100_500 } })],
  ["foo @ -100", sel("foo", { at: { kind: "timestamp", ms: -100_000 } })],
  ["foo @ 1e3", sel("foo", { at: { kind: "timestamp", ms: 1_000_000 } })],
  ["foo @ start()", sel("foo", { at: { kind: "start" } })],
  ["foo @ end()", sel("foo", { at: { kind: "end" } })],
  ["foo[5m] @ end()", { type: "matrixSelector", vector: { at: { kind: "end" } } }],
  ["foo[30m:] @ start()", { type: "subquery", at: { kind: "start" } }],
  ["foo @ 100 offset 5m", sel("foo", { at: { kind: "timestamp", ms: 100_000 }, offsetMs: 300_000 })],
  ["foo offset 5m @ 100", sel("foo", { at: { kind: "timestamp", ms: 100_000 }, offsetMs: 300_000 })],
  [
    "foo[5m] offset -1m @ start()",
    { vector: { offsetMs: -60_000, at: { kind: "start" } }, pos: { end: 28 } },
  ],
  [
    "a + b offset 5m",
    { op: "+", lhs: sel("a"), rhs: sel("b", { offsetMs: 300_000, pos: { start: 4, end: 15 } }) },
  ],
  ["a / b @ 100", { op: "/", rhs: sel("b", { at: { kind: "timestamp", ms: 100_000 } }), pos: { end: 11 } }],
  ["a * b < c offset 1m", { op: "<", lhs: { op: "*" }, rhs: sel("c", { offsetMs: 60_000 }) }],
  ["-a offset 1m", { type: "unary", expr: sel("a", { offsetMs: 60_000 }), pos: { start: 0, end: 12 } }],
  // unary, numbers folded like Prometheus
  ["-1", { type: "number", value: -1, pos: { start: 0, end: 2 } }],
  ["- 1", { type: "number", value: -1 }],
  ["+1", num(1)],
  ["- -1", num(1)],
  ["-foo", { type: "unary", op: "-", expr: sel("foo") }],
  ["+foo", { type: "unary", op: "+" }],
  ["-(1)", { type: "unary", op: "-", expr: { type: "paren", expr: num(1) } }],
  ["-2 ^ 2", { type: "unary", op: "-", expr: { type: "binary", op: "^", lhs: num(2), rhs: num(2) } }],
  ["2 ^ -3 ^ 2", { type: "binary", lhs: num(2), rhs: { type: "unary", expr: { type: "binary", op: "^" } } }],
  ["-foo ^ 2", { type: "unary", expr: { type: "binary", op: "^" } }],
  ["-2 * 3", { type: "binary", op: "*", lhs: num(-2), rhs: num(3) }],
  // binary operators and precedence
  ["1 + 2 * 3", { type: "binary", op: "+", lhs: num(1), rhs: { op: "*" }, matching: null }],
  ["(1 + 2) * 3", { op: "*", lhs: { type: "paren", expr: { op: "+" } } }],
  ["1 - 2 - 3", { op: "-", lhs: { op: "-" }, rhs: num(3) }],
  ["2 ^ 3 ^ 2", { op: "^", lhs: num(2), rhs: { op: "^" } }],
  ["1 + 2 > bool 2", { op: ">", bool: true, lhs: { op: "+" } }],
  ["foo / 2 % 3", { op: "%", lhs: { op: "/" } }],
  ["foo atan2 bar", { op: "atan2", matching: oneToOne }],
  ["foo + bar", { op: "+", lhs: sel("foo"), rhs: sel("bar"), bool: false, matching: oneToOne }],
  ["foo * 2", { op: "*", matching: null }],
  ["foo == 1", { op: "==", bool: false }],
  ["foo != bool 1", { op: "!=", bool: true }],
  ["1 < bool 2", { op: "<", bool: true, matching: null }],
  ["foo >= bar", { op: ">=" }],
  ["foo <= bar", { op: "<=" }],
  ["a or b and c unless d", { op: "or", rhs: { op: "unless", lhs: { op: "and" } } }],
  ["a and b", { op: "and", matching: { card: "many-to-many", on: false, labels: [], include: [] } }],
  ["a or on(x) b", { op: "or", matching: { card: "many-to-many", on: true, labels: ["x"] } }],
  ["a unless ignoring(x, y) b", { matching: { card: "many-to-many", on: false, labels: ["x", "y"] } }],
  ["a + on(x) b", { matching: { card: "one-to-one", on: true, labels: ["x"], include: [] } }],
  ["a + on() b", { matching: { card: "one-to-one", on: true, labels: [] } }],
  ["a * on(x) group_left b", { matching: { card: "many-to-one", on: true, labels: ["x"], include: [] } }],
  ["a * on(x) group_left(y, z) b", { matching: { card: "many-to-one", include: ["y", "z"] } }],
  ["a * ignoring(x) group_right(y) b", { matching: { card: "one-to-many", on: false, include: ["y"] } }],
  ["a > bool on(x) b", { bool: true, matching: { on: true, labels: ["x"] } }],
  ["1 + on() 2", { op: "+", matching: null }],
  ["a + ignoring() group_left 1", { matching: null }],
  // aggregations
  ["sum(foo)", { type: "aggregate", op: "sum", expr: sel("foo"), param: null, grouping: [], without: false }],
  ["sum by (a, b) (foo)", { op: "sum", grouping: ["a", "b"], without: false, pos: { start: 0, end: 19 } }],
  ["sum(foo) by (a)", { grouping: ["a"], without: false }],
  ["avg without (a) (foo)", { op: "avg", grouping: ["a"], without: true }],
  ["max(foo) without (a,)", { op: "max", grouping: ["a"], without: true }],
  ["SUM BY (job) (foo)", { op: "sum", grouping: ["job"] }],
  ["count by () (foo)", { op: "count", grouping: [] }],
  ["min(foo)", { op: "min" }],
  ["stddev(foo)", { op: "stddev" }],
  ["stdvar(foo)", { op: "stdvar" }],
  ["group(foo)", { op: "group" }],
  ["topk(3, foo)", { op: "topk", param: num(3), expr: sel("foo") }],
  ["bottomk by (a) (2, foo)", { op: "bottomk", param: num(2), grouping: ["a"] }],
  ["quantile(0.9, foo)", { op: "quantile", param: num(0.9) }],
  ['count_values("v", foo)', { op: "count_values", param: { type: "string", value: "v" } }],
  ["topk(scalar(bar), foo)", { op: "topk", param: { type: "call", func: "scalar" } }],
  ["sum by (sum) (foo)", { grouping: ["sum"] }],
  ["sum(rate(foo[5m])) by (job) / 2", { op: "/", lhs: { type: "aggregate", grouping: ["job"] } }],
  // function calls
  [
    "rate(foo[5m])",
    { type: "call", func: "rate", args: [{ type: "matrixSelector" }], pos: { start: 0, end: 13 } },
  ],
  ["time()", { type: "call", func: "time", args: [] }],
  ["pi()", { type: "call", func: "pi" }],
  ["round(foo)", { func: "round", args: [sel("foo")] }],
  ["round(foo, 0.5)", { func: "round", args: [{}, num(0.5)] }],
  ["year()", { func: "year", args: [] }],
  ["day_of_week(foo)", { func: "day_of_week" }],
  ["histogram_quantile(0.9, rate(foo_bucket[5m]))", { func: "histogram_quantile" }],
  [
    "holt_winters(foo[10m], 0.5, 0.1)",
    { type: "call", func: "holt_winters", args: [{}, num(0.5), num(0.1)] },
  ],
  ["histogram_count(foo)", { func: "histogram_count" }],
  ["histogram_fraction(0, 1, foo)", { func: "histogram_fraction" }],
  [
    'label_replace(foo, "d", "$1", "s", "(.*)")',
    { func: "label_replace", args: [{}, { value: "d" }, {}, {}, {}] },
  ],
  ['label_join(foo, "d", ",", "a", "b", "c")', { func: "label_join" }],
  ['label_join(foo, "d", ",")', { func: "label_join" }],
  ["absent_over_time(foo[5m:])", { func: "absent_over_time", args: [{ type: "subquery" }] }],
  ["quantile_over_time(0.5, foo[5m])", { func: "quantile_over_time" }],
  ["vector(1)", { func: "vector", args: [num(1)] }],
  ["clamp(foo, 0, 1)", { func: "clamp" }],
  ["predict_linear(foo[1h], 3600)", { func: "predict_linear" }],
  ["sort_desc(sum by (a) (foo))", { func: "sort_desc", args: [{ type: "aggregate" }] }],
  ["((foo))", { type: "paren", expr: { type: "paren", expr: sel("foo") } }],
];

describe("parse: valid queries", () => {
  it.each(cases)("%s", (query, expected) => {
    expect(parse(query)).toMatchObject(expected);
  });
});

describe("typeOf", () => {
  const types: [string, string][] = [
    ["1", "scalar"],
    ['"a"', "string"],
    ["foo", "vector"],
    ["foo[5m]", "matrix"],
    ["foo[5m:]", "matrix"],
    ["-foo", "vector"],
    ["(1 + 2)", "scalar"],
    ["1 + foo", "vector"],
    ["time()", "scalar"],
    ["scalar(foo)", "scalar"],
    ["sum(foo)", "vector"],
  ];
  it.each(types)("%s is %s", (query, type) => {
    expect(typeOf(parse(query))).toBe(type);
  });
});
