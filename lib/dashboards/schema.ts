// The dashboard JSON model (docs/dashboards.md): panels on a 24-column grid, variables, time range and
// refresh. Zod, strict: an unknown field is an error, and every error names its place
// (`panels[3].targets[0].expr`). Zod only — the page, the API contract and the embed import it.
import { z } from "zod";
import { isTimeExpr, REFRESH_INTERVALS } from "./time";

export const GRID_COLUMNS = 24;
export const LIMITS = {
  panels: 50,
  targets: 10,
  variables: 20,
  exprBytes: 10 * 1024,
  thresholds: 10,
  options: 500,
  maxRow: 1000,
  maxHeight: 100,
} as const;

export const PANEL_TYPES = ["timeseries", "stat", "gauge", "bar", "table", "heatmap", "builtin"] as const;
export type PanelType = (typeof PANEL_TYPES)[number];

export const BUILTIN_KINDS = [
  "confusion-matrix",
  "drift-table",
  "shadow-verdict",
  "experiment-summary",
] as const;
export type BuiltinKind = (typeof BUILTIN_KINDS)[number];

export const UNITS = [
  "none",
  "short",
  "percent",
  "percentunit",
  "s",
  "ms",
  "us",
  "bytes",
  "Bps",
  "reqps",
  "ops",
  "celsius",
  "watt",
] as const;
export type Unit = (typeof UNITS)[number];

/** Named threshold colours: the chart palette's (Okabe–Ito), so thresholds stay colour-blind safe. */
export const NAMED_COLORS = {
  green: "#009E73",
  yellow: "#F0E442",
  orange: "#E69F00",
  red: "#D55E00",
  blue: "#0072B2",
  purple: "#CC79A7",
  grey: "#999999",
} as const;

export const VARIABLE_TYPES = ["model", "version", "custom", "query"] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

const ID = /^[A-Za-z0-9_-]{1,64}$/;
export const UID = /^[A-Za-z0-9_-]{1,40}$/;
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const DATASOURCE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;

const int = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

const text = (what: string, max: number) =>
  z.string({ error: `${what} must be a string` }).max(max, `${what} must be at most ${max} characters`);

const finite = (what: string) =>
  z.number({ error: `${what} must be a number` }).refine(Number.isFinite, `${what} must be finite`);

export const gridPosSchema = z
  .object({
    x: int("x", 0, GRID_COLUMNS - 1),
    y: int("y", 0, LIMITS.maxRow),
    w: int("w", 1, GRID_COLUMNS),
    h: int("h", 1, LIMITS.maxHeight),
  })
  .strict()
  .refine((p) => p.x + p.w <= GRID_COLUMNS, {
    message: `x + w must be at most ${GRID_COLUMNS} (the grid has ${GRID_COLUMNS} columns)`,
  });

export const targetSchema = z
  .object({
    expr: z
      .string({ error: "expr must be a PromQL expression" })
      .min(1, "expr must not be empty")
      .refine((s) => new TextEncoder().encode(s).length <= LIMITS.exprBytes, {
        message: `expr must be at most ${LIMITS.exprBytes} bytes`,
      }),
    datasource: z
      .string()
      .regex(DATASOURCE_NAME, "datasource must be a data source name (GET /api/v1/datasources)")
      .nullable()
      .optional()
      .describe("an external Prometheus by name; null or absent: Vigil's own series"),
    legend: text("legend", 200)
      .optional()
      .describe("series name template, e.g. {{version}}; default: the label set"),
  })
  .strict();

export const thresholdSchema = z
  .object({
    value: finite("value"),
    color: z
      .string({ error: "color must be a string" })
      .refine((c) => COLOR.test(c) || Object.hasOwn(NAMED_COLORS, c), {
        message: `color must be #rrggbb or one of ${Object.keys(NAMED_COLORS).join(", ")}`,
      }),
  })
  .strict();

