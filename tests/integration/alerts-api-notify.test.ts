// The notification-side API on a real database: contact points (settings checked per kind, secrets encrypted
// and never returned, a test notification through real HTTP and SMTP receivers), the notification policy,
// silences (one-off and recurring, which current alerts they mute) and the reads (alerts, history, log).
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as history } from "@/app/api/v1/alerts/history/route";
import { GET as alertsRoute } from "@/app/api/v1/alerts/route";
import { DELETE as delCp, GET as getCp, PUT as putCp } from "@/app/api/v1/channels/[id]/route";
import { POST as testCp } from "@/app/api/v1/channels/[id]/test/route";
import { POST as createCp, GET as listCp } from "@/app/api/v1/channels/route";
import { GET as getPolicy, PUT as putPolicy } from "@/app/api/v1/notification-policy/route";
import { GET as notifications } from "@/app/api/v1/notifications/route";
import { DELETE as delSilence, GET as getSilence, PUT as putSilence } from "@/app/api/v1/silences/[id]/route";
import { POST as createSilence, GET as listSilences } from "@/app/api/v1/silences/route";
import { loadPolicy, NoContactPointError } from "@/lib/alerts/policy-store";
import { alertFingerprint } from "@/lib/alerts/rule-state-json";
import { activeSilences } from "@/lib/alerts/silence-store";
import { createApiKey } from "@/lib/auth/api-keys";
import type { Database } from "@/lib/db/client";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
let readKey = "";
let web: http.Server;
let webBase = "";
const hits: Array<{ path: string; headers: http.IncomingHttpHeaders; body: string }> = [];
let smtp: SMTPServer;
let smtpPort = 0;
const mails: Array<{ from: string; to: string[]; subject: string; user: string | null }> = [];

beforeAll(async () => {
  database = await useTestDatabase({
    VIGIL_SECRET_KEY: "test-secret-key-0123456789",
    VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1, localhost",
    VIGIL_PUBLIC_URL: "https://vigil.example/",
  });
  readKey = (await createApiKey(database.db, { name: "reader", scope: "read" })).key;
  web = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      hits.push({ path: req.url ?? "", headers: req.headers, body });
      const gone = req.url?.startsWith("/gone");
      res.writeHead(gone ? 410 : 200, { "content-type": "text/plain" });
      res.end(gone ? "channel_is_archived" : "ok");
    });
  });
  await new Promise<void>((r) => web.listen(0, "127.0.0.1", r));
  webBase = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onAuth(auth, _session, cb) {
      if (auth.password !== "mail-pass") return cb(new Error("bad password"));
      cb(null, { user: auth.username });
    },
    onData(stream, session, cb) {
      simpleParser(stream).then((mail) => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: mail.subject ?? "",
          user: (session.user as string | undefined) ?? null,
        });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => web.close(() => r()));
  await new Promise<void>((r) => smtp.close(() => r()));
});

const cp = (id: number) => ({ path: `/api/v1/channels/${id}`, params: { id: String(id) } });
const ids: Record<string, number> = {};

