import { cases } from "./promql-eval-helpers";

const HTTP = `load 5m
  http_requests{job="api-server", instance="0", group="production"} 0+10x10
  http_requests{job="api-server", instance="1", group="production"} 0+20x10
  http_requests{job="api-server", instance="0", group="canary"} 0+30x10
  http_requests{job="api-server", instance="1", group="canary"} 0+40x10
  http_requests{job="app-server", instance="0", group="production"} 0+50x10
  http_requests{job="app-server", instance="1", group="production"} 0+60x10
  http_requests{job="app-server", instance="0", group="canary"} 0+70x10
  http_requests{job="app-server", instance="1", group="canary"} 0+80x10
  foo{job="api-server", instance="0", region="europe"} 0+90x10
  foo{job="api-server"} 0+100x10
  label_grouping_test{a="aa", b="bb"} 0+10x10
  label_grouping_test{a="a", b="abb"} 0+20x10`;

const PROD = (a: number, b: number) =>
  `{group="production", instance="0", job="api-server"} ${a}\n{group="production", instance="1", job="api-server"} ${b}`;
const P = 'http_requests{group="production",job="api-server"}';

cases("sum, avg, count, min, max, stddev, stdvar", HTTP, [
  [
    'SUM BY (group) (http_requests{job="api-server"})',
    "50m",
    `{group="canary"} 700\n{group="production"} 300`,
  ],
  [
    'SUM BY (group) (((http_requests{job="api-server"})))',
    "50m",
    `{group="canary"} 700\n{group="production"} 300`,
  ],
  [
    'avg by (group) (http_requests{job="api-server"})',
    "50m",
    `{group="canary"} 350\n{group="production"} 150`,
  ],
  ['count by (group) (http_requests{job="api-server"})', "50m", `{group="canary"} 2\n{group="production"} 2`],
  [
    'sum without (instance) (http_requests{job="api-server"})',
    "50m",
    `{group="canary",job="api-server"} 700\n{group="production",job="api-server"} 300`,
  ],
  ['sum by () (http_requests{job="api-server"})', "50m", "{} 1000"],
  ['sum(http_requests{job="api-server"})', "50m", "{} 1000"],
  [
    'sum without () (http_requests{job="api-server",group="production"})',
    "50m",
    `{group="production",job="api-server",instance="0"} 100\n{group="production",job="api-server",instance="1"} 200`,
  ],
  [
    'sum without (instance) (http_requests{job="api-server"} or foo)',
    "50m",
    `{group="canary",job="api-server"} 700\n{group="production",job="api-server"} 300\n{region="europe",job="api-server"} 900\n{job="api-server"} 1000`,
  ],
  [
    "sum(http_requests) by (job) + min(http_requests) by (job) + max(http_requests) by (job) + avg(http_requests) by (job)",
    "50m",
    `{job="app-server"} 4550\n{job="api-server"} 1750`,
  ],
  ['sum(sum by (group) (http_requests{job="api-server"})) by (job)', "50m", "{} 1000"],
  ["SUM(http_requests)", "50m", "{} 3600"],
  ['SUM(http_requests{instance="0"}) BY(job)', "50m", `{job="api-server"} 400\n{job="app-server"} 1200`],
  ["SUM(http_requests) BY (job, nonexistent)", "50m", `{job="api-server"} 1000\n{job="app-server"} 2600`],
  ["COUNT(http_requests) BY (job)", "50m", `{job="api-server"} 4\n{job="app-server"} 4`],
  [
    "SUM(http_requests) BY (job, group)",
    "50m",
    `{group="canary", job="api-server"} 700\n{group="canary", job="app-server"} 1500\n{group="production", job="api-server"} 300\n{group="production", job="app-server"} 1100`,
  ],
  ["AVG(http_requests) BY (job)", "50m", `{job="api-server"} 250\n{job="app-server"} 650`],
  ["MIN(http_requests) BY (job)", "50m", `{job="api-server"} 100\n{job="app-server"} 500`],
  ["MAX(http_requests) BY (job)", "50m", `{job="api-server"} 400\n{job="app-server"} 800`],
  [`abs(-1 * ${P})`, "50m", PROD(100, 200)],
  [`floor(0.004 * ${P})`, "50m", PROD(0, 0)],
  [`ceil(0.004 * ${P})`, "50m", PROD(1, 1)],
  [`round(0.004 * ${P})`, "50m", PROD(0, 1)],
  [`round(-1 * (0.004 * ${P}))`, "50m", PROD(0, -1)],
  [`round(0.005 * ${P})`, "50m", PROD(1, 1)],
  [`round(-1 * (0.005 * ${P}))`, "50m", PROD(0, -1)],
  [`round(1 + 0.005 * ${P})`, "50m", PROD(2, 2)],
  [`round(-1 * (1 + 0.005 * ${P}))`, "50m", PROD(-1, -2)],
  [`round(0.0005 * ${P}, 0.1)`, "50m", PROD(0.1, 0.1)],
  [`round(2.1 + 0.0005 * ${P}, 0.1)`, "50m", PROD(2.2, 2.2)],
  [`round(5.2 + 0.0005 * ${P}, 0.1)`, "50m", PROD(5.3, 5.3)],
  [`round(-1 * (5.2 + 0.0005 * ${P}), 0.1)`, "50m", PROD(-5.2, -5.3)],
  [`round(0.025 * ${P}, 5)`, "50m", PROD(5, 5)],
  [`round(0.045 * ${P}, 5)`, "50m", PROD(5, 10)],
  ["stddev(http_requests)", "50m", "{} 229.12878474779"],
  [
    "stddev by (instance)(http_requests)",
    "50m",
    `{instance="0"} 223.60679774998\n{instance="1"} 223.60679774998`,
  ],
  ["stdvar(http_requests)", "50m", "{} 52500"],
  ["stdvar by (instance)(http_requests)", "50m", `{instance="0"} 50000\n{instance="1"} 50000`],
  ["sum(label_grouping_test) by (a, b)", "50m", `{a="a", b="abb"} 200\n{a="aa", b="bb"} 100`],
]);

