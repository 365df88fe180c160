// Function semantics, with cases and expected numbers from Prometheus 2.42's promql/testdata/functions.test.
import { describe, expect, it } from "vitest";
import { cases, instant, load } from "./promql-eval-helpers";

cases(
  "label_replace and label_join",
  `load 5m
   testmetric{src="source-value-10",dst="original-destination-value"} 0
   testmetric{src="source-value-20",dst="original-destination-value"} 1
   joinmetric{src="a",src1="b",src2="c",dst="original-destination-value"} 0
   joinmetric{src="d",src1="e",src2="f",dst="original-destination-value"} 1
   testmetric1{src="foo",src1="bar",src2="foobar"} 0
   testmetric1{src="fizz",src1="buzz",src2="fizzbuzz"} 1`,
  [
    [
      'label_replace(testmetric, "dst", "destination-value-$1", "src", "source-value-(.*)")',
      "0m",
      `testmetric{src="source-value-10",dst="destination-value-10"} 0\ntestmetric{src="source-value-20",dst="destination-value-20"} 1`,
    ],
    [
      'label_replace(testmetric, "dst", "destination-value-$1", "src", "value-(.*)")',
      "0m",
      `testmetric{src="source-value-10",dst="original-destination-value"} 0\ntestmetric{src="source-value-20",dst="original-destination-value"} 1`,
    ],
    [
      'label_replace(testmetric, "dst", "$1-value-$2", "src", "(.*)-value-(.*)")',
      "0m",
      `testmetric{src="source-value-10",dst="source-value-10"} 0\ntestmetric{src="source-value-20",dst="source-value-20"} 1`,
    ],
    [
      'label_replace(testmetric, "dst", "value-$1", "nonexistent-src", "source-value-(.*)")',
      "0m",
      `testmetric{src="source-value-10",dst="original-destination-value"} 0\ntestmetric{src="source-value-20",dst="original-destination-value"} 1`,
    ],
    [
      'label_replace(testmetric, "dst", "value-$1", "nonexistent-src", "(.*)")',
      "0m",
      `testmetric{src="source-value-10",dst="value-"} 0\ntestmetric{src="source-value-20",dst="value-"} 1`,
    ],
    [
      'label_replace(testmetric, "dst", "", "dst", ".*")',
      "0m",
      `testmetric{src="source-value-10"} 0\ntestmetric{src="source-value-20"} 1`,
    ],
    [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Go's ${1} replacement syntax is what is tested.
      'label_replace(testmetric, "dst", "${1}x-$1x", "src", "source-value-(.*)")',
      "0m",
      `testmetric{src="source-value-10",dst="10x-"} 0\ntestmetric{src="source-value-20",dst="20x-"} 1`,
    ],
    [
      'label_join(joinmetric, "dst", "-", "src", "src1", "src2")',
      "0m",
      `joinmetric{src="a",src1="b",src2="c",dst="a-b-c"} 0\njoinmetric{src="d",src1="e",src2="f",dst="d-e-f"} 1`,
    ],
    [
      'label_join(joinmetric, "dst", "-", "src", "src3", "src1")',
      "0m",
      `joinmetric{src="a",src1="b",src2="c",dst="a--b"} 0\njoinmetric{src="d",src1="e",src2="f",dst="d--e"} 1`,
    ],
    [
      'label_join(joinmetric, "dst", "", "emptysrc", "emptysrc1", "emptysrc2")',
      "0m",
      `joinmetric{src="a",src1="b",src2="c"} 0\njoinmetric{src="d",src1="e",src2="f"} 1`,
    ],
    [
      'label_join(testmetric1, "dst", ", ", "src", "src1", "src2")',
      "0m",
      `testmetric1{src="foo",src1="bar",src2="foobar",dst="foo, bar, foobar"} 0\ntestmetric1{src="fizz",src1="buzz",src2="fizzbuzz",dst="fizz, buzz, fizzbuzz"} 1`,
    ],
  ],
);

