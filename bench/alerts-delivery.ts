// Alert delivery latency, end to end: from "condition true" (a sample written that makes a rule's expression
// true) to the notification received by a real webhook server and a real SMTP server (npm smtp-server), with a
// real worker process running (`node --import tsx workers/main.ts`). Rules are evaluated every 10 s (the
// smallest interval the API accepts), group_wait is Alertmanager's default 30 s; samples are written at
// staggered moments so they land at different points of the evaluation cycle. Target: p99 ≤ evaluation
// interval + group_wait + 1 s. SQLite; BENCH_ALERT_SAMPLES sizes the run (default 20).
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { markAlertGroup } from "../lib/alerts/eval-job";
import { connectDatabase } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { pointStatements } from "../lib/series/store";
import type { BenchRow } from "./promql";

const INTERVAL_MS = 10_000;
const GROUP_WAIT_MS = 30_000;
const SAMPLES = Number(process.env.BENCH_ALERT_SAMPLES ?? 20);

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;

export async function alertsDeliveryBench(dir: string, log: (m: string) => void): Promise<BenchRow[]> {
  const url = `file:${process.cwd()}/${dir}/alerts-delivery.db`;
  await migrate(url);
  const database = await connectDatabase(url);
  const webhookAt = new Map<string, number>();
  const mailAt = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      const at = Date.now();
      const n = JSON.parse(body) as { groupLabels: Record<string, string> };
      const name = n.groupLabels.alertname ?? "";
      if (!webhookAt.has(name)) webhookAt.set(name, at);
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const smtp = new SMTPServer({
    authOptional: true,
    logger: false,
    onData(stream, _session, cb) {
      const at = Date.now();
      simpleParser(stream).then((mail) => {
        const name = /\] (BenchLatency\d+)/.exec(mail.subject ?? "")?.[1] ?? "";
        if (!mailAt.has(name)) mailAt.set(name, at);
        cb();
      }, cb);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  await database.db.contactPoint.create({
    data: {
      name: "hook",
      kind: "webhook",
      settings: JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` }),
    },
  });
  await database.db.contactPoint.create({
    data: {
      name: "mail",
      kind: "email",
      settings: JSON.stringify({
        host: "127.0.0.1",
        port: smtpPort,
        security: "none",
        rejectUnauthorized: false,
        from: "vigil@example.com",
        to: ["oncall@example.com"],
      }),
    },
  });
  await database.db.notificationPolicy.create({
    data: {
      id: 1,
      tree: JSON.stringify({
        route: {
          receiver: "hook",
          group_by: ["alertname"],
          routes: [{ receiver: "hook", continue: true }, { receiver: "mail" }],
        },
        time_intervals: [],
      }),
    },
  });
  const rules = Array.from({ length: SAMPLES }, (_, i) => ({
    kind: "alert",
    name: `BenchLatency${i}`,
    expr: `bench_condition{sample="${i}"} > 0`,
    forMs: 0,
    keepFiringForMs: 0,
    labels: {},
    annotations: {},
    noData: "ok",
    onError: "ok",
  }));
  const group = await database.db.alertRuleGroup.create({
    data: { name: "bench-latency", intervalMs: INTERVAL_MS, rules: JSON.stringify(rules) },
  });
  await markAlertGroup(database, group.id);

  const worker = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    env: { ...process.env, DATABASE_URL: url, VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const conditionAt = new Map<string, number>();
  try {
    await new Promise((r) => setTimeout(r, 5000)); // the worker starts
    log(`alerts: ${SAMPLES} conditions over ${(SAMPLES * 1.3).toFixed(0)} s, then waiting for delivery…`);
    for (let i = 0; i < SAMPLES; i++) {
      const at = Date.now();
      await database.raw.batch(
        await pointStatements(database, [
          { name: "bench_condition", labels: { sample: String(i) }, ts: at, value: 1 },
        ]),
      );
      conditionAt.set(`BenchLatency${i}`, at);
      await new Promise((r) => setTimeout(r, 1300)); // 1.3 s apart: every phase of the 10 s cycle
    }
    const deadline = Date.now() + INTERVAL_MS + GROUP_WAIT_MS + 60_000;
    while ((webhookAt.size < SAMPLES || mailAt.size < SAMPLES) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
  } finally {
    worker.kill("SIGTERM");
    server.close();
    smtp.close();
    await database.close();
  }
  const target = INTERVAL_MS + GROUP_WAIT_MS + 1000;
  const row = (what: string, received: Map<string, number>): BenchRow => {
    const latencies = [...conditionAt]
      .map(([name, at]) => (received.get(name) ?? Number.POSITIVE_INFINITY) - at)
      .sort((a, b) => a - b);
    const p50 = quantile(latencies, 0.5);
    const p99 = quantile(latencies, 0.99);
    return {
      measure: `alert condition true → ${what} received (${received.size}/${SAMPLES}; eval 10 s, group_wait 30 s)`,
      vigil: `p50 ${(p50 / 1000).toFixed(1)} s, p99 ${(p99 / 1000).toFixed(1)} s`,
      baseline: `${target / 1000} s (eval interval + group_wait + 1 s)`,
      ratio: `p99 ${((p99 / target) * 100).toFixed(0)}%`,
      target: `p99 ≤ ${target / 1000} s`,
      pass: p99 <= target,
    };
  };
  return [row("webhook", webhookAt), row("SMTP", mailAt)];
}