cases(
  "stddev precision, min/max with NaN",
  `load 5m
  prec{job="api-server", instance="0", group="production"} 0+1.33x10
  prec{job="api-server", instance="1", group="production"} 0+1.33x10
  prec{job="api-server", instance="0", group="canary"} 0+1.33x10
  mm{job="api-server", instance="0", group="production"} 1
  mm{job="api-server", instance="1", group="production"} 2
  mm{job="api-server", instance="0", group="canary"} NaN
  mm{job="api-server", instance="1", group="canary"} 3
  mm{job="api-server", instance="2", group="canary"} 4`,
  [
    ["stddev(prec)", "50m", "{} 0.0"],
    ["stdvar(prec)", "50m", "{} 0.0"],
    ["max(mm)", "0m", "{} 4"],
    ["min(mm)", "0m", "{} 1"],
    ["max by (group) (mm)", "0m", `{group="production"} 2\n{group="canary"} 4`],
    ["min by (group) (mm)", "0m", `{group="production"} 1\n{group="canary"} 3`],
  ],
);

cases(
  "topk and bottomk",
  `load 5m
  http_requests{job="api-server", instance="0", group="production"} 0+10x10
  http_requests{job="api-server", instance="1", group="production"} 0+20x10
  http_requests{job="api-server", instance="2", group="production"} NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN NaN
  http_requests{job="api-server", instance="0", group="canary"} 0+30x10
  http_requests{job="api-server", instance="1", group="canary"} 0+40x10
  http_requests{job="app-server", instance="0", group="production"} 0+50x10
  http_requests{job="app-server", instance="1", group="production"} 0+60x10
  http_requests{job="app-server", instance="0", group="canary"} 0+70x10
  http_requests{job="app-server", instance="1", group="canary"} 0+80x10
  foo 3+0x10`,
  [
    [
      "topk(3, http_requests)",
      "50m",
      `http_requests{group="canary", instance="1", job="app-server"} 800\nhttp_requests{group="canary", instance="0", job="app-server"} 700\nhttp_requests{group="production", instance="1", job="app-server"} 600`,
      true,
    ],
    [
      "topk((3), (http_requests))",
      "50m",
      `http_requests{group="canary", instance="1", job="app-server"} 800\nhttp_requests{group="canary", instance="0", job="app-server"} 700\nhttp_requests{group="production", instance="1", job="app-server"} 600`,
      true,
    ],
    [
      'topk(5, http_requests{group="canary",job="app-server"})',
      "50m",
      `http_requests{group="canary", instance="1", job="app-server"} 800\nhttp_requests{group="canary", instance="0", job="app-server"} 700`,
      true,
    ],
    [
      "bottomk(3, http_requests)",
      "50m",
      `http_requests{group="production", instance="0", job="api-server"} 100\nhttp_requests{group="production", instance="1", job="api-server"} 200\nhttp_requests{group="canary", instance="0", job="api-server"} 300`,
      true,
    ],
    [
      "topk by (group) (1, http_requests)",
      "50m",
      `http_requests{group="production", instance="1", job="app-server"} 600\nhttp_requests{group="canary", instance="1", job="app-server"} 800`,
    ],
    [
      "bottomk by (group) (2, http_requests)",
      "50m",
      `http_requests{group="canary", instance="0", job="api-server"} 300
       http_requests{group="canary", instance="1", job="api-server"} 400
       http_requests{group="production", instance="0", job="api-server"} 100
       http_requests{group="production", instance="1", job="api-server"} 200`,
    ],
    [
      'topk(3, http_requests{job="api-server",group="production"})',
      "50m",
      `http_requests{job="api-server", instance="1", group="production"} 200\nhttp_requests{job="api-server", instance="0", group="production"} 100\nhttp_requests{job="api-server", instance="2", group="production"} NaN`,
      true,
    ],
    [
      'bottomk(3, http_requests{job="api-server",group="production"})',
      "50m",
      `http_requests{job="api-server", instance="0", group="production"} 100\nhttp_requests{job="api-server", instance="1", group="production"} 200\nhttp_requests{job="api-server", instance="2", group="production"} NaN`,
      true,
    ],
    [
      'bottomk(9999999999, http_requests{job="app-server",group="canary"})',
      "50m",
      `http_requests{group="canary", instance="0", job="app-server"} 700\nhttp_requests{group="canary", instance="1", job="app-server"} 800`,
      true,
    ],
    [
      "topk(scalar(foo), http_requests)",
      "50m",
      `http_requests{group="canary", instance="1", job="app-server"} 800\nhttp_requests{group="canary", instance="0", job="app-server"} 700\nhttp_requests{group="production", instance="1", job="app-server"} 600`,
      true,
    ],
    ["topk(0, http_requests)", "50m", ""],
  ],
);
