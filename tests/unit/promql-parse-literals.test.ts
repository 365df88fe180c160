// Literals (numbers, strings, durations), regex matcher validation and the Prometheus 2.42 function table.
import { describe, expect, it } from "vitest";
import { FUNCTIONS, getFunction, type NumberLiteral, PromQLError, parse } from "../../lib/promql";

const numberCases: [string, number][] = [
  ["1", 1],
  ["1.5", 1.5],
  [".5", 0.5],
  ["1e3", 1000],
  ["1E-2", 0.01],
  ["0x1F", 31],
  ["0xff", 255],
  ["010", 8], // Go's ParseInt(base 0): a leading 0 means octal
  ["08", 8], // not octal: ParseFloat takes over
  ["Inf", Number.POSITIVE_INFINITY],
  ["+inf", Number.POSITIVE_INFINITY],
  ["-INF", Number.NEGATIVE_INFINITY],
  ["NaN", Number.NaN],
  ["nan", Number.NaN],
  ["-0.25", -0.25],
];

describe("number literals", () => {
  it.each(numberCases)("%s", (query, value) => {
    const e = parse(query) as NumberLiteral;
    expect(e.type).toBe("number");
    expect(e.value).toBe(value);
  });
});

const stringCases: [string, string][] = [
  ['"abc"', "abc"],
  ["'abc'", "abc"],
  ["`a\\nb`", "a\\nb"],
  ["`multi\nline`", "multi\nline"],
  ['"a\\nb\\tc"', "a\nb\tc"],
  ['"say \\"hi\\""', 'say "hi"'],
  ["'it\\'s'", "it's"],
  ['"\\\\"', "\\"],
  ['"\\x41\\x42"', "AB"],
  ['"\\u00e9"', "é"],
  ['"\\U0001F600"', "😀"],
  ['"\\101"', "A"],
  ['"\\xc3\\xa9"', "é"],
  ['"\\a\\b\\f\\v\\r"', "\x07\b\f\v\r"],
  ['"日本"', "日本"],
];

describe("string literals (Go escapes)", () => {
  it.each(stringCases)("%s", (query, value) => {
    expect(parse(query)).toMatchObject({ type: "string", value });
  });
});

const durationCases: [string, number][] = [
  ["1ms", 1],
  ["500ms", 500],
  ["30s", 30_000],
  ["5m", 300_000],
  ["1h30m", 5_400_000],
  ["2h45m30s500ms", 9_930_500],
  ["1d", 86_400_000],
  ["1w", 604_800_000],
  ["1y", 31_536_000_000],
  ["1y2w3d", 31_536_000_000 + 1_209_600_000 + 259_200_000],
];

describe("durations", () => {
  it.each(durationCases)("[%s]", (d, ms) => {
    expect(parse(`foo[${d}]`)).toMatchObject({ type: "matrixSelector", rangeMs: ms });
    expect(parse(`foo offset ${d}`)).toMatchObject({ offsetMs: ms });
  });
});

const goodRegexes = [
  "a|b",
  "[a-z]+",
  "\\d{2,3}",
  "(?:a)",
  "a.*?b",
  "\\.",
  "[^a-c]",
  "x\\x41",
  "\\w+\\s\\b",
  "(?i)abc",
  "(?is)a.b",
  "[[:alpha:]]+",
  "[[:digit:]_-]",
];

describe("regex matchers accepted", () => {
  it.each(goodRegexes)("%s", (re) => {
    expect(parse(`foo{a=~${JSON.stringify(re)}}`)).toMatchObject({ matchers: [{ op: "=~", value: re }, {}] });
  });
});

const badRegexes: [string, string][] = [
  ["(?m)abc", "only the flags (?i) and (?s) are supported, at the start of the pattern"],
  ["a(?i)b", "regex flags are only supported at the start of the pattern, e.g. (?i)abc"],
  ["(?=a)", "invalid or unsupported Perl syntax: `(?=`"],
  ["(?<!a)b", "invalid or unsupported Perl syntax: `(?<!`"],
  ["(?P<n>a)", "named capture groups are not supported"],
  ["(a)\\1", "numeric escape `\\1` is not supported (RE2 has no backreferences)"],
  ["\\Aabc\\z", "escape `\\A` is not supported"],
  ["\\pL", "escape `\\p` is not supported"],
  ["[[:bogus:]]", "invalid character class range: `[:bogus:]`"],
  ["[]a]", "a ']' at the start of a character class is not supported; escape it"],
  ["\\h", "invalid escape sequence: `\\h`"],
  ["a{1001}", "invalid repeat count: `{1001}`"],
  ["\\x{41}", "\\x{…} and short \\x escapes are not supported; use exactly two hex digits"],
  ["a**", "Nothing to repeat"],
];

describe("regex matchers rejected", () => {
  it.each(badRegexes)("%s", (re, reason) => {
    const query = `foo{a!~${JSON.stringify(re)}}`;
    let err: unknown;
    try {
      parse(query);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PromQLError);
    expect((err as PromQLError).message).toBe(`invalid regular expression "${re}": ${reason}`);
    expect((err as PromQLError).pos).toEqual({ start: 4, end: query.length - 1 });
  });
});

describe("function table (Prometheus 2.42)", () => {
  it("has the 2.42 names and no newer ones", () => {
    expect(Object.keys(FUNCTIONS)).toHaveLength(70);
    for (const name of [
      "holt_winters",
      "histogram_count",
      "histogram_sum",
      "histogram_fraction",
      "label_join",
    ]) {
      expect(getFunction(name)).toBeDefined();
    }
    for (const name of [
      "histogram_avg",
      "mad_over_time",
      "sort_by_label",
      "first_over_time",
      "info",
      "toString",
    ]) {
      expect(getFunction(name)).toBeUndefined();
    }
  });
  it("describes signatures", () => {
    expect(getFunction("label_join")).toEqual({
      argTypes: ["vector", "string", "string", "string"],
      variadic: -1,
      returnType: "vector",
    });
    expect(getFunction("round")).toMatchObject({ argTypes: ["vector", "scalar"], variadic: 1 });
    expect(getFunction("time")).toEqual({ argTypes: [], variadic: 0, returnType: "scalar" });
    expect(getFunction("quantile_over_time")?.argTypes).toEqual(["scalar", "matrix"]);
  });
});
