import { describe, expect, it } from "vitest";
import { parseLabelValues } from "@/lib/dashboards/label-values";
import { promqlProblem } from "@/lib/dashboards/validate";
import {
  escapeRegex,
  escapeString,
  interpolate,
  interpolateText,
  referencedVariables,
} from "@/lib/dashboards/variables";

const builtins = { interval: "1m", rateInterval: "4m", range: "6h", rangeSeconds: 21_600 };
const run = (text: string, values: Record<string, string[]>, b: typeof builtins | null = builtins) =>
  interpolate(text, values, b);

describe("interpolate", () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${var} syntax is what is tested
  it("replaces $var, ${var} and [[var]] in strings", () => {
    const values = { model: ["recommender"] };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${var} syntax is what is tested
    for (const form of ["$model", "${model}", "[[model]]", "${model:raw}"])
      expect(run(`up{model="${form}"}`, values).text).toBe('up{model="recommender"}');
  });

  it("takes the longest name and leaves unknown variables as written, reporting them", () => {
    const r = run('up{model="$model_name", v="$version"}', { model: ["m"] });
    expect(r.text).toBe('up{model="$model_name", v="$version"}');
    expect(r.unknown.sort()).toEqual(["model_name", "version"]);
    expect(run("$x", { x: [] }).unknown).toEqual(["x"]);
  });

  it("escapes quotes and backslashes for the string's own quote", () => {
    const values = { v: ["a\"b\\c'd"] };
    expect(run('up{l="$v"}', values).text).toBe('up{l="a\\"b\\\\c\'d"}');
    expect(run("up{l='$v'}", values).text).toBe("up{l='a\"b\\\\c\\'d'}");
    expect(run('up{l="$v"}', { v: ["line\nbreak"] }).text).toBe('up{l="line\\nbreak"}');
    // a raw string cannot hold a backtick: refused, never half-escaped
    expect(run("up{l=`$v`}", { v: ["a`b"] }).invalid).toEqual(["v"]);
    expect(run("up{l=`$v`}", { v: ["a\\b"] }).text).toBe("up{l=`a\\b`}");
  });

  it("regex-escapes in =~ and !~ matchers, and joins several values as an alternation", () => {
    expect(run('up{m=~"$m"}', { m: ["a.b+c"] }).text).toBe('up{m=~"a\\\\.b\\\\+c"}');
    expect(run('up{m!~ "$m"}', { m: ["(x)"] }).text).toBe('up{m!~ "\\\\(x\\\\)"}');
    expect(run('up{m=~"$m"}', { m: ["v1", "v.2"] }).text).toBe('up{m=~"(v1|v\\\\.2)"}');
    expect(run('up{m=~"$m.*"}', { m: ["a", "b"] }).text).toBe('up{m=~"(a|b).*"}');
    // an equality matcher with several values still gets the alternation (it needs =~ to match)
    expect(run('up{m="$m"}', { m: ["a", "b"] }).text).toBe('up{m="(a|b)"}');
    // the same value in an equality matcher is not regex-escaped
    expect(run('up{m="$m"}', { m: ["a.b"] }).text).toBe('up{m="a.b"}');
  });

  it("puts plain tokens outside strings and refuses anything else there", () => {
    expect(run("topk($n, up)", { n: ["5"] }).text).toBe("topk(5, up)");
    expect(run("rate(x[$w])", { w: ["5m"] }).text).toBe("rate(x[5m])");
    expect(run("$metric", { metric: ["vigil_model_accuracy"] }).text).toBe("vigil_model_accuracy");
    const injected = run("sum($metric)", { metric: ["up) or vector(1"] });
    expect(injected.invalid).toEqual(["metric"]);
    expect(injected.text).toBe("sum($metric)");
    expect(run("topk($n, up)", { n: ["1", "2"] }).invalid).toEqual(["n"]);
  });

  it("fills the built-ins and leaves them alone without timing", () => {
    expect(run("rate(x[$__rate_interval]) + x offset $__interval", {}).text).toBe(
      "rate(x[4m]) + x offset 1m",
    );
    expect(run("increase(x[$__range]) / $__range_s", {}).text).toBe("increase(x[6h]) / 21600");
    expect(run("rate(x[$__rate_interval])", {}, null)).toEqual({
      text: "rate(x[$__rate_interval])",
      unknown: [],
      invalid: [],
    });
    expect(run("$__nope", {}).unknown).toEqual(["__nope"]);
  });

  it("keeps escaped quotes, $ not followed by a name, and comments as they are", () => {
    const values = { m: ["x"] };
    expect(run('up{a="\\"$m\\"", b=~".*$"} # $m here', values).text).toBe(
      'up{a="\\"x\\"", b=~".*$"} # $m here',
    );
    expect(run('label_replace(up, "d", "$1", "s", "(.*)")', values).text).toBe(
      'label_replace(up, "d", "$1", "s", "(.*)")',
    );
  });

  it("text interpolation joins values; references are listed once", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${var} syntax is what is tested
    expect(interpolateText("Accuracy of $model (${version})", { model: ["a"], version: ["v1", "v2"] })).toBe(
      "Accuracy of a (v1, v2)",
    );
    expect(interpolateText("$unknown stays", {})).toBe("$unknown stays");
    expect(referencedVariables('x{a="$a"} + $b + [[a]] + $__interval')).toEqual(["a", "b"]);
  });

  it("escape helpers", () => {
    expect(escapeRegex("a.b*c?(d)[e]{f}|^$\\")).toBe("a\\.b\\*c\\?\\(d\\)\\[e\\]\\{f\\}\\|\\^\\$\\\\");
    expect(escapeString('"\\', '"')).toBe('\\"\\\\');
    expect(escapeString("`", "`")).toBeNull();
  });
});

describe("label_values queries", () => {
  it("reads the selector and the label", () => {
    expect(parseLabelValues("label_values(vigil_model_accuracy, model)")).toEqual({
      label: "model",
      selector: "vigil_model_accuracy",
    });
    expect(parseLabelValues(' label_values( up{a="x,y", b=~"(1|2)"} , version ) ')).toEqual({
      label: "version",
      selector: 'up{a="x,y", b=~"(1|2)"}',
    });
    expect(parseLabelValues("label_values(job)")).toEqual({ label: "job", selector: null });
    expect(parseLabelValues("values(job)")).toHaveProperty("error");
    expect(parseLabelValues("label_values(up, 1x)")).toHaveProperty("error");
    expect(parseLabelValues("label_values(, job)")).toHaveProperty("error");
  });
});

describe("PromQL with variables parses on save", () => {
  it("accepts variables wherever a value can go and reports real errors", () => {
    expect(promqlProblem('rate(x{m="$model"}[$__rate_interval])')).toBeNull();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${var} syntax is what is tested
    expect(promqlProblem("topk($n, rate(${metric}[$window]))")).toBeNull();
    expect(promqlProblem("sum(up")).toMatch(/parenthesis/);
    expect(promqlProblem('rate(x{m="$model"}[5m]')).toMatch(/parenthesis/);
  });
});
