// Alert templates and Prometheus' humanize helpers. Expected strings are those of Prometheus 2.42's
// template package tests (template/template_test.go) and of Go's fmt for the same values.
import { describe, expect, it } from "vitest";
import { formatG, formatValue, sprintf } from "@/lib/alerts/go-format";
import {
  humanize,
  humanize1024,
  humanizeDuration,
  humanizePercentage,
  humanizeTimestamp,
} from "@/lib/alerts/humanize";
import { compileTemplate, TemplateError, templateExpander } from "@/lib/alerts/template";

const join = (f: (v: number) => string, xs: number[]) => xs.map((x) => `${f(x)}:`).join("");

describe("humanize helpers (as Prometheus)", () => {
  it("humanize", () => expect(join(humanize, [0, 1, 1234567, 0.12])).toBe("0:1:1.235M:120m:"));
  it("humanize1024", () => expect(join(humanize1024, [0, 1, 1048576, 0.12])).toBe("0:1:1Mi:0.12:"));
  it("humanizeDuration, whole units", () =>
    expect(
      join(humanizeDuration, [
        0,
        1,
        60,
        3600,
        86400,
        86400 + 3600,
        -(86400 * 2 + 3600 * 3 + 60 * 4 + 5),
        899.99,
      ]),
    ).toBe("0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:"));
  it("humanizeDuration, fractions", () =>
    expect(join(humanizeDuration, [0.1, 0.0001, 0.12345, 60.1, 60.5, 1.2345, 12.345])).toBe(
      "100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:",
    ));
  it("humanizePercentage", () =>
    expect(join(humanizePercentage, [0, 0.1234567, 0.22222, 0.5, 1, 1.1234, 2.5])).toBe(
      "0%:12.35%:22.22%:50%:100%:112.3%:250%:",
    ));
  it("humanizeTimestamp", () =>
    expect(humanizeTimestamp(1435065584.128)).toBe("2015-06-23 13:19:44.128 +0000 UTC"));
  it("non-finite values", () => {
    expect(humanize(Number.NaN)).toBe("NaN");
    expect(humanize(Number.POSITIVE_INFINITY)).toBe("+Inf");
    expect(humanizeDuration(Number.NEGATIVE_INFINITY)).toBe("-Inf");
  });
});

describe("Go number formatting", () => {
  it("%v of float64", () => {
    expect([0.5, 1, 1e6, 123456, 1e21, 1e20, 0.0001, 0.00001, -2.5].map(formatValue)).toEqual([
      "0.5",
      "1",
      "1000000",
      "123456",
      "1e+21",
      "100000000000000000000",
      "0.0001",
      "1e-05",
      "-2.5",
    ]);
  });
  it("%.4g", () => {
    expect([1234567, 0.00001234, 1, 99.995, 1234, 1234.5, 1235.5, 0.125].map((v) => formatG(v, 4))).toEqual([
      "1.235e+06",
      "1.234e-05",
      "1",
      "100",
      "1234",
      "1234",
      "1236",
      "0.125",
    ]);
    expect(sprintf("%.1f %.0f %.0f %.2f", [0.25, 0.5, 1.5, -2.675])).toBe("0.2 0 2 -2.67");
  });
  it("printf verbs", () => {
    expect(sprintf("%.2f|%d|%s|%5.1f|%-4s|%q|%%|%e", [3.14659, 42, "x", 2.25, "ab", "hi", 1500])).toBe(
      '3.15|42|x|  2.2|ab  |"hi"|%|1.500000e+03',
    );
  });
});

describe("alert templates", () => {
  const data = { labels: { instance: "web-1:9100", model: "recommender", job: "serving" }, value: 0.91234 };
  const render = (t: string) => compileTemplate(t)(data);

  it("prints labels and the value", () => {
    expect(render("{{ $labels.model }} on {{ $labels.instance }} is {{ $value }}")).toBe(
      "recommender on web-1:9100 is 0.91234",
    );
    expect(render("{{ .Labels.model }}={{ .Value }}")).toBe("recommender=0.91234");
    expect(render("[{{ $labels.missing }}]")).toBe("[]");
  });

  it("pipes and function calls", () => {
    expect(render("{{ $value | humanizePercentage }}")).toBe("91.23%");
    expect(render('{{ printf "%.2f" $value }}')).toBe("0.91");
    expect(render("{{ $labels.instance | stripPort | toUpper }}")).toBe("WEB-1");
    expect(render('{{ reReplaceAll "(.*)-(\\\\d)" "$2/$1" $labels.instance }}')).toBe("1/web:9100");
    expect(render("{{ humanize (len $labels) }}")).toBe("3");
  });

  it("if / else if / else with comparisons", () => {
    const t = "{{ if gt $value 0.95 }}critical{{ else if ge $value 0.9 }}warning{{ else }}ok{{ end }}";
    expect(render(t)).toBe("warning");
    expect(render('{{ if eq $labels.job "serving" "x" }}yes{{ end }}')).toBe("yes");
    expect(render('{{ if and (gt $value 0.5) (not (eq $labels.model "x")) }}both{{ end }}')).toBe("both");
  });

  it("trims whitespace with {{- and -}} and skips comments", () => {
    expect(render("a  {{- /* note */ -}}  b {{- $labels.job }}")).toBe("abserving");
  });

  it("names the problem and its offset", () => {
    expect(() => compileTemplate("{{ nosuch $value }}")).toThrow(TemplateError);
    expect(() => compileTemplate("{{ nosuch $value }}")).toThrow(/function "nosuch" not defined/);
    expect(() => compileTemplate("x {{ if $value }}open")).toThrow(/no \{\{end\}\}/);
    expect(() => compileTemplate("{{ range $labels }}{{ end }}")).toThrow(/not supported/);
    expect(() => compileTemplate("{{ end }}")).toThrow(/unexpected \{\{end\}\}/);
  });

  it("the expander renders errors into the text, as Prometheus does", () => {
    const expand = templateExpander();
    expect(expand("plain", data)).toBe("plain");
    expect(expand("{{ $labels.model }}", data)).toBe("recommender");
    expect(expand("{{ nosuch }}", data)).toMatch(/^<error expanding template: function "nosuch"/);
  });
});