describe("contact points", () => {
  it("has no policy to load before the first contact point", async () => {
    await expect(loadPolicy(database)).rejects.toBeInstanceOf(NoContactPointError);
  });

  it("creates webhook, Slack and email contact points without ever returning a secret", async () => {
    const webhook = await call(createCp, {
      path: "/api/v1/channels",
      body: {
        name: "ml-webhook",
        kind: "webhook",
        settings: { url: `${webBase}/hook` },
        secret: "hmac-key-1",
      },
    });
    expect(webhook.status).toBe(201);
    expect(webhook.body.contactPoint).toMatchObject({
      name: "ml-webhook",
      kind: "webhook",
      hasSecret: true,
      sendResolved: true,
      lastStatus: null,
    });
    const slack = await call(createCp, {
      path: "/api/v1/channels",
      body: { name: "slack", kind: "slack", secret: `${webBase}/services/T0/B0/xyz` },
    });
    expect(slack.body.contactPoint).toMatchObject({ kind: "slack", settings: {}, hasSecret: true });
    const email = await call(createCp, {
      path: "/api/v1/channels",
      body: {
        name: "oncall mail",
        kind: "email",
        settings: {
          host: "127.0.0.1",
          port: smtpPort,
          security: "none",
          username: "vigil",
          from: "Vigil <vigil@example.com>",
          to: ["oncall@example.com"],
        },
        secret: "mail-pass",
      },
    });
    expect(email.status).toBe(201);
    expect(email.body.contactPoint).toMatchObject({
      settings: { rejectUnauthorized: true, username: "vigil" },
      hasSecret: true,
    });
    for (const [name, res] of [
      ["webhook", webhook],
      ["slack", slack],
      ["email", email],
    ] as const)
      ids[name] = (res.body.contactPoint as { id: number }).id;
    const listed = await call(listCp, { path: "/api/v1/channels", key: readKey });
    const text = JSON.stringify(listed.body) + JSON.stringify([webhook, slack, email]);
    for (const secret of ["hmac-key-1", "/services/T0/B0/xyz", "mail-pass"])
      expect(text).not.toContain(secret);
    const stored = await database.db.contactPoint.findUniqueOrThrow({ where: { id: ids.slack! } });
    expect(stored.secretEncrypted).toMatch(/^v1\./);
  });

  it("names the field of each invalid setting", async () => {
    const bad = async (body: unknown) => {
      const res = await call(createCp, { path: "/api/v1/channels", body });
      return `${res.status} ${res.body.error as string}`;
    };
    expect(await bad({ name: "x", kind: "pager" })).toBe("400 kind must be email, slack or webhook");
    expect(await bad({ name: "x", kind: "slack" })).toBe(
      "400 secret: a Slack contact point needs its incoming-webhook URL as the secret",
    );
    expect(await bad({ name: "x", kind: "slack", secret: "not a url" })).toMatch(
      /^400 secret \(the Slack webhook URL\): "not a url" is not a valid URL/,
    );
    expect(
      await bad({ name: "x", kind: "webhook", settings: { url: "http://169.254.169.254/latest" } }),
    ).toMatch(/^400 settings\.url: .*metadata address/);
    expect(await bad({ name: "x", kind: "webhook", settings: { url: "http://10.1.2.3/" } })).toMatch(
      /^400 settings\.url: .*VIGIL_OUTBOUND_ALLOWLIST/,
    );
    expect(
      await bad({
        name: "x",
        kind: "email",
        settings: { host: "127.0.0.1", port: 25, security: "sometimes", from: "a@b.c", to: ["d@e.f"] },
      }),
    ).toMatch(/^400 settings\.security: security must be tls, starttls/);
    expect(
      await bad({
        name: "x",
        kind: "email",
        settings: { host: "127.0.0.1", port: 25, security: "none", from: "nobody", to: ["d@e.f"] },
      }),
    ).toBe('400 settings.from: "nobody" is not an email address');
    expect(
      await bad({
        name: "x",
        kind: "email",
        settings: { host: "127.0.0.1", port: 25, security: "none", from: "a@b.c", to: [] },
      }),
    ).toMatch(/^400 settings\.to: to must list at least one address/);
    expect(await bad({ name: "slack", kind: "webhook", settings: { url: `${webBase}/x` } })).toBe(
      '409 name: a contact point named "slack" exists',
    );
    expect(
      (
        await call(createCp, {
          path: "/api/v1/channels",
          body: { name: "y", kind: "slack", secret: `${webBase}/s` },
          key: readKey,
        })
      ).status,
    ).toBe(403);
  });

  it("sends a test notification and returns the receiver's answer", async () => {
    const res = await call(testCp, { ...cp(ids.webhook!), path: `/api/v1/channels/${ids.webhook}/test` });
    expect(res).toEqual({
      status: 200,
      body: { outcome: { kind: "sent", detail: expect.stringContaining("200") } },
    });
    const hit = hits.find((h) => h.path === "/hook")!;
    const body = JSON.parse(hit.body) as {
      receiver: string;
      externalURL: string;
      alerts: Array<{ labels: Record<string, string> }>;
    };
    expect(body).toMatchObject({
      receiver: "ml-webhook",
      externalURL: "https://vigil.example",
      version: "4",
    });
    expect(body.alerts[0]!.labels.alertname).toBe("VigilTestNotification");
    const ts = hit.headers["x-vigil-timestamp"] as string;
    expect(hit.headers["x-vigil-signature"]).toBe(
      `sha256=${createHmac("sha256", "hmac-key-1").update(`${ts}.${hit.body}`).digest("hex")}`,
    );
    const mail = await call(testCp, { ...cp(ids.email!), path: `/api/v1/channels/${ids.email}/test` });
    expect(mail.body).toEqual({ outcome: { kind: "sent", detail: expect.stringMatching(/^SMTP 250/) } });
    expect(mails).toEqual([
      {
        from: "vigil@example.com",
        to: ["oncall@example.com"],
        subject: expect.stringContaining("VigilTestNotification"),
        user: "vigil",
      },
    ]);
    const after = await call(getCp, cp(ids.email!));
    expect(after.body.contactPoint).toMatchObject({
      lastStatus: "sent",
      lastError: null,
      lastAttemptAt: expect.any(String),
    });
  });

  it("shows a permanent failure on the contact point", async () => {
    const put = await call(putCp, {
      ...cp(ids.slack!),
      method: "PUT",
      body: { name: "slack", kind: "slack", secret: `${webBase}/gone/T0` },
    });
    expect(put.status).toBe(200);
    const res = await call(testCp, { ...cp(ids.slack!), path: `/api/v1/channels/${ids.slack}/test` });
    expect(res.body).toEqual({ outcome: { kind: "permanent", detail: expect.stringContaining("410") } });
    const after = await call(getCp, cp(ids.slack!));
    expect(after.body.contactPoint).toMatchObject({
      lastStatus: "permanent",
      lastError: expect.stringContaining("channel_is_archived"),
    });
  });

  it("keeps the secret on update unless it is given or nulled", async () => {
    const keep = await call(putCp, {
      ...cp(ids.webhook!),
      method: "PUT",
      body: {
        name: "ml-webhook",
        kind: "webhook",
        settings: { url: `${webBase}/hook2` },
        sendResolved: false,
      },
    });
    expect(keep.body.contactPoint).toMatchObject({
      hasSecret: true,
      sendResolved: false,
      settings: { url: `${webBase}/hook2` },
    });
    const cleared = await call(putCp, {
      ...cp(ids.webhook!),
      method: "PUT",
      body: { name: "ml-webhook", kind: "webhook", settings: { url: `${webBase}/hook` }, secret: null },
    });
    expect(cleared.body.contactPoint).toMatchObject({ hasSecret: false });
    expect((await call(getCp, cp(999))).status).toBe(404);
  });
});

