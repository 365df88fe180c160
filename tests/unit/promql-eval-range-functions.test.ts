// Range-vector functions (rate family, deriv, holt_winters, *_over_time), with cases and expected numbers from
// Prometheus 2.42's promql/testdata/functions.test.
import { describe, expect, it } from "vitest";
import { cases, instant, load } from "./promql-eval-helpers";

cases(
  "resets and changes",
  `load 5m
   http_requests{path="/foo"} 1 2 3 0 1 0 0 1 2 0
   http_requests{path="/bar"} 1 2 3 4 5 1 2 3 4 5
   http_requests{path="/biz"} 0 0 0 0 0 1 1 1 1 1`,
  [
    ["resets(http_requests[5m])", "50m", `{path="/foo"} 0\n{path="/bar"} 0\n{path="/biz"} 0`],
    ["resets(http_requests[20m])", "50m", `{path="/foo"} 1\n{path="/bar"} 0\n{path="/biz"} 0`],
    ["resets(http_requests[30m])", "50m", `{path="/foo"} 2\n{path="/bar"} 1\n{path="/biz"} 0`],
    ["resets(http_requests[50m])", "50m", `{path="/foo"} 3\n{path="/bar"} 1\n{path="/biz"} 0`],
    ["resets(nonexistent_metric[50m])", "50m", ""],
    ["changes(http_requests[5m])", "50m", `{path="/foo"} 0\n{path="/bar"} 0\n{path="/biz"} 0`],
    ["changes(http_requests[20m])", "50m", `{path="/foo"} 3\n{path="/bar"} 3\n{path="/biz"} 0`],
    ["changes(http_requests[30m])", "50m", `{path="/foo"} 4\n{path="/bar"} 5\n{path="/biz"} 1`],
    ["changes(http_requests[50m])", "50m", `{path="/foo"} 8\n{path="/bar"} 9\n{path="/biz"} 1`],
  ],
);

cases(
  "increase, irate, rate",
  `load 5m
   http_requests{path="/foo"} 0+10x10
   http_requests{path="/bar"} 0+10x5 0+10x5
   testcounter_reset_middle 0+10x4 0+10x5
   testcounter_reset_end 0+10x9 0 10`,
  [
    ["increase(http_requests[50m])", "50m", `{path="/foo"} 100\n{path="/bar"} 90`],
    ["increase(http_requests[100m])", "50m", `{path="/foo"} 100\n{path="/bar"} 90`],
    [
      "irate(http_requests[50m])",
      "50m",
      `{path="/foo"} .03333333333333333333\n{path="/bar"} .03333333333333333333`,
    ],
    ["irate(http_requests[50m])", "30m", `{path="/foo"} .03333333333333333333\n{path="/bar"} 0`],
    ["rate(testcounter_reset_middle[50m])", "50m", "{} 0.03"],
    ["rate(testcounter_reset_end[5m])", "50m", "{} 0"],
    ["rate(testcounter_reset_end[6m])", "50m", "{} 0"],
  ],
);

cases(
  "delta and idelta",
  `load 5m
   http_requests{path="/foo"} 0 50 100 150 200
   http_requests{path="/bar"} 200 150 100 50 0
   idelta_requests{path="/foo"} 0 50 100 150
   idelta_requests{path="/bar"} 0 50 100 50`,
  [
    ["delta(http_requests[20m])", "20m", `{path="/foo"} 200\n{path="/bar"} -200`],
    ["idelta(idelta_requests[20m])", "20m", `{path="/foo"} 50\n{path="/bar"} -50`],
  ],
);

