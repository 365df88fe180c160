// Vector matching (on/ignoring, group_left/group_right), comparisons and matching errors; cases and numbers from
// Prometheus 2.42's promql/testdata/operators.test.
import { describe, expect, it } from "vitest";
import { cases, expectResult, instant, load } from "./promql-eval-helpers";

const NODES = `load 5m
  node_var{instance="abc",job="node"} 2
  node_role{instance="abc",job="node",role="prometheus"} 1
  node_cpu{instance="abc",job="node",mode="idle"} 3
  node_cpu{instance="abc",job="node",mode="user"} 1
  node_cpu{instance="def",job="node",mode="idle"} 8
  node_cpu{instance="def",job="node",mode="user"} 2
  random{foo="bar"} 1
  threshold{instance="abc",job="node",target="a@b.com"} 0
  test_total{instance="localhost"} 50
  test_smaller{instance="localhost"} 10
  trigy{} 10
  trigx{} 20
  trignan{} NaN`;

const CPU_RATIO = `{instance="abc",job="node",mode="idle"} .75
  {instance="abc",job="node",mode="user"} .25
  {instance="def",job="node",mode="idle"} .80
  {instance="def",job="node",mode="user"} .20`;

cases("group_left / group_right and comparisons", NODES, [
  [
    "node_role * on (instance) group_right (role) node_var",
    "5m",
    `{instance="abc",job="node",role="prometheus"} 2`,
  ],
  [
    "node_var * on (instance) group_left (role) node_role",
    "5m",
    `{instance="abc",job="node",role="prometheus"} 2`,
  ],
  [
    "node_var * ignoring (role) group_left (role) node_role",
    "5m",
    `{instance="abc",job="node",role="prometheus"} 2`,
  ],
  [
    "node_role * ignoring (role) group_right (role) node_var",
    "5m",
    `{instance="abc",job="node",role="prometheus"} 2`,
  ],
  [
    "node_cpu * ignoring (role, mode) group_left (role) node_role",
    "5m",
    `{instance="abc",job="node",mode="idle",role="prometheus"} 3\n{instance="abc",job="node",mode="user",role="prometheus"} 1`,
  ],
  [
    "node_cpu * on (instance) group_left (role) node_role",
    "5m",
    `{instance="abc",job="node",mode="idle",role="prometheus"} 3\n{instance="abc",job="node",mode="user",role="prometheus"} 1`,
  ],
  ["node_cpu / on (instance) group_left sum by (instance,job)(node_cpu)", "5m", CPU_RATIO],
  [
    "sum by (mode, job)(node_cpu) / on (job) group_left sum by (job)(node_cpu)",
    "5m",
    `{job="node",mode="idle"} 0.7857142857142857\n{job="node",mode="user"} 0.21428571428571427`,
  ],
  ["sum(sum by (mode, job)(node_cpu) / on (job) group_left sum by (job)(node_cpu))", "5m", "{} 1.0"],
  ["node_cpu / ignoring (mode) group_left sum without (mode)(node_cpu)", "5m", CPU_RATIO],
  ["node_cpu / ignoring (mode) group_left(dummy) sum without (mode)(node_cpu)", "5m", CPU_RATIO],
  [
    "sum without (instance)(node_cpu) / ignoring (mode) group_left sum without (instance, mode)(node_cpu)",
    "5m",
    `{job="node",mode="idle"} 0.7857142857142857\n{job="node",mode="user"} 0.21428571428571427`,
  ],
  [
    "node_cpu + on(dummy) group_left(foo) random*0",
    "5m",
    `{instance="abc",job="node",mode="idle",foo="bar"} 3
     {instance="abc",job="node",mode="user",foo="bar"} 1
     {instance="def",job="node",mode="idle",foo="bar"} 8
     {instance="def",job="node",mode="user",foo="bar"} 2`,
  ],
  [
    "node_cpu > on(job, instance) group_left(target) threshold",
    "5m",
    `node_cpu{instance="abc",job="node",mode="idle",target="a@b.com"} 3\nnode_cpu{instance="abc",job="node",mode="user",target="a@b.com"} 1`,
  ],
  [
    "node_cpu > on(job, instance) group_left(target) (threshold or on (job, instance) (sum by (job, instance)(node_cpu) * 0 + 1))",
    "5m",
    `node_cpu{instance="abc",job="node",mode="idle",target="a@b.com"} 3
     node_cpu{instance="abc",job="node",mode="user",target="a@b.com"} 1
     node_cpu{instance="def",job="node",mode="idle"} 8
     node_cpu{instance="def",job="node",mode="user"} 2`,
  ],
  [
    "node_cpu + 2",
    "5m",
    `{instance="abc",job="node",mode="idle"} 5\n{instance="abc",job="node",mode="user"} 3\n{instance="def",job="node",mode="idle"} 10\n{instance="def",job="node",mode="user"} 4`,
  ],
  [
    "node_cpu > 1",
    "5m",
    `node_cpu{instance="abc",job="node",mode="idle"} 3\nnode_cpu{instance="def",job="node",mode="idle"} 8\nnode_cpu{instance="def",job="node",mode="user"} 2`,
  ],
  ["test_total > bool test_smaller", "5m", `{instance="localhost"} 1`],
  ["test_total > test_smaller", "5m", `test_total{instance="localhost"} 50`],
  ["test_total < test_smaller", "5m", ""],
  ["trigy atan2 trigx", "5m", "trigy 0.4636476090008061"],
  ["trigy atan2 trignan", "5m", "trigy NaN"],
  ["10 atan2 20", "5m", "0.4636476090008061"],
  ["10 atan2 NaN", "5m", "NaN"],
  ["2 ^ 0.5", "0", String(Math.SQRT2)],
  ["-7 % 3", "0", "-1"],
]);

describe("matching errors", () => {
  const src = load(NODES);
  it("many-to-many matching is refused with Prometheus' message", async () => {
    await expect(instant(src, "node_cpu * on(instance) node_cpu", "5m")).rejects.toThrow(
      'found duplicate series for the match group {instance="abc"} on the right hand-side of the operation: [{__name__="node_cpu", instance="abc", job="node", mode="user"}, {__name__="node_cpu", instance="abc", job="node", mode="idle"}];many-to-many matching not allowed: matching labels must be unique on one side',
    );
  });
  it("one-to-one with several matches needs group_left", async () => {
    await expect(instant(src, "node_cpu + on(instance) sum by (instance) (node_cpu)", "5m")).rejects.toThrow(
      "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)",
    );
  });
  it("group_left keeps the 'one' side unique too", async () => {
    await expect(instant(src, "node_var / on(job) group_right node_cpu", "5m")).resolves.toBeDefined();
    await expect(instant(src, "node_cpu / on(job) group_right node_var", "5m")).rejects.toThrow(
      "on the left hand-side of the operation",
    );
  });
  it("dropping the name can produce duplicate label sets", async () => {
    const dup = load(`load 5m\n a{x="1"} 1\n b{x="1"} 2`);
    await expect(instant(dup, '{__name__=~"a|b"} + 1', 0)).rejects.toThrow(
      "vector cannot contain metrics with the same labelset",
    );
    expectResult(await instant(dup, '{__name__=~"a|b"} > 0', 0), `a{x="1"} 1\nb{x="1"} 2`);
  });
});
