// The notification "send test notification" sends: one firing info-level alert that says what it is, with the
// same links a real one has (under VIGIL_PUBLIC_URL), so the receiver's rendering can be checked end to end.
import { randomUUID } from "node:crypto";
import { env } from "../config/env";
import type { Notification } from "./channels/types";
import { ZERO_TIME } from "./channels/types";
import { formatMatchers } from "./matchers";

export function testNotification(
  receiver: string,
  now = Date.now(),
): { id: string; notification: Notification; panelURL: string } {
  const base = env().VIGIL_PUBLIC_URL;
  const labels = { alertname: "VigilTestNotification", severity: "info" };
  const id = `test-${randomUUID()}`;
  return {
    id,
    panelURL: `${base}/alerting/contact-points`,
    notification: {
      receiver,
      status: "firing",
      groupKey: `test:${id}`,
      groupLabels: { alertname: labels.alertname },
      commonLabels: labels,
      commonAnnotations: {
        summary: "Test notification from Vigil",
        description: `Sent from the contact point "${receiver}" to check that notifications arrive.`,
      },
      externalURL: base,
      silenceURL: `${base}/alerting/silences/new?matchers=${encodeURIComponent(
        formatMatchers([{ name: "alertname", op: "=", value: labels.alertname }]),
      )}`,
      alerts: [
        {
          status: "firing",
          labels,
          annotations: { summary: "Test notification from Vigil" },
          startsAt: new Date(now).toISOString(),
          endsAt: ZERO_TIME,
          generatorURL: `${base}/alerting/contact-points`,
          fingerprint: "test",
          value: null,
        },
      ],
      truncatedAlerts: 0,
    },
  };
}
