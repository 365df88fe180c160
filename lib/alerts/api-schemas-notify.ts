// Request and response shapes of the notification side of alerting: contact points, the notification policy
// and silences (docs/alerting.md). Zod only; re-exported by api-schemas.ts, which the dashboard imports.
import { z } from "zod";
import { instantInput } from "./api-schemas-common";

const str = z.string();
const labelMap = z.record(z.string(), z.string());
const isoOrNull = z.string().nullable();
const textOrNull = z.string().nullable();
const idParams = z.object({
  id: z.coerce.number({ error: "id must be a number" }).int().positive("id must be a positive integer"),
});

// ---- Contact points -------------------------------------------------------------------------------------

export const CONTACT_POINT_KINDS = ["email", "slack", "webhook"] as const;
export const SMTP_SECURITY = ["tls", "starttls", "opportunistic", "none"] as const;

export const emailSettings = z
  .object({
    host: z.string().min(1, "host must not be empty").max(253),
    port: z.number().int().min(1).max(65535, "port must be 1–65535"),
    security: z.enum(SMTP_SECURITY, { error: "security must be tls, starttls, opportunistic or none" }),
    rejectUnauthorized: z.boolean().default(true),
    username: z.string().max(200).nullable().optional(),
    from: z.string().min(3, "from must be an email address").max(320),
    to: z.array(z.string().min(3).max(320)).min(1, "to must list at least one address").max(50),
  })
  .strict();
export const slackSettings = z.object({}).strict();
export const webhookSettings = z.object({ url: z.string().min(1).max(2000) }).strict();