describe("label function errors", () => {
  const src = load(`load 5m
   testmetric{src="source-value-10",dst="original-destination-value"} 0
   testmetric{src="source-value-20",dst="original-destination-value"} 1`);
  it.each([
    [
      'label_replace(testmetric, "dst", "value-$1", "src", "(.*")',
      "invalid regular expression in label_replace(): (.*",
    ],
    ['label_replace(testmetric, "invalid-label-name", "", "src", "(.*)")', "invalid destination label name"],
    ['label_replace(testmetric, "src", "", "", "")', "vector cannot contain metrics with the same labelset"],
  ])("%s fails", async (q, msg) => {
    await expect(instant(src, q, 0)).rejects.toThrow(msg);
  });
});

cases(
  "clamp, sgn, vector, time",
  `load 5m
   test_clamp{src="clamp-a"} -50
   test_clamp{src="clamp-b"} 0
   test_clamp{src="clamp-c"} 100
   test_sgn{src="sgn-a"} -Inf
   test_sgn{src="sgn-b"} Inf
   test_sgn{src="sgn-c"} NaN
   test_sgn{src="sgn-d"} -50
   test_sgn{src="sgn-e"} 0
   test_sgn{src="sgn-f"} 100`,
  [
    ["clamp_max(test_clamp, 75)", "0m", `{src="clamp-a"} -50\n{src="clamp-b"} 0\n{src="clamp-c"} 75`],
    ["clamp_min(test_clamp, -25)", "0m", `{src="clamp-a"} -25\n{src="clamp-b"} 0\n{src="clamp-c"} 100`],
    ["clamp(test_clamp, -25, 75)", "0m", `{src="clamp-a"} -25\n{src="clamp-b"} 0\n{src="clamp-c"} 75`],
    [
      "clamp_max(clamp_min(test_clamp, -20), 70)",
      "0m",
      `{src="clamp-a"} -20\n{src="clamp-b"} 0\n{src="clamp-c"} 70`,
    ],
    ["clamp(test_clamp, 0, NaN)", "0m", `{src="clamp-a"} NaN\n{src="clamp-b"} NaN\n{src="clamp-c"} NaN`],
    ["clamp(test_clamp, 5, -5)", "0m", ""],
    [
      "sgn(test_sgn)",
      "0m",
      `{src="sgn-a"} -1\n{src="sgn-b"} 1\n{src="sgn-c"} NaN\n{src="sgn-d"} -1\n{src="sgn-e"} 0\n{src="sgn-f"} 1`,
    ],
    ["vector(1)", "0m", "{} 1"],
    ["vector(time())", "5s", "{} 5"],
    ["vector(time())", "60m", "{} 3600"],
    ["time()", "1ms", "0.001"],
    ["time()", "50m", "3000"],
    ["pi()", "0", String(Math.PI)],
    ["scalar(test_clamp)", "0", "NaN"],
    ['scalar(test_clamp{src="clamp-c"})', "0", "100"],
  ],
);

