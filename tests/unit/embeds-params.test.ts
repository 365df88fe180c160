// The parameters an embed runs with: defaults, locked values, the viewer's editable ones; everything else
// refused with the parameter named.
import { describe, expect, it } from "vitest";
import type { Variable } from "@/lib/dashboards/schema";
import { resolveEmbedParams } from "@/lib/embeds/params";
import { HttpError } from "@/lib/http/errors";

const NOW = Date.UTC(2025, 0, 1, 12);
const variables: Variable[] = [
  { name: "model", type: "model" },
  { name: "version", type: "version", multi: true },
  { name: "env", type: "custom", options: ["prod", "staging"] },
];
const dashboard = { variables, time: { from: "now-6h", to: "now" } };
const grant = { locked: { model: "recsys" }, editable: ["from", "to", "version", "env"] };

function refused(fn: () => unknown): { status: number; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error("not refused");
}

describe("resolveEmbedParams", () => {
  it("starts from the dashboard, applies locked values, then the viewer's editable ones", () => {
    const r = resolveEmbedParams(grant, dashboard, new URLSearchParams(), NOW);
    expect(r.values).toEqual({ model: ["recsys"], env: ["prod"] });
    expect(r.time).toEqual({ from: "now-6h", to: "now" });
    expect(r.resolved.toMs - r.resolved.fromMs).toBe(6 * 3_600_000);
    const q = new URLSearchParams(
      "from=now-1h&to=now&version=v1&version=v2&env=staging&token=x&panel=p&target=0&step=30",
    );
    const chosen = resolveEmbedParams(grant, dashboard, q, NOW);
    expect(chosen.values).toEqual({ model: ["recsys"], version: ["v1", "v2"], env: ["staging"] });
    expect(chosen.time).toEqual({ from: "now-1h", to: "now" });
  });

  it("refuses a locked parameter in the query string, even with the same value", () => {
    for (const qs of ["model=fraud", "model=recsys"])
      expect(refused(() => resolveEmbedParams(grant, dashboard, new URLSearchParams(qs), NOW))).toEqual({
        status: 403,
        message: 'parameter "model" is locked by this embed',
      });
  });

  it("refuses a parameter the token does not make editable", () => {
    const narrow = { locked: {}, editable: ["env"] };
    for (const name of ["from", "version", "nope", "__interval"])
      expect(
        refused(() => resolveEmbedParams(narrow, dashboard, new URLSearchParams(`${name}=x`), NOW)),
      ).toEqual({
        status: 403,
        message: `parameter "${name}" is not editable in this embed`,
      });
  });

  it("refuses malformed values with 400 naming the parameter", () => {
    const cases: Array<[string, string]> = [
      ["from=yesterday", 'parameter "from"'],
      ["env=dev", 'parameter "env": "dev" is not one of'],
      ["from=now&to=now-1h", 'parameter "from": the time range'],
      [`version=${"x".repeat(201)}`, 'parameter "version": a value must be at most'],
      ["version=a%0Ab", 'parameter "version": a value must not contain control'],
    ];
    for (const [qs, message] of cases) {
      const r = refused(() => resolveEmbedParams(grant, dashboard, new URLSearchParams(qs), NOW));
      expect(r.status, qs).toBe(400);
      expect(r.message, qs).toContain(message);
    }
    const single = { locked: {}, editable: ["model"] };
    expect(
      refused(() => resolveEmbedParams(single, dashboard, new URLSearchParams("model=a&model=b"), NOW)),
    ).toEqual({
      status: 400,
      message: 'parameter "model": takes one value',
    });
  });

  it("lets a token lock the time range", () => {
    const r = resolveEmbedParams(
      { locked: { from: "now-7d", to: "now" }, editable: [] },
      dashboard,
      new URLSearchParams(),
      NOW,
    );
    expect(r.resolved.toMs - r.resolved.fromMs).toBe(7 * 86_400_000);
    expect(
      refused(() =>
        resolveEmbedParams(
          { locked: { from: "now-7d" }, editable: [] },
          dashboard,
          new URLSearchParams("from=now-1h"),
          NOW,
        ),
      ).status,
    ).toBe(403);
  });
});
