// Generic webhook: Alertmanager's webhook JSON (version "4"), so existing receivers work unchanged, signed
// with HMAC-SHA256 over "<timestamp>.<body>" when the contact point has a secret:
//   X-Vigil-Timestamp: <unix seconds>     X-Vigil-Signature: sha256=<hex>
// A receiver recomputes the HMAC with its copy of the secret and refuses stale timestamps (replays).
// X-Vigil-Notification-Id is the same on every retry of one notification, for receivers that deduplicate.
import { createHmac } from "node:crypto";
import type { AllowList } from "../../net/address-policy";
import { outboundRequest } from "../../net/outbound";
import { httpOutcome, webhookPermanent } from "./http-outcome";
import { outboundFailure } from "./outbound-failure";
import type { DeliveryOutcome, Notification } from "./types";

export function webhookBody(n: Notification): string {
  return JSON.stringify({
    version: "4",
    groupKey: n.groupKey,
    truncatedAlerts: n.truncatedAlerts,
    status: n.status,
    receiver: n.receiver,
    groupLabels: n.groupLabels,
    commonLabels: n.commonLabels,
    commonAnnotations: n.commonAnnotations,
    externalURL: n.externalURL,
    alerts: n.alerts.map((a) => ({
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      generatorURL: a.generatorURL,
      fingerprint: a.fingerprint,
    })),
  });
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export interface WebhookTarget {
  url: string;
  secret: string | null;
}

export async function sendWebhook(
  target: WebhookTarget,
  n: Notification,
  opts: { notificationId: string; allow: AllowList; timeoutMs: number; now?: number },
): Promise<DeliveryOutcome> {
  const body = webhookBody(n);
  const timestamp = Math.floor((opts.now ?? Date.now()) / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "Vigil-Alerting",
    "x-vigil-notification-id": opts.notificationId,
    "x-vigil-timestamp": String(timestamp),
  };
  if (target.secret) headers["x-vigil-signature"] = signature(target.secret, timestamp, body);
  try {
    const res = await outboundRequest(new URL(target.url), {
      method: "POST",
      headers,
      body,
      timeoutMs: opts.timeoutMs,
      maxBytes: 64 * 1024,
      allow: opts.allow,
    });
    return httpOutcome(res.status, res.body, res.headers["retry-after"], webhookPermanent);
  } catch (error) {
    return outboundFailure(error);
  }
}
