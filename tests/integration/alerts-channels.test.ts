// Contact points against real receivers: an HTTP server speaking Alertmanager's webhook and Slack's incoming
// webhook protocol, and a real SMTP server (npm smtp-server, mail read back with mailparser). Each answer a
// receiver can give maps to sent / retry (with Retry-After) / permanent.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpSettings, sendEmail } from "../../lib/alerts/channels/email";
import { sendSlack } from "../../lib/alerts/channels/slack";
import { backoffMs, type Notification, parseRetryAfter, ZERO_TIME } from "../../lib/alerts/channels/types";
import { sendWebhook } from "../../lib/alerts/channels/webhook";
import { parseAllowList } from "../../lib/net/address-policy";

const allow = parseAllowList("127.0.0.1, localhost");
const notification: Notification = {
  receiver: "ml-team",
  status: "firing",
  groupKey: '0:{alertname="AccuracyLow"}',
  groupLabels: { alertname: "AccuracyLow" },
  commonLabels: { alertname: "AccuracyLow", severity: "critical" },
  commonAnnotations: {},
  externalURL: "http://vigil.example",
  silenceURL: "http://vigil.example/alerting/silences/new?matchers=%7Balertname%3D%22AccuracyLow%22%7D",
  truncatedAlerts: 0,
  alerts: ["rec", "basket"].map((model, i) => ({
    status: "firing" as const,
    labels: { alertname: "AccuracyLow", severity: "critical", model },
    annotations: { summary: `${model} accuracy is ${70 + i}%` },
    startsAt: "2026-11-29T10:00:00.000Z",
    endsAt: ZERO_TIME,
    generatorURL: "http://vigil.example/alerting/rules/1",
    fingerprint: `fp-${model}`,
    value: 0.7 + i / 100,
  })),
};

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver that records requests and answers per path: /ok, /status/<code>[?retryAfter=s]. */
let server: http.Server;
let base = "";
const received: Received[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      const url = new URL(req.url ?? "/", "http://x");
      const code = Number(/^\/status\/(\d+)/.exec(url.pathname)?.[1] ?? 200);
      const retryAfter = url.searchParams.get("retryAfter");
      res.writeHead(code, {
        "content-type": "text/plain",
        ...(retryAfter ? { "retry-after": retryAfter } : {}),
      });
      res.end(
        code === 200 ? "ok" : code === 404 ? "no_service" : code === 410 ? "channel_is_archived" : "error",
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const last = () => received[received.length - 1] as Received;

describe("webhook", () => {
  const opts = { notificationId: "n-1", allow, timeoutMs: 5000, now: 1_764_400_000_000 };

  it("posts Alertmanager's webhook JSON, signed with HMAC-SHA256", async () => {
    const outcome = await sendWebhook({ url: `${base}/ok`, secret: "s3cret" }, notification, opts);
    expect(outcome).toEqual({ kind: "sent", detail: "HTTP 200: ok" });
    const req = last();
    const body = JSON.parse(req.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      version: "4",
      status: "firing",
      receiver: "ml-team",
      groupKey: notification.groupKey,
      groupLabels: { alertname: "AccuracyLow" },
      truncatedAlerts: 0,
    });
    expect((body.alerts as unknown[]).length).toBe(2);
    expect(req.headers["x-vigil-notification-id"]).toBe("n-1");
    const expected = createHmac("sha256", "s3cret")
      .update(`${req.headers["x-vigil-timestamp"]}.${req.body}`)
      .digest("hex");
    expect(req.headers["x-vigil-signature"]).toBe(`sha256=${expected}`);
    expect(req.headers["x-vigil-timestamp"]).toBe("1764400000");
  });

  it("sends no signature without a secret", async () => {
    await sendWebhook({ url: `${base}/ok`, secret: null }, notification, opts);
    expect(last().headers["x-vigil-signature"]).toBeUndefined();
  });

  it("classifies the answers", async () => {
    const send = (path: string) => sendWebhook({ url: `${base}${path}`, secret: null }, notification, opts);
    expect((await send("/status/500")).kind).toBe("retry");
    expect(await send("/status/429?retryAfter=7")).toMatchObject({ kind: "retry", retryAfterMs: 7000 });
    expect((await send("/status/400")).kind).toBe("permanent");
    expect((await send("/status/404")).kind).toBe("permanent");
  });

  it("retries when the receiver is down; refuses addresses the policy does not allow", async () => {
    const down = await sendWebhook({ url: "http://127.0.0.1:1/hook", secret: null }, notification, opts);
    expect(down.kind).toBe("retry");
    const metadata = await sendWebhook(
      { url: "http://169.254.169.254/latest", secret: null },
      notification,
      opts,
    );
    expect(metadata).toMatchObject({ kind: "permanent", detail: expect.stringMatching(/metadata/) });
    const other = await sendWebhook({ url: "http://127.0.0.2:9/x", secret: null }, notification, {
      ...opts,
      allow: parseAllowList(""),
    });
    expect(other).toMatchObject({
      kind: "permanent",
      detail: expect.stringMatching(/VIGIL_OUTBOUND_ALLOWLIST/),
    });
  });
});

describe("Slack", () => {
  const opts = { panelURL: "http://vigil.example/explore?expr=x", allow, timeoutMs: 5000 };

  it("posts a Block Kit message: title, severity colour, alerts, links", async () => {
    expect((await sendSlack(`${base}/ok`, notification, opts)).kind).toBe("sent");
    const msg = JSON.parse(last().body) as {
      text: string;
      attachments: Array<{ color: string; blocks: Array<Record<string, unknown>> }>;
    };
    expect(msg.text).toBe("[FIRING:2] AccuracyLow");
    const [attachment] = msg.attachments;
    expect(attachment?.color).toBe("#c62828");
    const blocks = attachment?.blocks ?? [];
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "[FIRING:2] AccuracyLow" },
    });
    const sections = blocks.filter((b) => b.type === "section" && b.text) as Array<{
      text: { text: string };
    }>;
    expect(sections.map((s) => s.text.text)).toEqual([
      expect.stringMatching(/rec accuracy is 70%.*\n`model=rec`\nvalue 0\.7 /s),
      expect.stringMatching(/basket accuracy is 71%.*\n`model=basket`\nvalue 0\.71 /s),
    ]);
    const actions = blocks.find((b) => b.type === "actions") as { elements: Array<{ url: string }> };
    expect(actions.elements.map((e) => e.url)).toEqual([
      opts.panelURL,
      "http://vigil.example/alerting/rules/1",
      notification.silenceURL,
    ]);
  });

  it("resolved notifications are green", async () => {
    await sendSlack(`${base}/ok`, { ...notification, status: "resolved" }, opts);
    const msg = JSON.parse(last().body) as { text: string; attachments: Array<{ color: string }> };
    expect(msg.text).toBe("[RESOLVED] AccuracyLow");
    expect(msg.attachments[0]?.color).toBe("#2e7d32");
  });

  it("Slack's 400/403/404/410 are permanent, 429 and 5xx retried", async () => {
    for (const code of [400, 403, 404, 410])
      expect((await sendSlack(`${base}/status/${code}`, notification, opts)).kind).toBe("permanent");
    expect(await sendSlack(`${base}/status/429?retryAfter=30`, notification, opts)).toMatchObject({
      kind: "retry",
      retryAfterMs: 30_000,
    });
    expect((await sendSlack(`${base}/status/503`, notification, opts)).kind).toBe("retry");
  });
});