export const builtinSchema = z
  .object({
    kind: z.enum(BUILTIN_KINDS, { error: `kind must be one of ${BUILTIN_KINDS.join(", ")}` }),
    model: text("model", 200).min(1, "model must not be empty").optional(),
    version: text("version", 200).optional(),
    shadow: text("shadow", 200).optional().describe("the shadow model's name"),
    experiment: text("experiment", 200).optional().describe("the experiment's key"),
  })
  .strict()
  .superRefine((b, ctx) => {
    const need = (field: "model" | "shadow" | "experiment") => {
      if (!b[field])
        ctx.addIssue({ code: "custom", path: [field], message: `${field} is required for ${b.kind}` });
    };
    if (b.kind === "experiment-summary") need("experiment");
    else need("model");
    if (b.kind === "shadow-verdict") need("shadow");
  });

export const panelSchema = z
  .object({
    id: z.string({ error: "id must be a string" }).regex(ID, "id must be 1–64 letters, digits, _ or -"),
    title: text("title", 200),
    description: text("description", 2000).optional(),
    gridPos: gridPosSchema,
    type: z.enum(PANEL_TYPES, { error: `type must be one of ${PANEL_TYPES.join(", ")}` }),
    targets: z
      .array(targetSchema, { error: "targets must be an array" })
      .max(LIMITS.targets, `at most ${LIMITS.targets} queries a panel`)
      .default([]),
    unit: z.enum(UNITS, { error: `unit must be one of ${UNITS.join(", ")}` }).optional(),
    decimals: int("decimals", 0, 10).optional(),
    thresholds: z
      .array(thresholdSchema, { error: "thresholds must be an array" })
      .max(LIMITS.thresholds, `at most ${LIMITS.thresholds} thresholds`)
      .optional(),
    min: finite("min").optional(),
    max: finite("max").optional(),
    legend: z
      .object({
        show: z.boolean({ error: "show must be true or false" }),
        placement: z.enum(["bottom", "right"], { error: "placement must be bottom or right" }),
      })
      .strict()
      .optional(),
    builtin: builtinSchema.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.type === "builtin" && !p.builtin)
      ctx.addIssue({ code: "custom", path: ["builtin"], message: "builtin is required for a builtin panel" });
    if (p.type !== "builtin" && p.builtin)
      ctx.addIssue({ code: "custom", path: ["builtin"], message: "builtin is only for type builtin" });
    if (p.type === "builtin" && p.targets.length > 0)
      ctx.addIssue({ code: "custom", path: ["targets"], message: "a builtin panel has no queries" });
    if (p.min !== undefined && p.max !== undefined && p.min >= p.max)
      ctx.addIssue({ code: "custom", path: ["max"], message: "max must be greater than min" });
  });

const defaultValue = z.union([text("default", 200), z.array(text("default", 200)).max(LIMITS.options)], {
  error: "default must be a string or an array of strings",
});

export const variableSchema = z
  .object({
    name: z
      .string({ error: "name must be a string" })
      .regex(VARIABLE_NAME, "name must be letters, digits and _, not starting with a digit")
      .refine((n) => !n.startsWith("__"), { message: "names starting with __ are reserved" }),
    label: text("label", 100).optional(),
    type: z.enum(VARIABLE_TYPES, { error: `type must be one of ${VARIABLE_TYPES.join(", ")}` }),
    options: z
      .array(text("option", 200).min(1, "an option must not be empty"), { error: "options must be an array" })
      .max(LIMITS.options, `at most ${LIMITS.options} options`)
      .optional(),
    query: text("query", 2000)
      .optional()
      .describe("label_values(<selector>, <label>) or label_values(<label>)"),
    datasource: z
      .string()
      .regex(DATASOURCE_NAME, "datasource must be a data source name")
      .nullable()
      .optional(),
    multi: z.boolean({ error: "multi must be true or false" }).optional(),
    default: defaultValue.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.type === "custom" && !v.options?.length)
      ctx.addIssue({ code: "custom", path: ["options"], message: "a custom variable needs options" });
    if (v.type === "query" && !v.query)
      ctx.addIssue({ code: "custom", path: ["query"], message: "a query variable needs a query" });
    if (v.type !== "custom" && v.options)
      ctx.addIssue({ code: "custom", path: ["options"], message: "options are only for custom variables" });
    if (v.type !== "query" && v.query !== undefined)
      ctx.addIssue({ code: "custom", path: ["query"], message: "query is only for query variables" });
    if (!v.multi && Array.isArray(v.default) && v.default.length > 1)
      ctx.addIssue({ code: "custom", path: ["default"], message: "one default unless multi is true" });
  });

