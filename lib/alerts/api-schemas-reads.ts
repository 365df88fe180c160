// Response shapes of the alerting reads: current alerts, the transition history, the notification log
// (docs/alerting.md). Zod only; re-exported by api-schemas.ts, which the dashboard imports.
import { z } from "zod";

const str = z.string();
const labelMap = z.record(z.string(), z.string());
const isoOrNull = z.string().nullable();
const textOrNull = z.string().nullable();

// ---- Reads: alerts, history, notification log -----------------------------------------------------------

export const alertsQuery = z.object({
  state: z.enum(["pending", "firing"], { error: "state must be pending or firing" }).optional(),
  matchers: str.optional().describe('{severity="critical"}'),
  group: z.coerce.number().int().optional().describe("rule group id"),
});
export const alertInfo = z.object({
  fingerprint: str,
  labels: labelMap,
  annotations: labelMap,
  state: z.enum(["pending", "firing"]),
  activeAt: str,
  firedAt: isoOrNull,
  value: z.number(),
  rule: str,
  groupId: z.number().int(),
  group: str,
  silencedBy: z.array(str),
  inhibited: z.boolean(),
});
export type AlertInfo = z.infer<typeof alertInfo>;
export const alertsResponse = z.object({ alerts: z.array(alertInfo) });

const pageLimit = z.coerce
  .number()
  .int()
  .min(1, "limit must be 1–1000")
  .max(1000, "limit must be 1–1000")
  .default(100);
const cursor = z.string().max(100).optional().describe("nextCursor of the previous page");

export const historyQuery = z.object({
  from: str.optional(),
  to: str.optional(),
  rule: str.optional(),
  group: z.coerce.number({ error: "group must be a rule group id" }).int().optional(),
  limit: pageLimit,
  cursor,
});
export const transitionInfo = z.object({
  id: z.number().int(),
  groupId: z.number().int(),
  group: str.nullable().describe("null when the group was deleted"),
  rule: str,
  fingerprint: str,
  labels: labelMap,
  from: z.enum(["inactive", "pending", "firing"]),
  to: z.enum(["inactive", "pending", "firing"]),
  value: z.number().nullable(),
  at: str,
});
export type TransitionInfo = z.infer<typeof transitionInfo>;
export const historyResponse = z.object({ transitions: z.array(transitionInfo), nextCursor: str.nullable() });

export const NOTIFICATION_STATUSES = ["pending", "sent", "failed", "suppressed"] as const;
export const notificationsQuery = z.object({
  contactPoint: str.optional().describe("contact point id or name"),
  status: z
    .enum(NOTIFICATION_STATUSES, { error: "status must be pending, sent, failed or suppressed" })
    .optional(),
  from: str.optional(),
  to: str.optional(),
  limit: pageLimit,
  cursor,
});
export const notificationInfo = z.object({
  id: z.number().int(),
  contactPointId: z.number().int(),
  contactPoint: str.nullable().describe("its name; null when it was deleted"),
  kind: str.nullable(),
  groupKey: str,
  alertStatus: z.enum(["firing", "resolved"]).nullable(),
  alerts: z.number().int(),
  title: str.describe("alertname and group labels"),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number().int(),
  createdAt: str,
  sentAt: isoOrNull,
  nextAttemptAt: isoOrNull,
  lastError: textOrNull,
  response: textOrNull,
});
export type NotificationInfo = z.infer<typeof notificationInfo>;
export const notificationsResponse = z.object({
  notifications: z.array(notificationInfo),
  nextCursor: str.nullable(),
});
