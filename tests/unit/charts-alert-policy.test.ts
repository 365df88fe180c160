import { describe, expect, it } from "vitest";
import type { RouteBody } from "@/lib/alerts/api-schemas";
import {
  effectiveTree,
  parsePolicyText,
  readLabels,
  receivers,
  routeAt,
  testRouting,
} from "@/lib/charts/alert-policy";

const tree: RouteBody = {
  receiver: "ops-email",
  group_by: ["alertname"],
  routes: [
    { matchers: ['severity="critical"'], receiver: "pager", continue: true, group_wait: "10s" },
    { matchers: ['team=~"ml|data"'], receiver: "ml-slack", group_by: ["alertname", "model"] },
  ],
};

describe("effectiveTree", () => {
  it("fills inherited settings and Alertmanager's defaults", () => {
    const built = effectiveTree(tree);
    expect(built.error).toBeNull();
    const root = built.route!;
    expect(root.groupWaitMs).toBe(30_000);
    expect(routeAt(root, "0.0")?.groupWaitMs).toBe(10_000);
    expect(routeAt(root, "0.1")?.groupBy).toEqual(["alertname", "model"]);
    expect(routeAt(root, "0.0")?.groupBy).toEqual(["alertname"]);
    expect(routeAt(root, "0.1")?.repeatIntervalMs).toBe(4 * 3_600_000);
    expect(receivers(root)).toEqual(["ops-email", "pager", "ml-slack"]);
  });
  it("says why a tree is invalid", () => {
    expect(effectiveTree({ group_by: [] }).error).toMatch(/root policy needs a receiver/);
    expect(effectiveTree({ receiver: "a", group_wait: "soon" }).error).toMatch(
      /group_wait "soon" is not a duration/,
    );
    expect(effectiveTree({ receiver: "a", routes: [{ matchers: ["nope"] }] }).error).toMatch(
      /is not a matcher/,
    );
  });
});

describe("testRouting", () => {
  const root = effectiveTree(tree).route!;
  it("continues past a matching route that says continue", () => {
    const matched = testRouting(root, { alertname: "A", severity: "critical", team: "ml", model: "ranker" });
    expect(matched.map((m) => m.route.receiver)).toEqual(["pager", "ml-slack"]);
    expect(matched[1]!.groupLabels).toEqual({ alertname: "A", model: "ranker" });
  });
  it("falls back to the root when no child matches", () => {
    expect(testRouting(root, { alertname: "B" }).map((m) => m.route.id)).toEqual(["0"]);
  });
});

describe("readLabels", () => {
  it("reads label sets and refuses non-equality", () => {
    expect(readLabels('{a="1", b="2"}')).toEqual({ labels: { a: "1", b: "2" }, error: null });
    expect(readLabels("")).toEqual({ labels: {}, error: null });
    expect(readLabels('a=~"x"').error).toMatch(/with = only/);
  });
});

describe("parsePolicyText", () => {
  it("accepts a valid policy naming existing contact points", () => {
    const text = JSON.stringify({ tree, inhibit_rules: [] });
    expect(parsePolicyText(text, ["ops-email", "pager", "ml-slack"]).error).toBeNull();
  });
  it("names the problem", () => {
    expect(parsePolicyText("{", []).error).toMatch(/^Not valid JSON/);
    expect(parsePolicyText(JSON.stringify({ tree: { receiver: 1 } }), []).error).toMatch(/^tree\.receiver/);
    expect(parsePolicyText(JSON.stringify({ tree }), ["ops-email"]).error).toBe(
      'No contact point named "pager", "ml-slack"',
    );
  });
});
