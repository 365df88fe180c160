// Staleness markers, from Prometheus 2.42's promql/testdata/staleness.test: a vector selector stops at a
// marker, range selectors ignore markers, and a series without a marker ends after the 5-minute lookback.
import { cases } from "./promql-eval-helpers";

cases(
  "staleness markers",
  `load 10s
  metric 0 1 stale 2`,
  [
    ["metric", "10s", `{__name__="metric"} 1`],
    ["metric", "20s", ""],
    ["metric", "30s", `{__name__="metric"} 2`],
    ["metric", "40s", `{__name__="metric"} 2`],
    ["metric", "330s", `{__name__="metric"} 2`],
    ["metric", "331s", ""],
    ["count_over_time(metric[1m])", "30s", "{} 3"],
    ["count_over_time(metric[1s])", "10s", "{} 1"],
    ["count_over_time(metric[1s])", "20s", ""],
    ["count_over_time(metric[10s])", "20s", "{} 1"],
    ["timestamp(metric)", "25s", ""],
    ["max_over_time(metric[5m:10s])", "30s", "{} 2"],
    ["count_over_time(metric[1m:10s])", "40s", "{} 4"],
  ],
);

cases(
  "a series without a marker goes stale after the lookback",
  `load 10s
  metric 0`,
  [
    ["metric", "0s", `{__name__="metric"} 0`],
    ["metric", "150s", `{__name__="metric"} 0`],
    ["metric", "300s", `{__name__="metric"} 0`],
    ["metric", "301s", ""],
  ],
);
