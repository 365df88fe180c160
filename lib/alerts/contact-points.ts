// Contact points (where notifications go) at send time: `deliver` decrypts the stored secret, applies the
// outbound address policy and timeout from the environment and calls the kind's channel; `recordOutcome`
// keeps the last result on the contact point so the UI shows a revoked Slack webhook or a refused mailbox.
// The delivery outbox and the "send test notification" endpoint both go through here.
import { decryptSecret } from "../auth/secrets";
import { env } from "../config/env";
import type { Database } from "../db/client";
import type { ContactPoint } from "../db/generated/sqlite/client";
import { parseAllowList } from "../net/address-policy";
import { sendEmail } from "./channels/email";
import { sendSlack } from "./channels/slack";
import type { DeliveryOutcome, Notification } from "./channels/types";
import { sendWebhook } from "./channels/webhook";

export type ContactPointRow = ContactPoint;
export type ContactPointKind = "email" | "slack" | "webhook";

export interface EmailSettings {
  host: string;
  port: number;
  security: "tls" | "starttls" | "opportunistic" | "none";
  rejectUnauthorized: boolean;
  username?: string | null;
  from: string;
  to: string[];
}

export interface WebhookSettings {
  url: string;
}

/** The stored settings (JSON without secrets); an unreadable value reads as {} and fails at send time. */
export function settingsOf(row: Pick<ContactPointRow, "settings">): Record<string, unknown> {
  try {
    const parsed = JSON.parse(row.settings) as unknown;
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function secretOf(row: ContactPointRow): string | null {
  return row.secretEncrypted === null ? null : decryptSecret(row.secretEncrypted, env().VIGIL_SECRET_KEY);
}

/**
 * Sends one notification through the contact point. Never throws for the receiver's sake: every failure is an
 * outcome (a secret that cannot be decrypted, or a contact point whose settings no longer fit its kind, is
 * permanent — retrying cannot help until someone edits it).
 */
export async function deliver(
  _database: Database,
  contactPoint: ContactPointRow,
  n: Notification,
  opts: { notificationId: string; panelURL: string | null },
): Promise<DeliveryOutcome> {
  const config = env();
  const allow = parseAllowList(config.VIGIL_OUTBOUND_ALLOWLIST);
  const timeoutMs = config.VIGIL_OUTBOUND_TIMEOUT_MS;
  let secret: string | null;
  try {
    secret = secretOf(contactPoint);
  } catch (error) {
    return { kind: "permanent", detail: (error as Error).message };
  }
  const settings = settingsOf(contactPoint);
  switch (contactPoint.kind as ContactPointKind) {
    case "email": {
      const s = settings as unknown as EmailSettings;
      if (typeof s.host !== "string" || !Array.isArray(s.to))
        return { kind: "permanent", detail: "the contact point's SMTP settings are incomplete" };
      return sendEmail(
        {
          host: s.host,
          port: s.port,
          security: s.security,
          rejectUnauthorized: s.rejectUnauthorized !== false,
          username: s.username ?? null,
          password: secret,
          from: s.from,
          to: s.to,
        },
        n,
        { panelURL: opts.panelURL, allow, timeoutMs },
      );
    }
    case "slack":
      if (!secret) return { kind: "permanent", detail: "the contact point has no Slack webhook URL" };
      return sendSlack(secret, n, { panelURL: opts.panelURL, allow, timeoutMs });
    case "webhook": {
      const url = (settings as Partial<WebhookSettings>).url;
      if (typeof url !== "string") return { kind: "permanent", detail: "the contact point has no URL" };
      return sendWebhook({ url, secret }, n, { notificationId: opts.notificationId, allow, timeoutMs });
    }
    default:
      return { kind: "permanent", detail: `unknown contact point kind "${contactPoint.kind}"` };
  }
}

/** Keeps the latest outcome on the contact point (the UI shows permanent errors there). */
export async function recordOutcome(
  database: Database,
  contactPointId: number,
  outcome: DeliveryOutcome,
  at: Date = new Date(),
): Promise<void> {
  await database.db.contactPoint.updateMany({
    where: { id: contactPointId },
    data: {
      lastStatus: outcome.kind,
      lastError: outcome.kind === "sent" ? null : outcome.detail.slice(0, 2000),
      lastAttemptAt: at,
    },
  });
}
