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
  vector_matching_a{l="x"} 0+1x100
  vector_matching_a{l="y"} 0+2x50
  vector_matching_b{l="x"} 0+4x25`;

const CANARY_PLUS_ONE = `{group="canary", instance="0", job="api-server"} 301\n{group="canary", instance="0", job="app-server"} 701`;
const RATIO = `{instance="0", job="api-server"} 3\n{instance="0", job="app-server"} 1.4\n{instance="1", job="api-server"} 2\n{instance="1", job="app-server"} 1.3333333333333333`;
const ALL = `http_requests{group="canary", instance="0", job="api-server"} 300
  http_requests{group="canary", instance="0", job="app-server"} 700
  http_requests{group="canary", instance="1", job="api-server"} 400
  http_requests{group="canary", instance="1", job="app-server"} 800
  http_requests{group="production", instance="0", job="api-server"} 100
  http_requests{group="production", instance="0", job="app-server"} 500
  http_requests{group="production", instance="1", job="api-server"} 200
  http_requests{group="production", instance="1", job="app-server"} 600`;

cases("arithmetic and set operators", HTTP, [
  [
    "SUM(http_requests) BY (job) - COUNT(http_requests) BY (job)",
    "50m",
    `{job="api-server"} 996\n{job="app-server"} 2596`,
  ],
  ["2 - SUM(http_requests) BY (job)", "50m", `{job="api-server"} -998\n{job="app-server"} -2598`],
  [
    '-http_requests{job="api-server",instance="0",group="production"}',
    "50m",
    `{job="api-server",instance="0",group="production"} -100`,
  ],
  [
    '+http_requests{job="api-server",instance="0",group="production"}',
    "50m",
    `http_requests{job="api-server",instance="0",group="production"} 100`,
  ],
  ["- - - SUM(http_requests) BY (job)", "50m", `{job="api-server"} -1000\n{job="app-server"} -2600`],
  ["- - - 1", "50m", "-1"],
  ["-2^---1*3", "50m", "-1.5"],
  ["2/-2^---1*3+2", "50m", "-10"],
  [
    "-10^3 * - SUM(http_requests) BY (job) ^ -1",
    "50m",
    `{job="api-server"} 1\n{job="app-server"} 0.38461538461538464`,
  ],
  [
    "1000 / SUM(http_requests) BY (job)",
    "50m",
    `{job="api-server"} 1\n{job="app-server"} 0.38461538461538464`,
  ],
  ["SUM(http_requests) BY (job) % 3", "50m", `{job="api-server"} 1\n{job="app-server"} 2`],
  ["SUM(http_requests) BY (job) % 0.3", "50m", `{job="api-server"} 0.1\n{job="app-server"} 0.2`],
  ["SUM(http_requests) BY (job) ^ 2", "50m", `{job="api-server"} 1000000\n{job="app-server"} 6760000`],
  ["SUM(http_requests) BY (job) % 3 ^ 2", "50m", `{job="api-server"} 1\n{job="app-server"} 8`],
  ["SUM(http_requests) BY (job) % 2 ^ (3 ^ 2)", "50m", `{job="api-server"} 488\n{job="app-server"} 40`],
  ["SUM(http_requests) BY (job) % 2 ^ 3 ^ 2 ^ 2", "50m", `{job="api-server"} 1000\n{job="app-server"} 2600`],
  [
    "COUNT(http_requests) BY (job) ^ COUNT(http_requests) BY (job)",
    "50m",
    `{job="api-server"} 256\n{job="app-server"} 256`,
  ],
  ["SUM(http_requests) BY (job) / 0", "50m", `{job="api-server"} +Inf\n{job="app-server"} +Inf`],
  [
    '-1 * http_requests{group="canary", instance="0", job="api-server"} / 0',
    "50m",
    `{group="canary", instance="0", job="api-server"} -Inf`,
  ],
  [
    '0 * http_requests{group="canary", instance="0", job="api-server"} / 0',
    "50m",
    `{group="canary", instance="0", job="api-server"} NaN`,
  ],
  [
    '0 * http_requests{group="canary", instance="0", job="api-server"} % 0',
    "50m",
    `{group="canary", instance="0", job="api-server"} NaN`,
  ],
  [
    "(SUM((http_requests)) BY (job)) + SUM(http_requests) BY (job)",
    "50m",
    `{job="api-server"} 2000\n{job="app-server"} 5200`,
  ],
  [
    'http_requests{job="api-server", group="canary"} + rate(http_requests{job="api-server"}[5m]) * 5 * 60',
    "50m",
    `{group="canary", instance="0", job="api-server"} 330\n{group="canary", instance="1", job="api-server"} 440`,
  ],
  [
    "rate(http_requests[25m]) * 25 * 60",
    "50m",
    `{group="canary", instance="0", job="api-server"} 150
     {group="canary", instance="0", job="app-server"} 350
     {group="canary", instance="1", job="api-server"} 200
     {group="canary", instance="1", job="app-server"} 400
     {group="production", instance="0", job="api-server"} 50
     {group="production", instance="0", job="app-server"} 249.99999999999997
     {group="production", instance="1", job="api-server"} 100
     {group="production", instance="1", job="app-server"} 300`,
  ],
  [
    'http_requests{group="canary"} and http_requests{instance="0"}',
    "50m",
    `http_requests{group="canary", instance="0", job="api-server"} 300\nhttp_requests{group="canary", instance="0", job="app-server"} 700`,
  ],
  ['(http_requests{group="canary"} + 1) and http_requests{instance="0"}', "50m", CANARY_PLUS_ONE],
  [
    '(http_requests{group="canary"} + 1) and on(instance, job) http_requests{instance="0", group="production"}',
    "50m",
    CANARY_PLUS_ONE,
  ],
  [
    '(http_requests{group="canary"} + 1) and on(instance) http_requests{instance="0", group="production"}',
    "50m",
    CANARY_PLUS_ONE,
  ],
  [
    '(http_requests{group="canary"} + 1) and ignoring(group) http_requests{instance="0", group="production"}',
    "50m",
    CANARY_PLUS_ONE,
  ],
  [
    '(http_requests{group="canary"} + 1) and ignoring(group, job) http_requests{instance="0", group="production"}',
    "50m",
    CANARY_PLUS_ONE,
  ],
  ['http_requests{group="canary"} or http_requests{group="production"}', "50m", ALL],
  [
    '(http_requests{group="canary"} + 1) or http_requests{instance="1"}',
    "50m",
    `${CANARY_PLUS_ONE}
     {group="canary", instance="1", job="api-server"} 401
     {group="canary", instance="1", job="app-server"} 801
     http_requests{group="production", instance="1", job="api-server"} 200
     http_requests{group="production", instance="1", job="app-server"} 600`,
  ],
  [
    '(http_requests{group="canary"} + 1) or on(instance) (http_requests or cpu_count or vector_matching_a)',
    "50m",
    `${CANARY_PLUS_ONE}
     {group="canary", instance="1", job="api-server"} 401
     {group="canary", instance="1", job="app-server"} 801
     vector_matching_a{l="x"} 10
     vector_matching_a{l="y"} 20`,
  ],
  [
    'http_requests{group="canary"} unless http_requests{instance="0"}',
    "50m",
    `http_requests{group="canary", instance="1", job="api-server"} 400\nhttp_requests{group="canary", instance="1", job="app-server"} 800`,
  ],
  ['http_requests{group="canary"} unless on(job) http_requests{instance="0"}', "50m", ""],
  [
    'http_requests{group="canary"} unless on(job, instance) http_requests{instance="0"}',
    "50m",
    `http_requests{group="canary", instance="1", job="api-server"} 400\nhttp_requests{group="canary", instance="1", job="app-server"} 800`,
  ],
  ['http_requests{group="canary"} / on(instance,job) http_requests{group="production"}', "50m", RATIO],
  ['http_requests{group="canary"} unless ignoring(group, instance) http_requests{instance="0"}', "50m", ""],
  ['http_requests{group="canary"} / ignoring(group) http_requests{group="production"}', "50m", RATIO],
  ["http_requests AND ON (dummy) vector(1)", "50m", ALL],
  ["http_requests AND IGNORING (group, instance, job) vector(1)", "50m", ALL],
  ["SUM(http_requests) BY (job) > 1000", "50m", `{job="app-server"} 2600`],
  ["1000 < SUM(http_requests) BY (job)", "50m", `{job="app-server"} 2600`],
  ["SUM(http_requests) BY (job) <= 1000", "50m", `{job="api-server"} 1000`],
  ["SUM(http_requests) BY (job) != 1000", "50m", `{job="app-server"} 2600`],
  ["SUM(http_requests) BY (job) == 1000", "50m", `{job="api-server"} 1000`],
  ["SUM(http_requests) BY (job) == bool 1000", "50m", `{job="api-server"} 1\n{job="app-server"} 0`],
  [
    "SUM(http_requests) BY (job) == bool SUM(http_requests) BY (job)",
    "50m",
    `{job="api-server"} 1\n{job="app-server"} 1`,
  ],
  [
    "SUM(http_requests) BY (job) != bool SUM(http_requests) BY (job)",
    "50m",
    `{job="api-server"} 0\n{job="app-server"} 0`,
  ],
  ["0 == bool 1", "50m", "0"],
  ["1 == bool 1", "50m", "1"],
  [
    'http_requests{job="api-server", instance="0", group="production"} == bool 100',
    "50m",
    `{job="api-server", instance="0", group="production"} 1`,
  ],
]);
