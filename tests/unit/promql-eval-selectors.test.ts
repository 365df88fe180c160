import { cases } from "./promql-eval-helpers";

const RATES = `{job="api-server", instance="0", group="production"} 1
  {job="api-server", instance="1", group="production"} 2
  {job="api-server", instance="0", group="canary"} 3
  {job="api-server", instance="1", group="canary"} 4`;

cases(
  "selectors and offset",
  `load 10s
  http_requests{job="api-server", instance="0", group="production"} 0+10x1000 100+30x1000
  http_requests{job="api-server", instance="1", group="production"} 0+20x1000 200+30x1000
  http_requests{job="api-server", instance="0", group="canary"} 0+30x1000 300+80x1000
  http_requests{job="api-server", instance="1", group="canary"} 0+40x2000`,
  [
    ["rate(http_requests[1m])", "8000s", RATES],
    [
      "rate(http_requests[1m])",
      "18000s",
      `{job="api-server", instance="0", group="production"} 3\n{job="api-server", instance="1", group="production"} 3\n{job="api-server", instance="0", group="canary"} 8\n{job="api-server", instance="1", group="canary"} 4`,
    ],
    [
      'rate(http_requests{group=~"pro.*"}[1m])',
      "8000s",
      `{job="api-server", instance="0", group="production"} 1\n{job="api-server", instance="1", group="production"} 2`,
    ],
    [
      'rate(http_requests{group=~".*ry", instance="1"}[1m])',
      "18000s",
      `{job="api-server", instance="1", group="canary"} 4`,
    ],
    ['rate(http_requests{instance!="3"}[1m] offset 10000s)', "18000s", RATES],
    ['rate(http_requests{instance!="3"}[1m] offset -4000s)', "4000s", RATES],
    [
      "rate(http_requests[40s]) - rate(http_requests[1m] offset 10000s)",
      "18000s",
      `{job="api-server", instance="0", group="production"} 2\n{job="api-server", instance="1", group="production"} 1\n{job="api-server", instance="0", group="canary"} 5\n{job="api-server", instance="1", group="canary"} 0`,
    ],
    [
      'http_requests{foo!~"bar", job="api-server", instance="1", x!="y", z="", group!=""}',
      "0s",
      `http_requests{job="api-server", instance="1", group="production"} 0\nhttp_requests{job="api-server", instance="1", group="canary"} 0`,
    ],
    [
      'rate(http_requests{group=~"pro.*"}[1m:10s])',
      "8000s",
      `{job="api-server", instance="0", group="production"} 1\n{job="api-server", instance="1", group="production"} 2`,
    ],
    [
      "avg_over_time(rate(http_requests[1m])[1m:1s])",
      "20000s",
      `{job="api-server", instance="0", group="canary"} 8\n{job="api-server", instance="1", group="canary"} 4\n{job="api-server", instance="1", group="production"} 3\n{job="api-server", instance="0", group="production"} 3`,
    ],
  ],
);

cases("lookback and staleness window", "load 10s\n metric 1 2", [
  ["metric", "10s", "metric 2"],
  ["metric", "310s", "metric 2"],
  ["metric", "311s", ""],
  ["sum_over_time(metric[50s:10s])", "10s", "{} 3"],
  ["sum_over_time(metric[50s:5s])", "10s", "{} 4"],
  ["sum_over_time(metric[50s:10s])", "5m", "{} 12"],
  ["sum_over_time(metric[50s:10s])", "6m", "{} 2"],
  ["rate(metric[20s:10s])", "10s", "{} 0.1"],
  ["rate(metric[20s:5s])", "20s", "{} 0.05"],
]);

cases(
  "subquery alignment and nesting",
  `load 10s
  metric1 0+1x1000
  metric2 0+2x1000
  metric3 0+3x1000`,
  [
    ["sum_over_time(metric1[30s:10s])", "1000s", "{} 394"],
    ["sum_over_time(metric1[30s:5s])", "1000s", "{} 688"],
    ["sum_over_time(metric1[30s:10s] offset 10s)", "1010s", "{} 394"],
    ["sum_over_time(metric1[30s:10s] offset 9s)", "1010s", "{} 297"],
    ["sum_over_time(metric1[30s:10s] offset 5s)", "1010s", "{} 297"],
    ["sum_over_time((metric1)[30s:10s] offset 3s)", "1010s", "{} 297"],
    ["rate(sum_over_time(metric1[30s:10s])[50s:10s])", "1000s", "{} 0.4"],
    ["rate(sum_over_time(metric2[30s:10s])[50s:10s])", "1000s", "{} 0.8"],
    ["rate(sum_over_time(metric3[30s:10s])[50s:10s])", "1000s", "{} 1.2"],
    ["rate(sum_over_time((metric1+metric2+metric3)[30s:10s])[30s:10s])", "1000s", "{} 2.4"],
  ],
);

