import { describe, expect, it } from "vitest";
import {
  createBody,
  definitionSchema,
  describeDashboardIssues,
  exportFile,
  issuePath,
  panelSchema,
  variableSchema,
} from "@/lib/dashboards/schema";

const panel = (extra: Record<string, unknown> = {}) => ({
  id: "p1",
  title: "Accuracy",
  type: "timeseries",
  gridPos: { x: 0, y: 0, w: 12, h: 8 },
  targets: [{ expr: "up" }],
  ...extra,
});

function errorOf(
  schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } },
  value: unknown,
) {
  const r = schema.safeParse(value);
  expect(r.success).toBe(false);
  return describeDashboardIssues(r.error as Parameters<typeof describeDashboardIssues>[0]);
}

describe("dashboard schema", () => {
  it("fills defaults for an empty definition", () => {
    expect(definitionSchema.parse({})).toEqual({
      panels: [],
      variables: [],
      time: { from: "now-24h", to: "now" },
      refresh: "off",
    });
    expect(panelSchema.parse({ ...panel(), targets: undefined }).targets).toEqual([]);
  });

  it("accepts every panel option", () => {
    const full = panel({
      description: "from the quality rollups",
      unit: "percentunit",
      decimals: 1,
      thresholds: [
        { value: 0.8, color: "red" },
        { value: 0.9, color: "#00ff00" },
      ],
      min: 0,
      max: 1,
      legend: { show: true, placement: "right" },
      targets: [
        { expr: "up", datasource: "prod", legend: "{{version}}" },
        { expr: "up", datasource: null },
      ],
    });
    expect(panelSchema.parse(full)).toEqual(full);
    expect(
      panelSchema.parse({
        ...panel(),
        type: "builtin",
        targets: [],
        builtin: { kind: "shadow-verdict", model: "$model", shadow: "candidate" },
      }).builtin,
    ).toEqual({ kind: "shadow-verdict", model: "$model", shadow: "candidate" });
  });

  it("names the path of every problem", () => {
    const def = { panels: [panel(), panel({ id: "p2", gridPos: { x: 23, y: 0, w: 2, h: 1 } })] };
    expect(errorOf(definitionSchema, def)).toBe(
      "panels[1].gridPos: x + w must be at most 24 (the grid has 24 columns)",
    );
    expect(errorOf(definitionSchema, { panels: [panel({ targets: [{ expr: "up", step: 5 }] })] })).toMatch(
      /^panels\[0\]\.targets\[0\]: Unrecognized key: "step"/,
    );
    expect(
      errorOf(definitionSchema, { panels: [panel({ thresholds: [{ value: 1, color: "pink" }] })] }),
    ).toMatch(/^panels\[0\]\.thresholds\[0\]\.color: color must be #rrggbb or one of green/);
    expect(errorOf(definitionSchema, { panels: [panel({ min: 1, max: 1 })] })).toBe(
      "panels[0].max: max must be greater than min",
    );
    expect(
      errorOf(definitionSchema, { panels: [panel({ builtin: { kind: "drift-table", model: "m" } })] }),
    ).toBe("panels[0].builtin: builtin is only for type builtin");
    expect(errorOf(definitionSchema, { panels: [panel({ type: "builtin", targets: [] })] })).toBe(
      "panels[0].builtin: builtin is required for a builtin panel",
    );
    expect(
      errorOf(definitionSchema, {
        panels: [panel({ type: "builtin", builtin: { kind: "experiment-summary" } })],
      }),
    ).toMatch(/panels\[0\]\.builtin\.experiment: experiment is required for experiment-summary/);
    expect(errorOf(definitionSchema, { time: { from: "now-1x", to: "now" } })).toMatch(
      /^time\.from: from must be now/,
    );
  });

  it("checks variables: names, types, custom options, query and defaults", () => {
    expect(variableSchema.parse({ name: "model", type: "model", default: "recommender" })).toEqual({
      name: "model",
      type: "model",
      default: "recommender",
    });
    expect(errorOf(variableSchema, { name: "__range", type: "custom", options: ["a"] })).toMatch(/reserved/);
    expect(errorOf(variableSchema, { name: "1x", type: "model" })).toMatch(/^name:/);
    expect(errorOf(variableSchema, { name: "x", type: "custom" })).toBe(
      "options: a custom variable needs options",
    );
    expect(errorOf(variableSchema, { name: "x", type: "query" })).toBe(
      "query: a query variable needs a query",
    );
    expect(errorOf(variableSchema, { name: "x", type: "model", options: ["a"] })).toMatch(/only for custom/);
    expect(
      errorOf(variableSchema, { name: "x", type: "custom", options: ["a", "b"], default: ["a", "b"] }),
    ).toBe("default: one default unless multi is true");
    const dup = {
      variables: [
        { name: "m", type: "model" },
        { name: "m", type: "version" },
      ],
    };
    expect(errorOf(definitionSchema, dup)).toBe(
      'variables[1].name: name "m" is also the name of variables[0]',
    );
  });

  it("enforces the limits", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => panel({ id: `p${i}` }));
    expect(definitionSchema.safeParse({ panels: many(50) }).success).toBe(true);
    expect(errorOf(definitionSchema, { panels: many(51) })).toBe("panels: at most 50 panels");
    expect(errorOf(definitionSchema, { panels: [panel({ targets: Array(11).fill({ expr: "up" }) })] })).toBe(
      "panels[0].targets: at most 10 queries a panel",
    );
    const vars = Array.from({ length: 21 }, (_, i) => ({ name: `v${i}`, type: "model" }));
    expect(errorOf(definitionSchema, { variables: vars })).toBe("variables: at most 20 variables");
    // 10 KB counts bytes: a multi-byte character counts for more than one
    expect(panelSchema.safeParse(panel({ targets: [{ expr: "x".repeat(10_240) }] })).success).toBe(true);
    expect(panelSchema.safeParse(panel({ targets: [{ expr: "é".repeat(5_121) }] })).success).toBe(false);
  });

  it("create and export bodies", () => {
    expect(createBody.parse({ title: "  Spaces  " })).toEqual({ title: "Spaces" });
    expect(errorOf(createBody, { title: "" })).toBe("title: title must not be empty");
    expect(errorOf(createBody, { title: "x", uid: "a b" })).toMatch(/^uid:/);
    expect(exportFile.parse({ title: "x", definition: {} }).definition.panels).toEqual([]);
    expect(errorOf(exportFile, { schemaVersion: 2, title: "x", definition: {} })).toMatch(
      /schemaVersion must be 1/,
    );
  });

  it("issue paths read like JavaScript", () => {
    expect(issuePath(["panels", 3, "targets", 0, "expr"])).toBe("panels[3].targets[0].expr");
    expect(issuePath([])).toBe("");
  });
});
