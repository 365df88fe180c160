// Request and response shapes of the alerting endpoints (docs/alerting.md), for the route contract, the
// OpenAPI document and the dashboard. Zod only (no database, no Node APIs): components may import the types.
// Field names follow Prometheus rule files and Alertmanager's configuration (snake_case) where a user would
// copy them from there; timestamps in responses are ISO-8601 strings.
import { z } from "zod";
import { instantInput } from "./api-schemas-common";

export { instantInput } from "./api-schemas-common";
export * from "./api-schemas-notify";
export * from "./api-schemas-reads";

const str = z.string();
const labelMap = z.record(z.string(), z.string());
const isoOrNull = z.string().nullable();
const idParams = z.object({
  id: z.coerce.number({ error: "id must be a number" }).int().positive("id must be a positive integer"),
});

// ---- Rules and rule groups ------------------------------------------------------------------------------

export const MISSING_POLICIES = ["ok", "alerting", "keep_last"] as const;
export const SEVERITIES = ["critical", "warning", "info"] as const;

/**
 * One rule as in a Prometheus rule file (exactly one of alert/record) plus Vigil's no_data/on_error. The
 * server checks it with lib/alerts/rule-config.ts; problems come back as {error, problems:[{path, message}]}.
 */
export const ruleBody = z.object({
  alert: str.optional().describe("alerting rule name (exclusive with record)"),
  record: str.optional().describe("recording rule: the metric name to write"),
  expr: str.describe("PromQL: an instant vector or a scalar"),
  for: str.optional().describe('pending time before firing, e.g. "5m" (default 0s)'),
  keep_firing_for: str.optional().describe("keep firing this long after the condition clears"),
  labels: labelMap.optional(),
  annotations: labelMap.optional().describe("templates: {{ $labels.model }}, {{ $value | humanize }}"),
  no_data: z.enum(MISSING_POLICIES).optional().describe("empty result: ok (default) | alerting | keep_last"),
  on_error: z.enum(MISSING_POLICIES).optional().describe("query error: ok | alerting | keep_last (default)"),
});
export type RuleBody = z.infer<typeof ruleBody>;

export const ruleGroupBody = z.object({
  name: str,
  interval: str.optional().describe('evaluation interval, ≥ 10s (default "1m")'),
  datasource: str.nullable().optional().describe("an external Prometheus data source; null: Vigil's store"),
  rules: z.array(ruleBody),
});
export type RuleGroupBody = z.infer<typeof ruleGroupBody>;

export const ruleGroupPatch = z
  .object({ paused: z.boolean({ error: "paused must be true or false" }) })
  .strict();

/** POST /alert-rules: one rule appended to a group (created when missing). */
export const alertRuleBody = ruleBody.extend({
  group: str.optional().describe('default "default"'),
  interval: str.optional().describe("only used when the group is created"),
  datasource: str.nullable().optional().describe("only used when the group is created"),
  severity: z.enum(SEVERITIES).optional().describe("sets labels.severity"),
});

export const ruleHealth = z.enum(["ok", "err", "unknown"]);

export const ruleInfo = ruleBody.extend({
  kind: z.enum(["alert", "record"]),
  name: str,
  status: z.object({
    lastEvalAt: isoOrNull,
    lastDurationMs: z.number().nullable(),
    lastError: z.string().nullable(),
    health: ruleHealth.describe("unknown: not evaluated yet"),
    pending: z.number().int(),
    firing: z.number().int(),
  }),
});
export type RuleInfo = z.infer<typeof ruleInfo>;

export const ruleGroupInfo = z.object({
  id: z.number().int(),
  name: str,
  interval: str,
  intervalMs: z.number().int(),
  datasource: str.nullable(),
  paused: z.boolean(),
  version: z.number().int(),
  createdAt: str,
  updatedAt: str,
  rules: z.array(ruleInfo),
});
export type RuleGroupInfo = z.infer<typeof ruleGroupInfo>;

export const ruleGroupIdParams = idParams;
export const ruleGroupResponse = z.object({ group: ruleGroupInfo });
export const ruleGroupListResponse = z.object({ groups: z.array(ruleGroupInfo) });

export const configProblem = z.object({
  path: str,
  message: str,
  line: z.number().int().nullable().optional().describe("rule-file import: the line in the file"),
});
export const problemsResponse = z.object({ error: str, problems: z.array(configProblem) });

export const importQuery = z.object({
  mode: z.enum(["merge", "replace"], { error: "mode must be merge or replace" }).default("merge"),
});
export const importResponse = z.object({
  mode: z.enum(["merge", "replace"]),
  created: z.array(str),
  updated: z.array(str),
  deleted: z.array(str),
});
export const exportQuery = z.object({
  vigil: z.enum(["true", "false"], { error: "vigil must be true or false" }).optional(),
});

export const previewBody = z.object({
  expr: str,
  for: str.optional(),
  keep_firing_for: str.optional(),
  datasource: str.nullable().optional(),
  from: instantInput("from").optional().describe("default: to − 24h"),
  to: instantInput("to").optional().describe("default: now"),
  step: str.optional().describe('e.g. "1m"; default: the range / 500, at least 10s'),
});
export const previewResponse = z.object({
  from: z.number(),
  to: z.number(),
  stepMs: z.number(),
  series: z.array(
    z.object({
      labels: labelMap,
      values: z.array(z.tuple([z.number(), z.number()])).describe("[ms, value]"),
      states: z.array(z.object({ from: z.number(), to: z.number(), state: z.enum(["pending", "firing"]) })),
    }),
  ),
});
export type PreviewResponse = z.infer<typeof previewResponse>;

// ---- Rule templates -------------------------------------------------------------------------------------

export const templateParameter = z.object({
  name: str,
  label: str,
  default: z.union([z.string(), z.number()]),
  kind: z.enum(["number", "duration", "text", "model", "feature"]),
});
export const ruleTemplateInfo = z.object({
  id: str,
  title: str,
  description: str,
  parameters: z.array(templateParameter),
});
export type RuleTemplateInfo = z.infer<typeof ruleTemplateInfo>;
export const templateListResponse = z.object({ templates: z.array(ruleTemplateInfo) });
export const templateParams = z.object({ id: z.string().min(1).max(64) });
export const renderBody = z.object({
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export const renderResponse = z.object({ rule: ruleBody });