describe("email", () => {
  let smtp: SMTPServer;
  let port = 0;
  const mails: string[] = [];
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: [],
      logger: false,
      onAuth(auth, _session, cb) {
        if (auth.username === "vigil" && auth.password === "pw") cb(null, { user: "vigil" });
        else cb(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
      },
      onRcptTo(address, _session, cb) {
        if (address.address.startsWith("full@"))
          cb(Object.assign(new Error("mailbox full, try later"), { responseCode: 452 }));
        else if (address.address.startsWith("nobody@"))
          cb(Object.assign(new Error("no such user"), { responseCode: 550 }));
        else cb();
      },
      onData(stream, _session, cb) {
        let data = "";
        stream.on("data", (c: Buffer) => {
          data += c.toString("utf8");
        });
        stream.on("end", () => {
          mails.push(data);
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => smtp.close(() => r())));

  const settings = (over: Partial<SmtpSettings> = {}): SmtpSettings => ({
    host: "127.0.0.1",
    port,
    security: "none",
    rejectUnauthorized: true,
    username: null,
    password: null,
    from: "vigil@example.com",
    to: ["ml-team@example.com"],
    ...over,
  });
  const opts = { panelURL: "http://vigil.example/explore?expr=x", allow, timeoutMs: 5000 };

  it("delivers a readable mail: subject, alerts, links", async () => {
    const outcome = await sendEmail(settings(), notification, opts);
    expect(outcome.kind).toBe("sent");
    const mail = await simpleParser(mails[mails.length - 1] ?? "");
    expect(mail.subject).toBe("[FIRING:2] AccuracyLow");
    expect(mail.text).toContain(
      "- [firing] rec accuracy is 70% (model=rec) — value 0.7, since 2026-11-29T10:00:00.000Z",
    );
    expect(mail.text).toContain(`Silence: ${notification.silenceURL}`);
    expect(mail.html).toContain('<a href="http://vigil.example/alerting/rules/1">Rule</a>');
  });

  it("STARTTLS with a self-signed relay when certificate checks are off; refuses it when on", async () => {
    expect(
      (await sendEmail(settings({ security: "starttls", rejectUnauthorized: false }), notification, opts))
        .kind,
    ).toBe("sent");
    const strict = await sendEmail(
      settings({ security: "starttls", rejectUnauthorized: true }),
      notification,
      opts,
    );
    expect(strict.kind).toBe("retry");
    expect(strict.detail).toMatch(/certificate/i);
  });

  it("logs in; a refused login is permanent", async () => {
    expect(
      (
        await sendEmail(
          settings({ username: "vigil", password: "pw", security: "starttls", rejectUnauthorized: false }),
          notification,
          opts,
        )
      ).kind,
    ).toBe("sent");
    const refused = await sendEmail(
      settings({ username: "vigil", password: "wrong", security: "starttls", rejectUnauthorized: false }),
      notification,
      opts,
    );
    expect(refused).toMatchObject({ kind: "permanent", detail: expect.stringMatching(/^SMTP 535/) });
  });

  it("SMTP 5xx is permanent, 4xx retried, an unreachable relay retried", async () => {
    expect((await sendEmail(settings({ to: ["nobody@example.com"] }), notification, opts)).kind).toBe(
      "permanent",
    );
    expect((await sendEmail(settings({ to: ["full@example.com"] }), notification, opts)).kind).toBe("retry");
    expect((await sendEmail(settings({ port: 1 }), notification, opts)).kind).toBe("retry");
  });

  it("refuses a relay the address policy does not allow", async () => {
    const outcome = await sendEmail(settings(), notification, { ...opts, allow: parseAllowList("") });
    expect(outcome).toMatchObject({
      kind: "permanent",
      detail: expect.stringMatching(/VIGIL_OUTBOUND_ALLOWLIST/),
    });
  });
});

describe("retry timing", () => {
  it("doubles from 1 s to 5 min with jitter, and honours a longer Retry-After", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 10, 20].map((n) => backoffMs(n, null, mid))).toEqual([
      1000, 2000, 4000, 300_000, 300_000,
    ]);
    expect(backoffMs(1, 30_000, mid)).toBe(30_000);
    expect(backoffMs(1, null, () => 0)).toBe(800);
    expect(backoffMs(1, null, () => 1)).toBe(1200);
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(parseRetryAfter("120")).toBe(120_000);
    expect(parseRetryAfter("Sun, 29 Nov 2026 10:00:30 GMT", Date.parse("2026-11-29T10:00:00Z"))).toBe(30_000);
    expect(parseRetryAfter(undefined)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});