cases(
  "sort and sort_desc",
  `load 5m
   http_requests{job="api-server", instance="0", group="production"} 0+10x10
   http_requests{job="api-server", instance="1", group="production"} 0+20x10
   http_requests{job="api-server", instance="0", group="canary"} 0+30x10
   http_requests{job="api-server", instance="1", group="canary"} 0+40x10
   http_requests{job="api-server", instance="2", group="canary"} NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
   http_requests{job="app-server", instance="0", group="production"} 0+50x10
   http_requests{job="app-server", instance="1", group="production"} 0+60x10
   http_requests{job="app-server", instance="0", group="canary"} 0+70x10
   http_requests{job="app-server", instance="1", group="canary"} 0+80x10`,
  [
    [
      "sort(http_requests)",
      "50m",
      `http_requests{group="production", instance="0", job="api-server"} 100
       http_requests{group="production", instance="1", job="api-server"} 200
       http_requests{group="canary", instance="0", job="api-server"} 300
       http_requests{group="canary", instance="1", job="api-server"} 400
       http_requests{group="production", instance="0", job="app-server"} 500
       http_requests{group="production", instance="1", job="app-server"} 600
       http_requests{group="canary", instance="0", job="app-server"} 700
       http_requests{group="canary", instance="1", job="app-server"} 800
       http_requests{group="canary", instance="2", job="api-server"} NaN`,
      true,
    ],
    [
      "sort_desc(http_requests)",
      "50m",
      `http_requests{group="canary", instance="1", job="app-server"} 800
       http_requests{group="canary", instance="0", job="app-server"} 700
       http_requests{group="production", instance="1", job="app-server"} 600
       http_requests{group="production", instance="0", job="app-server"} 500
       http_requests{group="canary", instance="1", job="api-server"} 400
       http_requests{group="canary", instance="0", job="api-server"} 300
       http_requests{group="production", instance="1", job="api-server"} 200
       http_requests{group="production", instance="0", job="api-server"} 100
       http_requests{group="canary", instance="2", job="api-server"} NaN`,
      true,
    ],
  ],
);

cases("date functions", "", [
  ["year()", "0", "{} 1970"],
  ["year(vector(1136239445))", "0", "{} 2006"],
  ["month()", "0", "{} 1"],
  ["month(vector(1136239445))", "0", "{} 1"],
  ["day_of_month()", "0", "{} 1"],
  ["day_of_month(vector(1136239445))", "0", "{} 2"],
  ["day_of_year()", "0", "{} 1"],
  ["day_of_year(vector(1136239445))", "0", "{} 2"],
  ["day_of_week()", "0", "{} 4"],
  ["day_of_week(vector(1136239445))", "0", "{} 1"],
  ["hour()", "0", "{} 0"],
  ["hour(vector(1136239445))", "0", "{} 22"],
  ["minute()", "0", "{} 0"],
  ["minute(vector(1136239445))", "0", "{} 4"],
  ["year(vector(1230767999))", "0", "{} 2008"],
  ["year(vector(1230768000))", "0", "{} 2009"],
  ["month(vector(1456790399)) + day_of_month(vector(1456790399)) / 100", "0", "{} 2.29"],
  ["month(vector(1456790400)) + day_of_month(vector(1456790400)) / 100", "0", "{} 3.01"],
  ["day_of_year(vector(1483191420))", "0", "{} 366"],
  ["day_of_year(vector(1672493820))", "0", "{} 365"],
  ["days_in_month(vector(1454284800))", "0", "{} 29"],
  ["days_in_month(vector(1485907200))", "0", "{} 28"],
]);

