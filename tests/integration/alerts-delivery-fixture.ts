// Shared set-up of the delivery tests: a rule group whose rule states the test writes directly (what the
// evaluator would have saved), contact points, and a real HTTP receiver that records what arrives and can be
// told to answer with an error or to be down.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { serializeRuleState } from "@/lib/alerts/rule-state-json";
import type { Alert } from "@/lib/alerts/state";
import { fingerprint } from "@/lib/alerts/state";
import type { Database } from "@/lib/db/client";

export interface FakeAlert {
  labels: Record<string, string>;
  firedAt: number;
  resolvedAt?: number;
  value?: number;
}

export async function createRuleGroup(
  database: Database,
  name: string,
  ruleNames: string[],
): Promise<number> {
  const rules = ruleNames.map((r) => ({
    kind: "alert",
    name: r,
    expr: `vigil_test_metric{rule="${r}"} > 1`,
    forMs: 0,
    keepFiringForMs: 0,
    labels: {},
    annotations: {},
    noData: "ok",
    onError: "ok",
  }));
  const row = await database.db.alertRuleGroup.create({
    data: { name, intervalMs: 10_000, rules: JSON.stringify(rules) },
  });
  return row.id;
}

/** Writes one rule's state as the evaluator would: firing alerts, and resolved ones (inactive + resolvedAt). */
export async function setRuleAlerts(database: Database, groupId: number, rule: string, alerts: FakeAlert[]) {
  const map = new Map<string, Alert>();
  for (const a of alerts) {
    const labels: Record<string, string> = { ...a.labels, alertname: rule };
    map.set(fingerprint(labels), {
      labels,
      annotations: { summary: `${rule} on ${labels.model ?? "?"}` },
      state: a.resolvedAt === undefined ? "firing" : "inactive",
      value: a.value ?? 0.5,
      activeAt: a.firedAt,
      firedAt: a.firedAt,
      resolvedAt: a.resolvedAt ?? null,
      keepFiringSince: null,
    });
  }
  const state = serializeRuleState({ alerts: map, written: new Map() });
  await database.db.alertRuleState.upsert({
    where: { groupId_rule: { groupId, rule } },
    create: { groupId, rule, state },
    update: { state },
  });
}

export async function createWebhookContactPoint(
  database: Database,
  name: string,
  url: string,
  sendResolved = true,
): Promise<number> {
  const row = await database.db.contactPoint.create({
    data: { name, kind: "webhook", settings: JSON.stringify({ url }), sendResolved },
  });
  return row.id;
}

export interface ReceivedRequest {
  at: number;
  path: string;
  id: string;
  body: Record<string, unknown>;
}

/** A webhook/Slack receiver: answers `mode` — 200, an error status (with Retry-After), or "down" (connection destroyed). */
export class Receiver {
  server: http.Server;
  url = "";
  received: ReceivedRequest[] = [];
  mode: { status: number; retryAfter?: string } | "down" = { status: 200 };
  /** requests answered with an error or cut, in order */
  refused: number[] = [];
  /** answer this much later (a slow receiver widens the window in which a sender can die mid-send) */
  delayMs = 0;

  constructor() {
    this.server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString("utf8");
      });
      req.on("end", () => {
        const at = Date.now();
        if (this.mode === "down") {
          this.refused.push(at);
          req.socket.destroy();
          return;
        }
        const { status, retryAfter } = this.mode;
        if (status >= 200 && status < 300)
          this.received.push({
            at,
            path: req.url ?? "",
            id: String(req.headers["x-vigil-notification-id"] ?? ""),
            body: JSON.parse(body) as Record<string, unknown>,
          });
        else this.refused.push(at);
        setTimeout(() => {
          res.writeHead(status, retryAfter ? { "retry-after": retryAfter } : {});
          res.end(status === 200 ? "ok" : status === 404 ? "no_service" : "error");
        }, this.delayMs);
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}
