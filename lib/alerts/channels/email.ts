// Email through SMTP (nodemailer). TLS as the contact point says: implicit TLS (port 465), STARTTLS required
// or opportunistic, or none; certificate checks on unless turned off for a self-signed relay. The relay's
// address is resolved and checked against the outbound address policy before connecting, and the connection
// goes to that checked address (the name is kept for TLS), so DNS cannot swap it afterwards.
// SMTP 5xx answers are permanent (bad recipient, refused sender, failed login); 4xx and network trouble retry.
import { lookup } from "node:dns/promises";
import nodemailer from "nodemailer";
import { type AllowList, refusal } from "../../net/address-policy";
import { distinctLabels, formatValue, summaryOf, title } from "./render";
import type { DeliveryOutcome, Notification } from "./types";

export interface SmtpSettings {
  host: string;
  port: number;
  /** "tls": implicit TLS; "starttls": STARTTLS required; "opportunistic": STARTTLS when offered; "none" */
  security: "tls" | "starttls" | "opportunistic" | "none";
  rejectUnauthorized: boolean;
  username: string | null;
  password: string | null;
  from: string;
  to: string[];
}

const escapeHtml = (t: string) =>
  t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function emailContent(
  n: Notification,
  links: { panelURL: string | null },
): { subject: string; text: string; html: string } {
  const subject = title(n);
  const common = Object.entries(n.commonLabels).map(([k, v]) => `${k}=${v}`);
  const alertLines = n.alerts.map((a) => {
    const labels = distinctLabels(n, a).map(([k, v]) => `${k}=${v}`);
    return { a, labels };
  });
  const linkLines = [
    links.panelURL ? `Panel: ${links.panelURL}` : null,
    n.alerts[0]?.generatorURL ? `Rule: ${n.alerts[0].generatorURL}` : null,
    `Silence: ${n.silenceURL}`,
  ].filter((l): l is string => l !== null);
  const text = [
    subject,
    "",
    common.length ? `Labels: ${common.join(", ")}` : "",
    "",
    ...alertLines.map(
      ({ a, labels }) =>
        `- [${a.status}] ${summaryOf(a)}${labels.length ? ` (${labels.join(", ")})` : ""} — value ${formatValue(a.value)}, since ${a.startsAt}`,
    ),
    n.truncatedAlerts ? `… and ${n.truncatedAlerts} more` : "",
    "",
    ...linkLines,
  ]
    .filter((l, i, all) => !(l === "" && all[i - 1] === ""))
    .join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif">
<h2 style="margin:0 0 8px">${escapeHtml(subject)}</h2>
${common.length ? `<p style="color:#555">${escapeHtml(common.join(", "))}</p>` : ""}
<ul>${alertLines
    .map(
      ({ a, labels }) =>
        `<li><strong>[${a.status}]</strong> ${escapeHtml(summaryOf(a))}${labels.length ? ` <code>${escapeHtml(labels.join(", "))}</code>` : ""} — value ${escapeHtml(formatValue(a.value))}, since ${escapeHtml(a.startsAt)}</li>`,
    )
    .join("")}</ul>
<p>${linkLines
    .map((l) => {
      const [name, url] = l.split(": ");
      return `<a href="${escapeHtml(url ?? "")}">${escapeHtml(name ?? "")}</a>`;
    })
    .join(" · ")}</p>
</body></html>`;
  return { subject, text, html };
}

function classify(error: unknown): DeliveryOutcome {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const detail = e.message ?? String(error);
  if (typeof e.responseCode === "number") {
    if (e.responseCode >= 500) return { kind: "permanent", detail: `SMTP ${e.responseCode}: ${detail}` };
    return { kind: "retry", detail: `SMTP ${e.responseCode}: ${detail}`, retryAfterMs: null };
  }
  return { kind: "retry", detail, retryAfterMs: null };
}

export async function sendEmail(
  smtp: SmtpSettings,
  n: Notification,
  opts: { panelURL: string | null; allow: AllowList; timeoutMs: number },
): Promise<DeliveryOutcome> {
  let address: string;
  try {
    const addresses = await lookup(smtp.host, { all: true });
    for (const a of addresses) {
      const why = refusal(smtp.host, a.address, opts.allow);
      if (why) return { kind: "permanent", detail: `outbound request refused: ${why}` };
    }
    address = addresses[0]?.address ?? smtp.host;
  } catch (error) {
    return {
      kind: "retry",
      detail: `cannot resolve ${smtp.host}: ${(error as Error).message}`,
      retryAfterMs: null,
    };
  }
  const transport = nodemailer.createTransport({
    host: address,
    port: smtp.port,
    secure: smtp.security === "tls",
    requireTLS: smtp.security === "starttls",
    ignoreTLS: smtp.security === "none",
    name: "vigil",
    tls: { servername: smtp.host, rejectUnauthorized: smtp.rejectUnauthorized },
    auth: smtp.username ? { user: smtp.username, pass: smtp.password ?? "" } : undefined,
    connectionTimeout: opts.timeoutMs,
    greetingTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs,
  });
  try {
    const content = emailContent(n, { panelURL: opts.panelURL });
    const info = await transport.sendMail({ from: smtp.from, to: smtp.to, ...content });
    return { kind: "sent", detail: `SMTP ${info.response}` };
  } catch (error) {
    return classify(error);
  } finally {
    transport.close();
  }
}
