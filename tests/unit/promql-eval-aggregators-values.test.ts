// count_values, quantile, group and avg numerics, with cases and numbers from Prometheus 2.42's
// promql/testdata/aggregators.test.
import { describe, expect, it } from "vitest";
import { cases, instant, load } from "./promql-eval-helpers";

const VERSIONS = `load 5m
  version{job="api-server", instance="0", group="production"} 6
  version{job="api-server", instance="1", group="production"} 6
  version{job="api-server", instance="2", group="production"} 6
  version{job="api-server", instance="0", group="canary"} 8
  version{job="api-server", instance="1", group="canary"} 8
  version{job="app-server", instance="0", group="production"} 6
  version{job="app-server", instance="1", group="production"} 6
  version{job="app-server", instance="0", group="canary"} 7
  version{job="app-server", instance="1", group="canary"} 7`;

cases("count_values", VERSIONS, [
  ['count_values("version", version)', "5m", `{version="6"} 5\n{version="7"} 2\n{version="8"} 2`],
  ['count_values(((("version"))), version)', "5m", `{version="6"} 5\n{version="7"} 2\n{version="8"} 2`],
  [
    'count_values without (instance)("version", version)',
    "5m",
    `{job="api-server", group="production", version="6"} 3
     {job="api-server", group="canary", version="8"} 2
     {job="app-server", group="production", version="6"} 2
     {job="app-server", group="canary", version="7"} 2`,
  ],
  [
    'count_values without (instance)("job", version)',
    "5m",
    `{job="6", group="production"} 5\n{job="8", group="canary"} 2\n{job="7", group="canary"} 2`,
  ],
  [
    'count_values by (job, group)("job", version)',
    "5m",
    `{job="6", group="production"} 5\n{job="8", group="canary"} 2\n{job="7", group="canary"} 2`,
  ],
  ['count_values("v", version / 4)', "5m", `{v="1.5"} 5\n{v="1.75"} 2\n{v="2"} 2`],
]);

const QDATA = `load 10s
  data{test="two samples",point="a"} 0
  data{test="two samples",point="b"} 1
  data{test="three samples",point="a"} 0
  data{test="three samples",point="b"} 1
  data{test="three samples",point="c"} 2
  data{test="uneven samples",point="a"} 0
  data{test="uneven samples",point="b"} 1
  data{test="uneven samples",point="c"} 4
  foo .8
  avgdata{test="ten",point="a"} 8
  avgdata{test="ten",point="b"} 10
  avgdata{test="ten",point="c"} 12
  avgdata{test="inf",point="a"} 0
  avgdata{test="inf",point="b"} Inf
  avgdata{test="inf",point="d"} Inf
  avgdata{test="inf",point="c"} 0
  avgdata{test="-inf",point="a"} -Inf
  avgdata{test="-inf",point="b"} -Inf
  avgdata{test="-inf",point="c"} 0
  avgdata{test="nan",point="a"} -Inf
  avgdata{test="nan",point="b"} 0
  avgdata{test="nan",point="c"} Inf
  avgdata{test="big",point="a"} 9.988465674311579e+307
  avgdata{test="big",point="b"} 9.988465674311579e+307
  avgdata{test="big",point="c"} 9.988465674311579e+307
  avgdata{test="big",point="d"} 9.988465674311579e+307
  avgdata{test="bigzero",point="a"} -9.988465674311579e+307
  avgdata{test="bigzero",point="b"} -9.988465674311579e+307
  avgdata{test="bigzero",point="c"} 9.988465674311579e+307
  avgdata{test="bigzero",point="d"} 9.988465674311579e+307`;

const Q08 = `{test="two samples"} 0.8\n{test="three samples"} 1.6\n{test="uneven samples"} 2.8`;
cases("quantile, group, avg numerics", QDATA, [
  ["quantile without(point)(0.8, data)", "1m", Q08],
  ["quantile without(point)(scalar(foo), data)", "1m", Q08],
  ["quantile without(point)((scalar(foo)), data)", "1m", Q08],
  [
    "quantile without(point)(NaN, data)",
    "1m",
    `{test="two samples"} NaN\n{test="three samples"} NaN\n{test="uneven samples"} NaN`,
  ],
  [
    "quantile without(point)(2, data)",
    "1m",
    `{test="two samples"} Inf\n{test="three samples"} Inf\n{test="uneven samples"} Inf`,
  ],
  [
    "group without(point)(data)",
    "1m",
    `{test="two samples"} 1\n{test="three samples"} 1\n{test="uneven samples"} 1`,
  ],
  ["group(foo)", "1m", "{} 1"],
  ['avg(avgdata{test="ten"})', "1m", "{} 10"],
  ['avg(avgdata{test="inf"})', "1m", "{} Inf"],
  ['avg(avgdata{test="-inf"})', "1m", "{} -Inf"],
  ['avg(avgdata{test="nan"})', "1m", "{} NaN"],
  ['avg(avgdata{test="big"})', "1m", "{} 9.988465674311579e+307"],
  ['avg(avgdata{test="bigzero"})', "1m", "{} 0"],
]);

describe("aggregation errors", () => {
  const src = load(VERSIONS);
  it("count_values needs a valid label name", async () => {
    await expect(instant(src, 'count_values("a-b", version)', "5m")).rejects.toThrow(
      'invalid label name "a-b"',
    );
  });
  it("topk with NaN k overflows int64", async () => {
    await expect(instant(src, "topk(NaN, version)", "5m")).rejects.toThrow(
      "Scalar value NaN overflows int64",
    );
  });
});