const timeExpr = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .refine(isTimeExpr, `${what} must be now, now-<duration> (now-6h), an ISO date or epoch milliseconds`);

export const definitionSchema = z
  .object({
    panels: z
      .array(panelSchema, { error: "panels must be an array" })
      .max(LIMITS.panels, `at most ${LIMITS.panels} panels`)
      .default([]),
    variables: z
      .array(variableSchema, { error: "variables must be an array" })
      .max(LIMITS.variables, `at most ${LIMITS.variables} variables`)
      .default([]),
    time: z
      .object({ from: timeExpr("from"), to: timeExpr("to") })
      .strict()
      .default({ from: "now-24h", to: "now" }),
    refresh: z
      .enum(REFRESH_INTERVALS, { error: `refresh must be one of ${REFRESH_INTERVALS.join(", ")}` })
      .default("off"),
  })
  .strict()
  .superRefine((d, ctx) => {
    const ids = new Map<string, number>();
    d.panels.forEach((p, i) => {
      const first = ids.get(p.id);
      if (first !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["panels", i, "id"],
          message: `id "${p.id}" is also the id of panels[${first}]`,
        });
      else ids.set(p.id, i);
    });
    const names = new Map<string, number>();
    d.variables.forEach((v, i) => {
      const first = names.get(v.name);
      if (first !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["variables", i, "name"],
          message: `name "${v.name}" is also the name of variables[${first}]`,
        });
      else names.set(v.name, i);
    });
  });

export type GridPos = z.infer<typeof gridPosSchema>;
export type Target = z.infer<typeof targetSchema>;
export type Threshold = z.infer<typeof thresholdSchema>;
export type Builtin = z.infer<typeof builtinSchema>;
export type Panel = z.infer<typeof panelSchema>;
export type Variable = z.infer<typeof variableSchema>;
export type Definition = z.infer<typeof definitionSchema>;

export const titleSchema = z
  .string({ error: "title must be a string" })
  .trim()
  .min(1, "title must not be empty")
  .max(200, "title must be at most 200 characters");

/** Taken by routes beside /api/v1/dashboards/{uid}. */
export const RESERVED_UIDS = ["import", "new"];

export const uidSchema = z
  .string({ error: "uid must be a string" })
  .regex(UID, "uid must be 1–40 letters, digits, _ or -")
  .refine((u) => !RESERVED_UIDS.includes(u), { message: `uid must not be ${RESERVED_UIDS.join(" or ")}` });

/** POST /api/v1/dashboards. */
export const createBody = z
  .object({ uid: uidSchema.optional(), title: titleSchema, definition: definitionSchema.optional() })
  .strict();

/** PUT /api/v1/dashboards/{uid}: `version` is the one the change was made on (409 when it is stale). */
export const updateBody = z
  .object({
    title: titleSchema,
    version: int("version", 1, Number.MAX_SAFE_INTEGER),
    definition: definitionSchema,
  })
  .strict();

/** The export file, and what import accepts (uid optional: without one, a new dashboard is made). */
export const EXPORT_SCHEMA_VERSION = 1;
export const exportFile = z
  .object({
    schemaVersion: z
      .literal(EXPORT_SCHEMA_VERSION, { error: `schemaVersion must be ${EXPORT_SCHEMA_VERSION}` })
      .optional(),
    uid: uidSchema.optional(),
    title: titleSchema,
    version: z.number().int().optional().describe("informative; import does not check it"),
    exportedAt: z.string().optional(),
    definition: definitionSchema,
  })
  .strict();

export type CreateBody = z.infer<typeof createBody>;
export type UpdateBody = z.infer<typeof updateBody>;
export type ExportFile = z.infer<typeof exportFile>;

/** `panels[3].targets[0].expr`: a zod issue path as a JS accessor. */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (typeof part === "string") out += out ? `.${part}` : part;
  }
  return out;
}

/** Every issue as "path: message", joined; the first few only, so a broken import stays readable. */
export function describeDashboardIssues(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): string {
  const lines = error.issues.slice(0, 5).map((issue) => {
    const path = issuePath([...prefix, ...issue.path]);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - 5;
  return more > 0 ? `${lines.join("; ")}; and ${more} more` : lines.join("; ");
}