const ruleState = (alerts: Array<{ labels: Record<string, string>; state: string; activeAt: number }>) =>
  JSON.stringify({
    alerts: Object.fromEntries(
      alerts.map((a) => [
        alertFingerprint(a.labels),
        {
          annotations: { summary: "s" },
          value: 0.5,
          firedAt: a.state === "firing" ? a.activeAt : null,
          resolvedAt: null,
          keepFiringSince: null,
          ...a,
        },
      ]),
    ),
    written: {},
  });

describe("notification policy", () => {
  it("defaults to the first contact point, grouped by alertname", async () => {
    const res = await call(getPolicy, { path: "/api/v1/notification-policy", key: readKey });
    expect(res.body).toEqual({
      tree: { receiver: "ml-webhook", group_by: ["alertname"] },
      inhibit_rules: [],
      time_intervals: [],
      isDefault: true,
      updatedAt: null,
    });
    const loaded = await loadPolicy(database);
    expect(loaded.tree).toMatchObject({
      receiver: "ml-webhook",
      groupBy: ["alertname"],
      groupWaitMs: 30_000,
      groupIntervalMs: 300_000,
      repeatIntervalMs: 14_400_000,
    });
  });

  it("saves a tree with matchers, timers, inhibition and time intervals", async () => {
    const body = {
      tree: {
        receiver: "ml-webhook",
        group_by: ["alertname", "model"],
        routes: [
          {
            matchers: ['severity="critical"'],
            receiver: "oncall mail",
            group_wait: "10s",
            repeat_interval: "1h",
            continue: true,
          },
          { matchers: ["team=~ml|data"], receiver: "slack", mute_time_intervals: ["weekends"] },
        ],
      },
      inhibit_rules: [
        {
          source_matchers: ['severity="critical"'],
          target_matchers: ['severity="warning"'],
          equal: ["model"],
        },
      ],
      time_intervals: [
        {
          name: "weekends",
          time_intervals: [{ weekdays: [0, 6], start: "00:00", end: "00:00", timezone: "Europe/Berlin" }],
        },
      ],
    };
    const res = await call(putPolicy, { method: "PUT", path: "/api/v1/notification-policy", body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...body, isDefault: false, updatedAt: expect.any(String) });
    const loaded = await loadPolicy(database);
    expect(
      loaded.tree.routes.map((r) => [r.id, r.receiver, r.groupWaitMs, r.repeatIntervalMs, r.groupBy]),
    ).toEqual([
      ["0.0", "oncall mail", 10_000, 3_600_000, ["alertname", "model"]],
      ["0.1", "slack", 30_000, 14_400_000, ["alertname", "model"]],
    ]);
    expect(loaded.tree.routes[1]!.matchers).toEqual([{ name: "team", op: "=~", value: "ml|data" }]);
    expect(loaded.inhibitRules).toEqual([
      {
        sourceMatchers: [{ name: "severity", op: "=", value: "critical" }],
        targetMatchers: [{ name: "severity", op: "=", value: "warning" }],
        equal: ["model"],
      },
    ]);
    expect(loaded.timeIntervals.get("weekends")).toHaveLength(1);
  });

  it("names what is wrong and keeps the saved policy", async () => {
    const bad = async (body: unknown) => {
      const res = await call(putPolicy, { method: "PUT", path: "/api/v1/notification-policy", body });
      return `${res.status} ${res.body.error as string}`;
    };
    expect(await bad({ tree: { receiver: "nobody" } })).toBe(
      '400 tree.receiver: no contact point named "nobody"',
    );
    expect(await bad({ tree: { receiver: "slack", routes: [{ matchers: ["sev=~("] }] } })).toMatch(
      /^400 tree\.routes\[0\]\.matchers\[0\]: invalid regular expression/,
    );
    expect(await bad({ tree: { receiver: "slack", group_wait: "soon" } })).toBe(
      '400 tree.group_wait: "soon" is not a duration (e.g. 30s, 5m, 4h)',
    );
    expect(await bad({ tree: { receiver: "slack", matchers: ["a=b"] } })).toBe(
      "400 tree: the root policy must not have matchers: it takes every alert",
    );
    expect(await bad({ tree: { receiver: "slack", routes: [{ mute_time_intervals: ["nights"] }] } })).toBe(
      '400 tree.routes[0].mute_time_intervals: no time interval named "nights"',
    );
    expect(
      await bad({
        tree: { receiver: "slack" },
        inhibit_rules: [{ source_matchers: [], target_matchers: ["a=b"] }],
      }),
    ).toMatch(/^400 inhibit_rules\.0\.source_matchers: /);
    expect(await bad({ tree: { receiver: "slack", colour: "red" } })).toMatch(/^400 tree: Unrecognized key/);
    expect(
      (
        await call(putPolicy, {
          method: "PUT",
          path: "/api/v1/notification-policy",
          body: { tree: { receiver: "slack" } },
          key: readKey,
        })
      ).status,
    ).toBe(403);
    expect((await call(getPolicy, { path: "/api/v1/notification-policy" })).body.tree).toMatchObject({
      receiver: "ml-webhook",
    });
  });

  it("refuses to delete or rename a contact point the policy routes to", async () => {
    const del = await call(delCp, { ...cp(ids.slack!), method: "DELETE" });
    expect(del).toEqual({
      status: 409,
      body: { error: 'the notification policy routes to "slack"; change the policy first' },
    });
    const rename = await call(putCp, {
      ...cp(ids.slack!),
      method: "PUT",
      body: { name: "slack2", kind: "slack" },
    });
    expect(rename.status).toBe(409);
  });
});