const name = z
  .string({ error: "name is required" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/, "name: 1–64 letters, digits, spaces, '_', '.' or '-'");
const secret = z
  .string()
  .min(1)
  .max(4000)
  .nullable()
  .optional()
  .describe(
    "email: SMTP password; slack: the incoming-webhook URL (required); webhook: HMAC-SHA256 key. Omitted on update: kept; null: removed",
  );

export const contactPointBody = z.discriminatedUnion(
  "kind",
  [
    z.object({
      name,
      kind: z.literal("email"),
      settings: emailSettings,
      secret,
      sendResolved: z.boolean().optional(),
    }),
    z.object({
      name,
      kind: z.literal("slack"),
      settings: slackSettings.default({}),
      secret,
      sendResolved: z.boolean().optional(),
    }),
    z.object({
      name,
      kind: z.literal("webhook"),
      settings: webhookSettings,
      secret,
      sendResolved: z.boolean().optional(),
    }),
  ],
  { error: "kind must be email, slack or webhook" },
);
export type ContactPointBody = z.infer<typeof contactPointBody>;

export const contactPointInfo = z.object({
  id: z.number().int(),
  name: str,
  kind: z.enum(CONTACT_POINT_KINDS),
  settings: z.record(z.string(), z.unknown()).describe("the kind's settings, never a secret"),
  hasSecret: z.boolean(),
  sendResolved: z.boolean(),
  lastStatus: z.enum(["sent", "retry", "permanent"]).nullable(),
  lastError: textOrNull,
  lastAttemptAt: isoOrNull,
  createdAt: str,
  updatedAt: str,
});
export type ContactPointInfo = z.infer<typeof contactPointInfo>;
export const contactPointIdParams = idParams;
export const contactPointResponse = z.object({ contactPoint: contactPointInfo });
export const contactPointListResponse = z.object({ contactPoints: z.array(contactPointInfo) });
export const deliveryOutcome = z.object({
  kind: z.enum(["sent", "retry", "permanent"]),
  detail: str.describe("the receiver's answer: HTTP status and body start, or the SMTP response"),
});
export const testResponse = z.object({ outcome: deliveryOutcome });

// ---- Notification policy --------------------------------------------------------------------------------

export interface RouteBody {
  receiver?: string;
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  matchers?: string[];
  continue?: boolean;
  mute_time_intervals?: string[];
  active_time_intervals?: string[];
  routes?: RouteBody[];
}

export const routeBody: z.ZodType<RouteBody> = z.lazy(() =>
  z
    .object({
      receiver: str.optional().describe("a contact point's name; children inherit their parent's"),
      group_by: z.array(str).optional().describe('label names, or ["..."] for every label'),
      group_wait: str.optional().describe("default 30s"),
      group_interval: str.optional().describe("default 5m"),
      repeat_interval: str.optional().describe("default 4h"),
      matchers: z.array(str).optional().describe('e.g. ["severity=\\"critical\\"", "team=~\\"ml|infra\\""]'),
      continue: z.boolean().optional(),
      mute_time_intervals: z.array(str).optional(),
      active_time_intervals: z.array(str).optional(),
      routes: z.array(routeBody).optional(),
    })
    .strict(),
);

export const weeklySchedule = z
  .object({
    weekdays: z.array(z.number().int()).describe("0 = Sunday … 6 = Saturday"),
    start: str.describe('"HH:MM"'),
    end: str.describe('"HH:MM"; equal to start: the whole day'),
    timezone: str.optional().describe("IANA name, default UTC"),
  })
  .strict();
export type WeeklyScheduleBody = z.infer<typeof weeklySchedule>;

export const inhibitRuleBody = z
  .object({
    source_matchers: z.array(str).min(1, "source_matchers must list at least one matcher"),
    target_matchers: z.array(str).min(1, "target_matchers must list at least one matcher"),
    equal: z.array(str).default([]),
  })
  .strict();

export const policyBody = z
  .object({
    tree: routeBody,
    inhibit_rules: z.array(inhibitRuleBody).default([]),
    time_intervals: z
      .array(z.object({ name: str, time_intervals: z.array(weeklySchedule) }).strict())
      .default([])
      .describe("named weekly schedules for mute_time_intervals / active_time_intervals"),
  })
  .strict();
export type PolicyBody = z.output<typeof policyBody>;

export const policyResponse = z.object({
  tree: routeBody,
  inhibit_rules: z.array(inhibitRuleBody),
  time_intervals: z.array(z.object({ name: str, time_intervals: z.array(weeklySchedule) })),
  isDefault: z.boolean().describe("true: nothing saved yet; this is the built-in default"),
  updatedAt: isoOrNull,
});
export type PolicyResponse = z.infer<typeof policyResponse>;

// ---- Silences -------------------------------------------------------------------------------------------

export const silenceBody = z
  .object({
    matchers: z
      .union([z.string(), z.array(z.string())], { error: 'matchers must be "{a=\\"b\\"}" or ["a=b", …]' })
      .describe('"{model=\\"ranker\\"}" or ["model=ranker", "severity=~\\"warn.*\\""]'),
    startsAt: instantInput("startsAt").optional().describe("default: now"),
    endsAt: instantInput("endsAt"),
    schedule: weeklySchedule.nullable().optional().describe("recurring: only inside this weekly window"),
    comment: z.string().max(2000).default(""),
    createdBy: z.string().max(200).optional(),
  })
  .strict();
export type SilenceBody = z.input<typeof silenceBody>;

const matcherInfo = z.object({ name: str, op: z.enum(["=", "!=", "=~", "!~"]), value: str });
export const alertRef = z.object({
  groupId: z.number().int(),
  rule: str,
  fingerprint: str,
  labels: labelMap,
});

export const silenceInfo = z.object({
  id: str,
  matchers: z.array(matcherInfo),
  matchersText: str.describe('{a="b",…}'),
  startsAt: str,
  endsAt: str,
  schedule: weeklySchedule.nullable(),
  comment: str,
  createdBy: str,
  state: z.enum(["pending", "active", "expired"]),
  mutes: z.array(alertRef).describe("current pending/firing alerts this silence mutes now"),
  createdAt: str,
  updatedAt: str,
});
export type SilenceInfo = z.infer<typeof silenceInfo>;
export const silenceIdParams = z.object({ id: z.string().min(1).max(64) });
export const silenceQuery = z.object({
  state: z
    .enum(["pending", "active", "expired"], { error: "state must be pending, active or expired" })
    .optional(),
});
export const silenceResponse = z.object({ silence: silenceInfo });
export const silenceListResponse = z.object({ silences: z.array(silenceInfo) });