cases(
  "deriv and predict_linear",
  `load 5m
   testcounter_reset_middle 0+10x4 0+10x5
   http_requests{job="app-server", instance="1", group="canary"} 0+80x10`,
  [
    [
      'rate(http_requests{group="canary", instance="1", job="app-server"}[50m])',
      "50m",
      `{group="canary", instance="1", job="app-server"} 0.26666666666666666`,
    ],
    [
      'deriv(http_requests{group="canary", instance="1", job="app-server"}[50m])',
      "50m",
      `{group="canary", instance="1", job="app-server"} 0.26666666666666666`,
    ],
    ["deriv(testcounter_reset_middle[100m])", "50m", "{} 0.010606060606060607"],
    ["predict_linear(testcounter_reset_middle[50m], 3600)", "50m", "{} 76.81818181818181"],
    ["predict_linear(testcounter_reset_middle[50m] @ 3000, 3600)", "50m", "{} 76.81818181818181"],
    ["predict_linear(testcounter_reset_middle[50m] @ 3000, 3600)", "10m", "{} 51.36363636363637"],
    ["predict_linear(testcounter_reset_middle[50m] @ 3000, 3600)", "70m", "{} 89.54545454545455"],
    [
      "predict_linear(http_requests[50m], 3600) - (http_requests + deriv(http_requests[50m]) * 3600)",
      "50m",
      `{group="canary", instance="1", job="app-server"} 0`,
    ],
  ],
);

cases(
  "holt_winters",
  `load 10s
   http_requests{job="api-server", instance="0", group="production"} 0+10x1000 100+30x1000
   http_requests{job="api-server", instance="1", group="production"} 0+20x1000 200+30x1000
   http_requests{job="api-server", instance="0", group="canary"} 0+30x1000 300+80x1000
   http_requests{job="api-server", instance="1", group="canary"} 0+40x2000`,
  [
    [
      "holt_winters(http_requests[1m], 0.01, 0.1)",
      "8000s",
      `{job="api-server", instance="0", group="production"} 8000
       {job="api-server", instance="1", group="production"} 16000
       {job="api-server", instance="0", group="canary"} 24000
       {job="api-server", instance="1", group="canary"} 32000`,
    ],
  ],
);