describe("silences and current alerts", () => {
  const now = Date.now();
  let groupId = 0;
  let silenceId = "";

  beforeAll(async () => {
    const group = await database.db.alertRuleGroup.create({ data: { name: "g", rules: "[]" } });
    groupId = group.id;
    await database.db.alertRuleState.create({
      data: {
        groupId,
        rule: "AccuracyLow",
        state: ruleState([
          {
            labels: { alertname: "AccuracyLow", model: "rec", severity: "critical" },
            state: "firing",
            activeAt: now - 60_000,
          },
          {
            labels: { alertname: "AccuracyLow", model: "rec", severity: "warning" },
            state: "firing",
            activeAt: now - 120_000,
          },
          {
            labels: { alertname: "AccuracyLow", model: "basket", severity: "warning" },
            state: "pending",
            activeAt: now - 30_000,
          },
          {
            labels: { alertname: "AccuracyLow", model: "old", severity: "warning" },
            state: "inactive",
            activeAt: now - 900_000,
          },
        ]),
      },
    });
  });

  it("lists pending and firing alerts with inhibition, filtered by state and matchers", async () => {
    const res = await call(alertsRoute, { path: "/api/v1/alerts", key: readKey });
    const alerts = res.body.alerts as Array<{
      labels: Record<string, string>;
      state: string;
      inhibited: boolean;
      silencedBy: string[];
      group: string;
      rule: string;
    }>;
    expect(alerts.map((a) => [a.labels.model, a.labels.severity, a.state, a.inhibited])).toEqual([
      ["basket", "warning", "pending", false],
      ["rec", "critical", "firing", false],
      ["rec", "warning", "firing", true],
    ]);
    expect(alerts[0]).toMatchObject({
      group: "g",
      rule: "AccuracyLow",
      silencedBy: [],
      fingerprint: alertFingerprint(alerts[0]!.labels),
    });
    const firing = await call(alertsRoute, {
      path: "/api/v1/alerts?state=firing&matchers=%7Bseverity%3D%22critical%22%7D",
    });
    expect((firing.body.alerts as unknown[]).length).toBe(1);
    const bad = await call(alertsRoute, { path: "/api/v1/alerts?matchers=%7Bx%7D" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^matchers: /);
    expect((await call(alertsRoute, { path: "/api/v1/alerts?state=open" })).status).toBe(400);
  });

  it("creates a silence that mutes the matching alerts", async () => {
    const res = await call(createSilence, {
      path: "/api/v1/silences",
      body: {
        matchers: '{model="rec"}',
        endsAt: new Date(now + 3_600_000).toISOString(),
        comment: "deploying",
      },
    });
    expect(res.status).toBe(201);
    const silence = res.body.silence as {
      id: string;
      state: string;
      mutes: Array<{ labels: Record<string, string> }>;
      createdBy: string;
      matchersText: string;
    };
    silenceId = silence.id;
    expect(silence).toMatchObject({
      state: "active",
      comment: "deploying",
      createdBy: "api key bootstrap",
      matchersText: '{model="rec"}',
    });
    expect(silence.mutes.map((m) => m.labels.severity).sort()).toEqual(["critical", "warning"]);
    const alerts = (await call(alertsRoute, { path: "/api/v1/alerts" })).body.alerts as Array<{
      silencedBy: string[];
    }>;
    expect(alerts.map((a) => a.silencedBy)).toEqual([[], [silenceId], [silenceId]]);
    expect((await activeSilences(database, Date.now())).map((s) => s.id)).toEqual([silenceId]);
  });

  it("validates silences field by field", async () => {
    const bad = async (body: Record<string, unknown>) => {
      const res = await call(createSilence, {
        path: "/api/v1/silences",
        body: { endsAt: now + 60_000, ...body },
      });
      return `${res.status} ${res.body.error as string}`;
    };
    expect(await bad({ matchers: ['model=~".*"'] })).toBe(
      "400 matchers: at least one matcher must not match the empty string (it would silence every alert)",
    );
    expect(await bad({ matchers: "{model=}" })).toMatch(/^400 matchers: /);
    expect(await bad({ matchers: ["a=b"], endsAt: now - 1000 })).toMatch(
      /^400 endsAt: must (be after startsAt|be in the future)/,
    );
    expect(await bad({ matchers: ["a=b"], startsAt: now + 120_000 })).toBe(
      "400 endsAt: must be after startsAt",
    );
    expect(await bad({ matchers: ["a=b"], endsAt: "tomorrow" })).toMatch(
      /^400 endsAt "tomorrow" is not a date/,
    );
    expect(await bad({ matchers: ["a=b"], schedule: { weekdays: [7], start: "00:00", end: "01:00" } })).toBe(
      "400 schedule.weekdays: 7 is not a day 0 (Sunday)–6",
    );
    expect(
      await bad({
        matchers: ["a=b"],
        schedule: { weekdays: [1], start: "00:00", end: "01:00", timezone: "Mars/Base" },
      }),
    ).toMatch(/^400 schedule\.timezone "Mars\/Base"/);
  });

  it("keeps a recurring silence pending outside its weekly window", async () => {
    const other = (new Date(now).getUTCDay() + 3) % 7;
    const res = await call(createSilence, {
      path: "/api/v1/silences",
      body: {
        matchers: ["model=basket"],
        endsAt: now + 30 * 86_400_000,
        schedule: { weekdays: [other], start: "00:00", end: "00:00" },
        createdBy: "ops",
      },
    });
    expect(res.body.silence).toMatchObject({
      state: "pending",
      mutes: [],
      createdBy: "ops",
      schedule: { weekdays: [other] },
    });
    const list = await call(listSilences, { path: "/api/v1/silences?state=pending", key: readKey });
    expect((list.body.silences as unknown[]).length).toBe(1);
  });

  it("updates and expires (DELETE) a silence, which stays listed", async () => {
    const path = `/api/v1/silences/${silenceId}`;
    const put = await call(putSilence, {
      method: "PUT",
      path,
      params: { id: silenceId },
      body: { matchers: ["model=rec", "severity=critical"], endsAt: now + 7_200_000 },
    });
    expect(put.body.silence).toMatchObject({
      matchersText: '{model="rec",severity="critical"}',
      mutes: [{ labels: { severity: "critical" } }],
    });
    const del = await call(delSilence, { method: "DELETE", path, params: { id: silenceId } });
    expect(del.body.silence).toMatchObject({ state: "expired", mutes: [] });
    expect((await call(getSilence, { path, params: { id: silenceId } })).body.silence).toMatchObject({
      state: "expired",
    });
    expect((await call(getSilence, { path: "/api/v1/silences/nope", params: { id: "nope" } })).status).toBe(
      404,
    );
    expect(
      (await call(delSilence, { method: "DELETE", path, params: { id: silenceId }, key: readKey })).status,
    ).toBe(403);
  });
});

describe("history and notification log", () => {
  it("pages transitions newest first with filters", async () => {
    const base = Date.UTC(2026, 0, 1);
    await database.db.alertTransition.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({
        groupId: 1,
        rule: i % 2 ? "B" : "A",
        fingerprint: `f${i}`,
        labels: JSON.stringify({ alertname: i % 2 ? "B" : "A" }),
        fromState: "pending",
        toState: "firing",
        value: i,
        at: new Date(base + (i < 2 ? 0 : i) * 60_000),
      })),
    });
    const first = await call(history, { path: "/api/v1/alerts/history?limit=2", key: readKey });
    const t1 = first.body.transitions as Array<{
      fingerprint: string;
      from: string;
      to: string;
      labels: unknown;
    }>;
    expect(t1.map((t) => t.fingerprint)).toEqual(["f4", "f3"]);
    expect(t1[0]).toMatchObject({
      from: "pending",
      to: "firing",
      labels: { alertname: "A" },
      value: 4,
      at: new Date(base + 240_000).toISOString(),
    });
    const second = await call(history, {
      path: `/api/v1/alerts/history?limit=2&cursor=${first.body.nextCursor}`,
    });
    const third = await call(history, {
      path: `/api/v1/alerts/history?limit=2&cursor=${second.body.nextCursor}`,
    });
    expect(
      [
        ...(second.body.transitions as Array<{ fingerprint: string }>),
        ...(third.body.transitions as Array<{ fingerprint: string }>),
      ].map((t) => t.fingerprint),
    ).toEqual(["f2", "f1", "f0"]);
    expect(third.body.nextCursor).toBeNull();
    const onlyB = await call(history, {
      path: `/api/v1/alerts/history?rule=B&from=${base}&to=${base + 600_000}`,
    });
    expect((onlyB.body.transitions as Array<{ fingerprint: string }>).map((t) => t.fingerprint)).toEqual([
      "f3",
      "f1",
    ]);
    expect((await call(history, { path: "/api/v1/alerts/history?limit=0" })).status).toBe(400);
    expect((await call(history, { path: "/api/v1/alerts/history?from=yesterday" })).body.error).toMatch(
      /^from: /,
    );
    expect((await call(history, { path: "/api/v1/alerts/history?cursor=zz" })).body.error).toMatch(
      /^cursor: /,
    );
  });

  it("shows what was sent to whom and the result", async () => {
    const payload = (status: string) =>
      JSON.stringify({
        receiver: "ml-webhook",
        status,
        groupKey: "k",
        groupLabels: { alertname: "AccuracyLow" },
        commonLabels: {},
        commonAnnotations: {},
        externalURL: "",
        silenceURL: "",
        alerts: [{ status, labels: {} }],
        truncatedAlerts: 0,
      });
    await database.db.alertNotification.createMany({
      data: [
        {
          key: "n1",
          contactPointId: ids.webhook!,
          groupKey: "k",
          payload: payload("firing"),
          status: "sent",
          attempts: 1,
          sentAt: new Date(),
          response: "HTTP 200 ok",
        },
        {
          key: "n2",
          contactPointId: ids.email!,
          groupKey: "k",
          payload: payload("resolved"),
          status: "failed",
          attempts: 3,
          lastError: "SMTP 550 no such user",
        },
      ],
    });
    const all = await call(notifications, { path: "/api/v1/notifications", key: readKey });
    expect(all.body.notifications).toMatchObject([
      {
        contactPoint: "oncall mail",
        kind: "email",
        status: "failed",
        attempts: 3,
        alertStatus: "resolved",
        alerts: 1,
        title: "[RESOLVED] AccuracyLow",
        lastError: "SMTP 550 no such user",
        sentAt: null,
      },
      {
        contactPoint: "ml-webhook",
        status: "sent",
        title: "[FIRING:1] AccuracyLow",
        response: "HTTP 200 ok",
      },
    ]);
    const byName = await call(notifications, {
      path: "/api/v1/notifications?contactPoint=ml-webhook&status=sent",
    });
    expect((byName.body.notifications as unknown[]).length).toBe(1);
    const byId = await call(notifications, {
      path: `/api/v1/notifications?contactPoint=${ids.email}&limit=1`,
    });
    expect(byId.body).toMatchObject({
      notifications: [{ contactPointId: ids.email }],
      nextCursor: null,
    });
    expect((await call(notifications, { path: "/api/v1/notifications?contactPoint=nope" })).status).toBe(404);
    expect((await call(notifications, { path: "/api/v1/notifications?status=lost" })).status).toBe(400);
  });
});
