// Invalid PromQL: the message Prometheus 2.42 gives (or a plain one for syntax errors) and where it points.
import { describe, expect, it } from "vitest";
import { PromQLError, parse } from "../../lib/promql";

function errorOf(query: string): PromQLError {
  try {
    parse(query);
  } catch (err) {
    if (err instanceof PromQLError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be rejected`);
}

/** query, message (exact), [start, end] of the offending node. */
const cases: [string, string, [number, number]][] = [
  // syntax
  ["", "no expression found in input", [0, 0]],
  ["  # only a comment", "no expression found in input", [0, 18]],
  ["foo}", 'unexpected "}" at position 3', [3, 4]],
  [")", 'unexpected ")" at position 0', [0, 1]],
  ["sum(foo", "unclosed parenthesis", [3, 4]],
  ["foo{", "unclosed left brace", [3, 4]],
  ["foo[5m", "unclosed left bracket", [3, 4]],
  ["1 +", "unexpected end of input", [3, 3]],
  ['foo{a="b" c="d"}', 'unexpected "c" at position 10', [10, 11]],
  ["foo on(a) bar", 'unexpected "on" at position 4', [4, 6]],
  ["sum by (a) (foo) by (b)", 'unexpected "by" at position 17', [17, 19]],
  ["foo[5m:1m:1m]", 'unexpected ":1m" at position 9', [9, 12]],
  ["rate(foo[5m],)", "trailing commas not allowed in function call args", [12, 13]],
  ['foo{a="b', "unterminated quoted string", [6, 8]],
  ["'abc", "unterminated quoted string", [0, 4]],
  ["sum by (0x) (foo)", 'unexpected "0x" at position 8', [8, 10]],
  ["5.", 'unexpected "." at position 1', [1, 2]],
  // functions
  ["nonexistent(foo)", 'unknown function with name "nonexistent"', [0, 11]],
  ["RATE(foo[5m])", 'unknown function with name "RATE"', [0, 4]],
  ["histogram_avg(foo)", 'unknown function with name "histogram_avg"', [0, 13]],
  ["histogram_stddev(foo)", 'unknown function with name "histogram_stddev"', [0, 16]],
  ["mad_over_time(foo[5m])", 'unknown function with name "mad_over_time"', [0, 13]],
  ['sort_by_label(foo, "a")', 'unknown function with name "sort_by_label"', [0, 13]],
  ["first_over_time(foo[5m])", 'unknown function with name "first_over_time"', [0, 15]],
  ["ts_of_max_over_time(foo[5m])", 'unknown function with name "ts_of_max_over_time"', [0, 19]],
  [
    "double_exponential_smoothing(foo[5m], 0.5, 0.5)",
    'unknown function with name "double_exponential_smoothing"',
    [0, 28],
  ],
  ["info(foo)", 'unknown function with name "info"', [0, 4]],
  ["step()", 'unknown function with name "step"', [0, 4]],
  ["start()", "start() outside of @ is not supported (Prometheus 2.42)", [0, 5]],
  ["rate(foo)", 'expected type range vector in call to function "rate", got instant vector', [5, 8]],
  ["abs(foo[5m])", 'expected type instant vector in call to function "abs", got range vector', [4, 11]],
  [
    "avg_over_time(foo)",
    'expected type range vector in call to function "avg_over_time", got instant vector',
    [14, 17],
  ],
  ['vector("a")', 'expected type scalar in call to function "vector", got string', [7, 10]],
  [
    "clamp_max(foo, bar)",
    'expected type scalar in call to function "clamp_max", got instant vector',
    [15, 18],
  ],
  [
    'label_join(foo, "d", ",", 1)',
    'expected type string in call to function "label_join", got scalar',
    [26, 27],
  ],
  [
    "holt_winters(foo, 0.5, 0.5)",
    'expected type range vector in call to function "holt_winters", got instant vector',
    [13, 16],
  ],
  ["time(1)", 'expected 0 argument(s) in call to "time", got 1', [0, 7]],
  ["abs(foo, 1)", 'expected 1 argument(s) in call to "abs", got 2', [0, 11]],
  ['label_replace(foo, "a")', 'expected 5 argument(s) in call to "label_replace", got 2', [0, 23]],
  ["round(foo, 1, 2)", 'expected at most 2 argument(s) in call to "round", got 3', [0, 16]],
  ["year(foo, foo)", 'expected at most 1 argument(s) in call to "year", got 2', [0, 14]],
  ['label_join(foo, "a")', 'expected at least 3 argument(s) in call to "label_join", got 2', [0, 20]],
  ["round()", 'expected at least 1 argument(s) in call to "round", got 0', [0, 7]],
  // aggregations
  ["sum()", "no arguments for aggregate expression provided", [0, 5]],
  [
    "quantile(foo)",
    "wrong number of arguments for aggregate expression provided, expected 2, got 1",
    [0, 13],
  ],
  ["sum(1, foo)", "wrong number of arguments for aggregate expression provided, expected 1, got 2", [0, 11]],
  ["sum(foo[5m])", "expected type instant vector in aggregation expression, got range vector", [4, 11]],
  ['sum("a")', "expected type instant vector in aggregation expression, got string", [4, 7]],
  ["sum(1)", "expected type instant vector in aggregation expression, got scalar", [4, 5]],
  ['topk("a", foo)', "expected type scalar in aggregation parameter, got string", [5, 8]],
  ["quantile(foo, foo)", "expected type scalar in aggregation parameter, got instant vector", [9, 12]],
  ["count_values(1, foo)", "expected type string in aggregation parameter, got scalar", [13, 14]],
  ["limitk(2, foo)", 'aggregation "limitk" is not supported (Prometheus 2.42)', [0, 6]],
  ["limit_ratio(0.5, foo)", 'aggregation "limit_ratio" is not supported (Prometheus 2.42)', [0, 11]],
  ['sum by ("a") (foo)', "quoted label names are not supported (Prometheus 2.42)", [8, 11]],
  // binary operators
  ["1 > 2", "comparisons between scalars must use BOOL modifier", [2, 3]],
  ["foo + bool 1", "bool modifier can only be used on comparison operators", [4, 10]],
  ["foo and bool bar", "bool modifier can only be used on comparison operators", [4, 12]],
  ["foo and 1", 'set operator "and" not allowed in binary scalar expression', [0, 9]],
  ["1 or foo", 'set operator "or" not allowed in binary scalar expression', [0, 8]],
  ["foo and on(a) group_left bar", 'no grouping allowed for "and" operation', [0, 28]],
  ["foo unless ignoring(a) group_right(b) bar", 'no grouping allowed for "unless" operation', [0, 41]],
  ["foo + on(a) 1", "vector matching only allowed between instant vectors", [0, 13]],
  ["1 + ignoring(a) group_left foo", "vector matching only allowed between instant vectors", [0, 30]],
  ["foo * on(a) group_left(a) bar", 'label "a" must not occur in ON and GROUP clause at once', [4, 25]],
  ["foo[5m] + 1", "binary expression must contain only scalar and instant vector types", [0, 7]],
  ['1 + "a"', "binary expression must contain only scalar and instant vector types", [4, 7]],
  ["foo + bar[5m:]", "binary expression must contain only scalar and instant vector types", [6, 14]],
  [
    "sum(a) + rate(b[5m])[1h:]",
    "binary expression must contain only scalar and instant vector types",
    [9, 25],
  ],
  ["foo </ bar", 'operator "</" is not supported (Prometheus 2.42)', [4, 6]],
  ["foo + fill(0) bar", "fill modifiers are not supported (Prometheus 2.42)", [6, 13]],
  [
    '-"a"',
    'unary expression only allowed on expressions of type scalar or instant vector, got "string"',
    [0, 4],
  ],
  [
    "1 + -foo[5m:]",
    'unary expression only allowed on expressions of type scalar or instant vector, got "range vector"',
    [4, 13],
  ],
  [
    "-foo[5m]",
    'unary expression only allowed on expressions of type scalar or instant vector, got "range vector"',
    [0, 8],
  ],
  // selectors
  ["{}", "vector selector must contain at least one non-empty matcher", [0, 2]],
  ['{a=""}', "vector selector must contain at least one non-empty matcher", [0, 6]],
  ['{a=~".*"}', "vector selector must contain at least one non-empty matcher", [0, 9]],
  ['{a!~".+"}', "vector selector must contain at least one non-empty matcher", [0, 9]],
  ['foo{__name__="bar"}', 'metric name must not be set twice: "foo" or "bar"', [0, 19]],
  ['{"a"="b"}', "quoted label names are not supported (Prometheus 2.42)", [1, 8]],
  ['{"foo"}', "quoted label names are not supported (Prometheus 2.42)", [1, 6]],
  ['foo{a=~"("}', 'invalid regular expression "(": Unterminated group', [4, 10]],
  // ranges, subqueries, offset, @
  ["(foo)[5m]", "ranges only allowed for vector selectors", [5, 9]],
  ["rate(foo[5m])[5m]", "ranges only allowed for vector selectors", [13, 17]],
  ["foo offset 1m [5m]", "no offset modifiers allowed before range", [14, 18]],
  ["foo @ 100 [5m]", "no @ modifiers allowed before range", [10, 14]],
  ["foo[5m][10m:]", "subquery is only allowed on instant vector, got matrix instead", [0, 13]],
  ['"a"[5m:]', "subquery is only allowed on instant vector, got string instead", [0, 8]],
  ["foo[5]", 'missing unit character in duration "5"', [4, 5]],
  ["foo[0s]", "duration must be greater than 0", [4, 6]],
  ["foo[5m+1m]", "duration expressions are not supported (Prometheus 2.42)", [4, 9]],
  ["foo[-5m]", "duration expressions are not supported (Prometheus 2.42)", [4, 7]],
  ["foo[step()]", "duration expressions are not supported (Prometheus 2.42)", [4, 10]],
  ["foo[5m:1m*2]", "duration expressions are not supported (Prometheus 2.42)", [7, 11]],
  ["foo offset (5m)", "duration expressions are not supported (Prometheus 2.42)", [11, 15]],
  ["foo offset 5", 'unexpected number "5" in offset, expected duration', [11, 12]],
  ["foo offset +5m", 'unexpected "+" in offset, expected duration', [11, 12]],
  ["foo offset 0s", "duration must be greater than 0", [11, 13]],
  ["foo offset 1m offset 2m", "offset may not be set multiple times", [0, 13]],
  [
    "sum(foo) offset 1m",
    "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery",
    [0, 8],
  ],
  [
    "(foo) offset 1m",
    "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery",
    [0, 5],
  ],
  ["foo @ 1 @ 2", "@ <timestamp> may not be set multiple times", [0, 7]],
  ["foo @ start() @ end()", "@ <timestamp> may not be set multiple times", [0, 13]],
  [
    "rate(foo[5m]) @ 100",
    "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery",
    [0, 13],
  ],
  ["foo @ Inf", "timestamp out of bounds for @ modifier: +Inf", [0, 3]],
  ["foo @ NaN", "timestamp out of bounds for @ modifier: NaN", [0, 3]],
  ["foo @ 5m", 'unexpected duration "5m" in @ modifier, expected timestamp', [6, 8]],
  ["foo @ bar", 'unexpected "bar" at position 6', [6, 9]],
  ["foo smoothed", '"smoothed" modifier is not supported (Prometheus 2.42)', [4, 12]],
  ["foo[5m] anchored", '"anchored" modifier is not supported (Prometheus 2.42)', [8, 16]],
  // literals
  ["foo + 5m", 'unexpected duration "5m"', [6, 8]],
  ["1_000", 'underscores in numbers are not supported (Prometheus 2.42): "1_000"', [0, 5]],
  ['"\\q"', 'unknown escape sequence "\\q"', [0, 4]],
  ['"\\\'"', 'unknown escape sequence "\\\'"', [0, 4]],
  ['"\\xZZ"', 'invalid escape sequence "\\xZZ"', [0, 6]],
  ['"\\ud800"', "escape sequence is an invalid Unicode code point", [0, 8]],
];

describe("parse: invalid queries", () => {
  it.each(cases)("%s", (query, message, [start, end]) => {
    const err = errorOf(query);
    expect(err.message).toBe(message);
    expect(err.pos).toEqual({ start, end });
    expect(err.kind).toBe("bad_data");
  });
});
