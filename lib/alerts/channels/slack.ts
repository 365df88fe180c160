// Slack incoming webhooks with a Block Kit message: a header with the title, the severity as the
// attachment's colour bar, one section per alert (summary, distinguishing labels, value), the common labels,
// and buttons back to the panel, the rule and a prefilled silence. Slack allows one message per second per
// webhook (the outbox paces sends); texts are cut to Slack's limits (header 150, section 3000 characters).
import type { AllowList } from "../../net/address-policy";
import { outboundRequest } from "../../net/outbound";
import { httpOutcome, slackPermanent } from "./http-outcome";
import { outboundFailure } from "./outbound-failure";
import { distinctLabels, formatValue, severityColour, summaryOf, title } from "./render";
import type { DeliveryOutcome, Notification } from "./types";

const MAX_ALERT_SECTIONS = 10;
const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
/** Slack mrkdwn needs &, < and > escaped. */
const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

type Block = Record<string, unknown>;

export function slackMessage(
  n: Notification,
  links: { panelURL: string | null },
): { text: string; attachments: Array<{ color: string; blocks: Block[] }> } {
  const heading = title(n);
  const blocks: Block[] = [{ type: "header", text: { type: "plain_text", text: cut(heading, 150) } }];
  const common = Object.entries(n.commonLabels).filter(([k]) => k !== "alertname");
  if (common.length > 0)
    blocks.push({
      type: "section",
      fields: common
        .slice(0, 10)
        .map(([k, v]) => ({ type: "mrkdwn", text: cut(`*${esc(k)}*\n${esc(v)}`, 2000) })),
    });
  for (const a of n.alerts.slice(0, MAX_ALERT_SECTIONS)) {
    const labels = distinctLabels(n, a)
      .map(([k, v]) => `\`${esc(k)}=${esc(v)}\``)
      .join(" ");
    const state = a.status === "firing" ? ":red_circle:" : ":large_green_circle:";
    const lines = [
      `${state} *${esc(summaryOf(a))}*`,
      labels,
      `value ${formatValue(a.value)} · since ${a.startsAt}`,
    ];
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: cut(lines.filter(Boolean).join("\n"), 3000) },
    });
  }
  const hidden = n.alerts.length - MAX_ALERT_SECTIONS + n.truncatedAlerts;
  if (hidden > 0)
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `and ${hidden} more` }] });
  const buttons: Block[] = [];
  if (links.panelURL) buttons.push(button("Open panel", links.panelURL));
  const rule = n.alerts[0]?.generatorURL;
  if (rule) buttons.push(button("View rule", rule));
  buttons.push(button("Silence", n.silenceURL));
  blocks.push({ type: "actions", elements: buttons });
  return { text: heading, attachments: [{ color: severityColour(n), blocks }] };
}

function button(text: string, url: string): Block {
  return { type: "button", text: { type: "plain_text", text }, url: cut(url, 3000) };
}

export async function sendSlack(
  webhookUrl: string,
  n: Notification,
  opts: { panelURL: string | null; allow: AllowList; timeoutMs: number },
): Promise<DeliveryOutcome> {
  try {
    const res = await outboundRequest(new URL(webhookUrl), {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Vigil-Alerting" },
      body: JSON.stringify(slackMessage(n, { panelURL: opts.panelURL })),
      timeoutMs: opts.timeoutMs,
      maxBytes: 64 * 1024,
      allow: opts.allow,
    });
    return httpOutcome(res.status, res.body, res.headers["retry-after"], slackPermanent);
  } catch (error) {
    return outboundFailure(error);
  }
}