cases(
  "@ modifier",
  `load 10s
  metric{job="1"} 0+1x1000
  metric{job="2"} 0+2x1000
  load 1ms
  metric_ms 0+1x10000`,
  [
    ["metric @ 100", "10s", `metric{job="1"} 10\nmetric{job="2"} 20`],
    ["metric @ 100 offset 50s", "10s", `metric{job="1"} 5\nmetric{job="2"} 10`],
    ["metric offset 50s @ 100", "10s", `metric{job="1"} 5\nmetric{job="2"} 10`],
    ["metric @ 0 offset -50s", "10s", `metric{job="1"} 5\nmetric{job="2"} 10`],
    ["-metric @ 100", "10s", `{job="1"} -10\n{job="2"} -20`],
    ["---metric @ 100", "10s", `{job="1"} -10\n{job="2"} -20`],
    ["metric_ms @ 1.234", "100s", "metric_ms 1234"],
    ['sum_over_time(metric{job="1"}[100s] @ 100)', "25s", `{job="1"} 55`],
    ['sum_over_time(metric{job="1"}[100s] @ 100 offset 50s)', "25s", `{job="1"} 15`],
    ['sum_over_time(metric{job="1"}[100s] @ 50 offset -50s)', "25s", `{job="1"} 55`],
    ['metric{job="1"} @ 50 + metric{job="1"} @ 100', "25s", `{job="1"} 15`],
    [
      'rate(metric{job="1"}[100s] @ 100) + label_replace(rate(metric{job="2"}[123s] @ 200), "job", "1", "", "")',
      "25s",
      `{job="1"} 0.3`,
    ],
    ['sum_over_time(metric{job="1"}[100s:1s] @ 100)', "25s", `{job="1"} 460`],
    ['sum_over_time(metric{job="1"}[100s:1s] @ 100 offset 20s)', "25s", `{job="1"} 288`],
    ['sum_over_time(sum_over_time(metric{job="1"}[100s] @ 100)[100s:25s] @ 50)', "100s", `{job="1"} 275`],
    [
      'sum_over_time(sum_over_time(sum_over_time(metric{job="1"}[100s] @ 100)[100s:25s] @ 50)[3s:1s] @ 3000)',
      "0s",
      `{job="1"} 1100`,
    ],
    [
      'sum_over_time(sum_over_time(sum_over_time(metric{job="1"}[10s])[100s:25s] @ 50)[3s:1s] @ 200)',
      "0s",
      `{job="1"} 44`,
    ],
    [
      'sum_over_time(sum_over_time(sum_over_time(metric{job="1"}[10s])[100s:25s] @ 200)[3s:1s] @ 50)',
      "0s",
      `{job="1"} 464`,
    ],
    [
      'sum_over_time(sum_over_time(sum_over_time(metric{job="1"}[20s])[20s:10s] offset 10s)[100s:25s] @ 1000)',
      "0s",
      `{job="1"} 3588`,
    ],
    ["minute(metric @ 1500)", "10s", `{job="1"} 2\n{job="2"} 5`],
    ['timestamp(metric{job="1"} @ 10)', "10m", `{job="1"} 10`],
    ['timestamp(timestamp(metric{job="1"} @ 10))', "10m", `{job="1"} 600`],
    ["sum_over_time(minute(metric @ 1500)[100s:10s])", "0s", `{job="1"} 22\n{job="2"} 55`],
    // Closed 2.x windows: minutes 50..59 and 0..40 (51 points); with offset 5m, 45..59 and 0..35.
    ["sum_over_time(minute()[50m:1m] @ 6000)", "0s", "{} 1365"],
    ["sum_over_time(minute()[50m:1m] @ 6000 offset 5m)", "0s", "{} 1410"],
    ["sum_over_time(vector(time())[100s:1s] @ 3000)", "0s", "{} 297950"],
    ["sum_over_time(vector(time())[100s:1s] @ 3000 offset 600s)", "0s", "{} 237350"],
    ['sum_over_time(timestamp(metric{job="1"} @ 10)[100s:10s] @ 3000)', "0s", `{job="1"} 110`],
    ['sum_over_time(timestamp(timestamp(metric{job="1"} @ 999))[10s:1s] @ 10)', "0s", `{job="1"} 55`],
  ],
);