cases(
  "avg/sum/stddev/stdvar/quantile/min/max/last_over_time",
  `load 10s
   metric 1 2 3 4 5
   metric2 1 2 3 4 Inf
   metric3 1 2 3 4 -Inf
   metric4 1 2 3 Inf -Inf
   metric5 Inf 0 Inf
   metric5c Inf 0 Inf -Inf
   metric6 1 2 3 -Inf -Inf
   metric7 1 2 -Inf -Inf Inf
   metric8 9.988465674311579e+307 9.988465674311579e+307
   metric10 -9.988465674311579e+307 9.988465674311579e+307
   bigvalues 1 1e100 1 -1e100
   sd 0 8 8 2 3
   sdconst 1.5990505637277868 1.5990505637277868 1.5990505637277868
   data{test="two samples"} 0 1
   data{test="three samples"} 0 1 2
   data{test="uneven samples"} 0 1 4
   nandata{type="numbers"} 2 0 3
   nandata{type="some_nan"} 2 0 NaN
   nandata{type="some_nan2"} 2 NaN 1
   nandata{type="some_nan3"} NaN 0 1
   nandata{type="only_nan"} NaN NaN NaN`,
  [
    ["avg_over_time(metric[1m])", "1m", "{} 3"],
    ["sum_over_time(metric[1m])/count_over_time(metric[1m])", "1m", "{} 3"],
    ["avg_over_time(metric2[1m])", "1m", "{} Inf"],
    ["avg_over_time(metric3[1m])", "1m", "{} -Inf"],
    ["avg_over_time(metric4[1m])", "1m", "{} NaN"],
    ["avg_over_time(metric5[1m])", "1m", "{} Inf"],
    ["avg_over_time(metric5c[1m])", "1m", "{} NaN"],
    ["avg_over_time(metric6[1m])", "1m", "{} -Inf"],
    ["avg_over_time(metric7[1m])", "1m", "{} NaN"],
    ["avg_over_time(metric8[1m])", "1m", "{} 9.988465674311579e+307"],
    ["avg_over_time(metric10[1m])", "1m", "{} 0"],
    ["sum_over_time(bigvalues[1m])", "1m", "{} 2"],
    ["stdvar_over_time(sd[1m])", "1m", "{} 10.56"],
    ["stddev_over_time(sd[1m])", "1m", "{} 3.249615"],
    ["stddev_over_time((sd[1m]))", "1m", "{} 3.249615"],
    ["stdvar_over_time(sdconst[1m])", "1m", "{} 0"],
    ["stddev_over_time(sdconst[1m])", "1m", "{} 0"],
    [
      "quantile_over_time(0, data[1m])",
      "1m",
      `{test="two samples"} 0\n{test="three samples"} 0\n{test="uneven samples"} 0`,
    ],
    [
      "quantile_over_time(0.5, data[1m])",
      "1m",
      `{test="two samples"} 0.5\n{test="three samples"} 1\n{test="uneven samples"} 1`,
    ],
    [
      "quantile_over_time(0.75, data[1m])",
      "1m",
      `{test="two samples"} 0.75\n{test="three samples"} 1.5\n{test="uneven samples"} 2.5`,
    ],
    [
      "quantile_over_time(0.8, data[1m])",
      "1m",
      `{test="two samples"} 0.8\n{test="three samples"} 1.6\n{test="uneven samples"} 2.8`,
    ],
    [
      "quantile_over_time(1, data[1m])",
      "1m",
      `{test="two samples"} 1\n{test="three samples"} 2\n{test="uneven samples"} 4`,
    ],
    [
      "quantile_over_time(-1, data[1m])",
      "1m",
      `{test="two samples"} -Inf\n{test="three samples"} -Inf\n{test="uneven samples"} -Inf`,
    ],
    [
      "(quantile_over_time(2, (data[1m])))",
      "1m",
      `{test="two samples"} Inf\n{test="three samples"} Inf\n{test="uneven samples"} Inf`,
    ],
    [
      "min_over_time(nandata[1m])",
      "1m",
      `{type="numbers"} 0\n{type="some_nan"} 0\n{type="some_nan2"} 1\n{type="some_nan3"} 0\n{type="only_nan"} NaN`,
    ],
    [
      "max_over_time(nandata[1m])",
      "1m",
      `{type="numbers"} 3\n{type="some_nan"} 2\n{type="some_nan2"} 2\n{type="some_nan3"} 1\n{type="only_nan"} NaN`,
    ],
    [
      "last_over_time(nandata[1m])",
      "1m",
      `nandata{type="numbers"} 3\nnandata{type="some_nan"} NaN\nnandata{type="some_nan2"} 1\nnandata{type="some_nan3"} 1\nnandata{type="only_nan"} NaN`,
    ],
    ["present_over_time(metric[1m])", "1m", "{} 1"],
    ["count_over_time(metric[30s])", "1m", "{} 2"],
  ],
);

describe("holt_winters argument checks", () => {
  const src = load("load 10s\n x 1 2 3");
  it("rejects a smoothing factor outside (0, 1)", async () => {
    await expect(instant(src, "holt_winters(x[1m], 1, 0.5)", "30s")).rejects.toThrow(
      "invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000",
    );
  });
  it("rejects a trend factor outside (0, 1)", async () => {
    await expect(instant(src, "holt_winters(x[1m], 0.5, 0)", "30s")).rejects.toThrow(
      "invalid trend factor. Expected: 0 < tf < 1, got: 0.000000",
    );
  });
  it("fails when changes() yields duplicate label sets", async () => {
    const dup = load(`load 5m\n testmetric1{src="a",dst="b"} 0\n testmetric2{src="a",dst="b"} 1`);
    await expect(instant(dup, "changes({__name__=~'testmetric1|testmetric2'}[5m])", 0)).rejects.toThrow(
      "vector cannot contain metrics with the same labelset",
    );
  });
});