cases(
  "absent and absent_over_time",
  `load 5m
   http_requests{job="api-server", instance="0", group="production"} 0+10x10
   load 1m
   hr{path="/foo",instance="127.0.0.1",job="httpd"} 1+1x10
   hr{path="/bar",instance="127.0.0.1",job="httpd"} 1+1x10
   httpd_handshake_failures_total{instance="127.0.0.1",job="node"} 1+1x15
   httpd_log_lines_total{instance="127.0.0.1",job="node"} 1
   ssl_certificate_expiry_seconds{job="ingress"} NaN NaN NaN NaN NaN`,
  [
    ["absent(nonexistent)", "50m", "{} 1"],
    [
      'absent(nonexistent{job="testjob", instance="testinstance", method=~".x"})',
      "50m",
      `{instance="testinstance", job="testjob"} 1`,
    ],
    ['absent(nonexistent{job="testjob",job="testjob2",foo="bar"})', "50m", `{foo="bar"} 1`],
    ['absent(nonexistent{job="testjob",job=~"testjob2",foo="bar"})', "50m", `{foo="bar"} 1`],
    ["absent(http_requests)", "50m", ""],
    ["absent(sum(http_requests))", "50m", ""],
    ['absent(sum(nonexistent{job="testjob", instance="testinstance"}))', "50m", "{} 1"],
    ["absent(nonexistant > 1)", "50m", "{} 1"],
    ["absent(a + b)", "50m", "{} 1"],
    ["absent(rate(nonexistant[5m]))", "50m", "{} 1"],
    ["absent_over_time(nonexistent[5m])", "1m", "{} 1"],
    ['absent_over_time(nonexistent{handler="/foo"}[5m])', "1m", `{handler="/foo"} 1`],
    ['absent_over_time(nonexistent{handler!="/foo"}[5m])', "1m", "{} 1"],
    [
      'absent_over_time(nonexistent{handler="/foo", handler="/bar", instance="127.0.0.1"}[5m])',
      "1m",
      `{instance="127.0.0.1"} 1`,
    ],
    ["absent_over_time(rate(nonexistant[5m])[5m:])", "1m", "{} 1"],
    ["absent_over_time(hr[5m])", "5m", ""],
    ["absent_over_time(rate(hr[5m])[5m:1m])", "5m", ""],
    ["absent_over_time(httpd_log_lines_total[30s])", "0m", ""],
    ["absent_over_time(httpd_log_lines_total[30s])", "1m", "{} 1"],
    ["absent_over_time(hr[5m])", "15m", ""],
    ["absent_over_time(hr[5m])", "16m", "{} 1"],
    ["absent_over_time(hr[6m])", "16m", ""],
    ["absent_over_time(httpd_handshake_failures_total[1m])", "16m", ""],
    ['absent_over_time({instance="127.0.0.1"}[5m])', "16m", ""],
    ['absent_over_time({instance="127.0.0.1"}[5m])', "21m", `{instance="127.0.0.1"} 1`],
    ['absent_over_time({instance="127.0.0.1"}[20m])', "21m", ""],
    ['absent_over_time({job="grok"}[20m])', "21m", `{job="grok"} 1`],
    ['absent_over_time({instance="127.0.0.1"}[5m:5s])', "30m", "{} 1"],
    ['absent_over_time({job="ingress"}[4m])', "5m", ""],
    ['absent_over_time({job="ingress"}[4m])', "10m", `{job="ingress"} 1`],
  ],
);

cases(
  "math functions drop the name",
  `load 5m
   m{a="1"} 4
   m{a="2"} -2.5`,
  [
    ["abs(m)", "0", `{a="1"} 4\n{a="2"} 2.5`],
    ["sqrt(m)", "0", `{a="1"} 2\n{a="2"} NaN`],
    ["ln(m)", "0", `{a="1"} ${Math.log(4)}\n{a="2"} NaN`],
    ["log2(m)", "0", `{a="1"} 2\n{a="2"} NaN`],
    ['log10(m{a="1"} * 25)', "0", `{a="1"} 2`],
    ["exp(m)", "0", `{a="1"} ${Math.exp(4)}\n{a="2"} ${Math.exp(-2.5)}`],
    ["ceil(m)", "0", `{a="1"} 4\n{a="2"} -2`],
    ["floor(m)", "0", `{a="1"} 4\n{a="2"} -3`],
    ["round(m)", "0", `{a="1"} 4\n{a="2"} -2`],
    ["deg(m) / 180", "0", `{a="1"} ${4 / Math.PI}\n{a="2"} ${-2.5 / Math.PI}`],
    ["rad(m)", "0", `{a="1"} ${(4 * Math.PI) / 180}\n{a="2"} ${(-2.5 * Math.PI) / 180}`],
    ["cos(m - m)", "0", `{a="1"} 1\n{a="2"} 1`],
    ["timestamp(m)", "3m", `{a="1"} 0\n{a="2"} 0`],
    ["timestamp(abs(m))", "3m", `{a="1"} 180\n{a="2"} 180`],
    ["histogram_count(m)", "0", ""],
  ],
);
