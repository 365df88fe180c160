// Parity with Prometheus (issue 7, item 4): Debian's Prometheus 2.42 scrapes a scripted exposition endpoint
// every second, evaluates a rule file every second (for, keep_firing_for, label templates, absent(), rate(),
// a recording rule feeding an alert) and remote-writes the scraped samples (stale markers included) to Vigil.
// Vigil then evaluates the same rule file over those samples at Prometheus' own evaluation timestamps (read
// from a `vector(1)` recording rule's samples), and the ALERTS / ALERTS_FOR_STATE / recorded series of both
// must be identical at every evaluation.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGroupEvaluation } from "@/lib/alerts/eval-job";
import { loadEvalGroup } from "@/lib/alerts/eval-store";
import { emptyRuleState, type RuleState } from "@/lib/alerts/group-eval";
import { parseRuleFile } from "@/lib/alerts/rule-file";
import { postRemoteWrite } from "@/lib/api/remote-write-route";
import type { Database } from "@/lib/db/client";
import { serveWebHandler } from "@/lib/http/node-adapter";
import { parse } from "@/lib/promql";
import { instantQuery } from "@/lib/promql/eval";
import { storeSource } from "@/lib/series/promql-source";
import { TEST_API_KEY, useTestDatabase } from "../helpers/database";
import { freePort, hasPrometheus, type RunningPrometheus, startPrometheus } from "../helpers/prometheus";

const SCRIPT_S = 44;
const available = hasPrometheus() || process.env.CI === "true";

const RULES = `groups:
  - name: parity
    rules:
      - record: parity_tick
        expr: vector(1)
      - record: model:demo_latency:avg
        expr: avg by (model) (demo_latency_seconds)
      - alert: HighLatency
        expr: model:demo_latency:avg > 0.5
        for: 3s
        labels:
          severity: page
          owner: "team-{{ $labels.model }}"
      - alert: LowAccuracy
        expr: demo_accuracy < 0.8
        for: 2s
        keep_firing_for: 4s
      - alert: NoPredictions
        expr: absent(demo_predictions_total{model="rec"})
        for: 2s
      - alert: ErrorRate
        expr: rate(demo_errors_total[5s]) > 0.5
        labels:
          level: '{{ if gt $value 2.0 }}high{{ else }}low{{ end }}'
`;

/** Seconds of quiet start (nothing alerting), so Vigil's samples cover every window before the first alert. */
const QUIET_S = 14;

/** The scripted values, by whole seconds `e` since the end of the quiet start. */
function exposition(e: number, scrapes: number, errors: number): string {
  const lines = [
    `demo_latency_seconds{model="a"} ${e >= 4 && e < 14 && e !== 9 ? 0.9 : 0.2}`,
    `demo_latency_seconds{model="b"} ${e >= 8 && e < 20 ? 0.7 : 0.1}`,
    `demo_accuracy{model="a"} ${(e >= 5 && e < 9) || e === 12 || (e >= 18 && e < 20) ? 0.7 : 0.95}`,
    `demo_errors_total ${errors}`,
  ];
  // Vanishes for 7 s: Prometheus writes stale markers, absent() turns true.
  if (e < 12 || e >= 19) lines.push(`demo_predictions_total{model="rec"} ${scrapes * 2}`);
  return `${lines.join("\n")}\n`;
}

type Matrix = Array<{ metric: Record<string, string>; values: Array<[number, string]> }>;

/** "labels @ ts = value" lines of a raw range selection, for comparing both sides. */
function samples(matrix: Matrix, times: Set<number> | null): string[] {
  const out: string[] = [];
  for (const s of matrix) {
    const labels = Object.entries(s.metric)
      .sort()
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    for (const [t, v] of s.values) {
      const ms = Math.round(Number(t) * 1000);
      if (!times || times.has(ms)) out.push(`${ms} ${labels} ${v}`);
    }
  }
  return out.sort();
}

describe.skipIf(!available)("alerting parity with Prometheus 2.42", () => {
  let database: Database;
  let prometheus: RunningPrometheus;
  const servers: Server[] = [];
  let startedAt = 0;
  let ruleDir = "";

  beforeAll(async () => {
    database = await useTestDatabase();
    startedAt = Number.POSITIVE_INFINITY; // the script starts once Prometheus is up; quiet until then
    const vigilPort = await freePort();
    const vigil = createServer((req, res) => {
      serveWebHandler(req, res, postRemoteWrite, 5 * 1024 * 1024).catch(() => res.destroy());
    });
    const targetPort = await freePort();
    let scrapes = 0;
    let errors = 0;
    const target = createServer((_req, res) => {
      scrapes++;
      const e = Math.floor((Date.now() - startedAt) / 1000) - QUIET_S;
      if (e >= 6 && e < 14) errors += e < 10 ? 1 : 3;
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      res.end(exposition(e, scrapes, errors));
    });
    for (const [server, port] of [
      [vigil, vigilPort],
      [target, targetPort],
    ] as const) {
      await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
      servers.push(server);
    }
    ruleDir = mkdtempSync(join(tmpdir(), "vigil-parity-"));
    writeFileSync(join(ruleDir, "rules.yml"), RULES);
    prometheus = await startPrometheus({
      config: `global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: ["${join(ruleDir, "rules.yml")}"]
scrape_configs:
  - job_name: demo
    static_configs: [{ targets: ["127.0.0.1:${targetPort}"] }]
remote_write:
  - url: http://127.0.0.1:${vigilPort}/api/v1/write
    authorization: { credentials: "${TEST_API_KEY}" }
    queue_config: { batch_send_deadline: 1s, min_backoff: 100ms, max_backoff: 1s }
    write_relabel_configs: [{ source_labels: [__name__], regex: "demo_.*", action: keep }]
`,
    });
    startedAt = Date.now();
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    for (const s of servers) await new Promise((r) => s.close(r));
    if (ruleDir) rmSync(ruleDir, { recursive: true, force: true });
  });

  async function fromPrometheus(query: string, time: number): Promise<Matrix> {
    const params = new URLSearchParams({ query, time: (time / 1000).toFixed(3) });
    const body = (await (await fetch(`${prometheus.url}/api/v1/query?${params}`)).json()) as {
      status: string;
      data: { result: Matrix };
    };
    expect(body.status, query).toBe("success");
    return body.data.result;
  }

  async function fromVigil(query: string, time: number): Promise<Matrix> {
    const result = await instantQuery(storeSource(database), parse(query), time);
    if (result.resultType !== "matrix") throw new Error(`${query}: not a matrix`);
    return result.result.map((s) => ({
      metric: s.metric,
      values: s.values.map(([t, v]): [number, string] => [t / 1000, String(v)]),
    }));
  }

  it(
    "gives the same ALERTS, ALERTS_FOR_STATE and recorded series at Prometheus' evaluation times",
    async () => {
      await new Promise((r) => setTimeout(r, SCRIPT_S * 1000 - (Date.now() - startedAt)));
      const end = Date.now() - 3000;
      // Remote write trails the scrapes by up to its batch deadline: wait until Vigil holds a sample past `end`.
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
        const latest = await fromVigil("demo_accuracy[1m]", Date.now());
        const last = latest[0]?.values.at(-1)?.[0] ?? 0;
        if (last * 1000 > end + 1000) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      // Remote write starts a moment after the first scrapes, so Vigil may miss the very first samples: compare
      // from the first evaluation that Vigil's samples cover by more than the longest window (rate's 5s) and
      // at which Prometheus has no alert (so both sides start from the same, empty, state).
      const firsts = (await fromVigil('{__name__=~"demo_.*"}[10m]', end)).map((s) => s.values[0]![0] * 1000);
      const covered = Math.max(...firsts) + 6000;
      const alerting = new Set(
        samples(await fromPrometheus("ALERTS[10m]", end), null).map((line) => Number(line.split(" ")[0])),
      );
      const allTicks = (await fromPrometheus("parity_tick[10m]", end))[0]!.values.map(([t]) =>
        Math.round(Number(t) * 1000),
      );
      const start = allTicks.findIndex((t) => t >= covered && !alerting.has(t));
      const ticks = allTicks.slice(start);
      // The comparison starts before the first condition turns true (second 4 of the script) and runs to its end.
      expect(ticks[0]! - startedAt).toBeLessThan((QUIET_S + 4) * 1000);
      expect(ticks.length).toBeGreaterThanOrEqual(20);

      const parsed = parseRuleFile(RULES);
      expect(parsed.problems).toEqual([]);
      const config = parsed.groups[0]!;
      const row = await database.db.alertRuleGroup.create({
        data: { name: config.name, intervalMs: 1000, rules: JSON.stringify(config.rules) },
      });
      const group = (await loadEvalGroup(database, row.id))!;
      let states: RuleState[] = config.rules.map(() => emptyRuleState());
      let transitions = 0;
      for (const at of ticks) {
        const result = await runGroupEvaluation(database, group, states, at);
        states = result.states;
        transitions += result.transitions.length;
        expect(states.map((s) => s.lastError).filter(Boolean), `errors at ${at}`).toEqual([]);
      }

      const times = new Set(ticks);
      const report: string[] = [];
      let mismatched = 0;
      for (const query of ["ALERTS[10m]", "ALERTS_FOR_STATE[10m]", "model:demo_latency:avg[10m]"]) {
        const p = samples(await fromPrometheus(query, end), times);
        const v = samples(await fromVigil(query, end), times);
        const onlyP = p.filter((x) => !v.includes(x));
        const onlyV = v.filter((x) => !p.includes(x));
        mismatched += onlyP.length + onlyV.length;
        report.push(
          `${query}: ${p.length} samples from Prometheus, ${v.length} from Vigil, ${onlyP.length + onlyV.length} differ`,
        );
        expect({ query, onlyPrometheus: onlyP.slice(0, 10), onlyVigil: onlyV.slice(0, 10) }).toEqual({
          query,
          onlyPrometheus: [],
          onlyVigil: [],
        });
      }
      // Transitions per alert as seen in ALERTS (state at each evaluation, changes counted).
      const alerts = await fromPrometheus("ALERTS[10m]", end);
      const names = [...new Set(alerts.map((a) => a.metric.alertname))].sort();
      console.log(
        `[parity] Vigil's first remote-written samples ${Math.max(...firsts) - startedAt} ms after the start; ` +
          `${ticks.length} evaluations (${ticks[0]}…${ticks.at(-1)}), ${transitions} Vigil transitions, ` +
          `alerts seen: ${names.join(", ")}\n[parity] ${report.join("\n[parity] ")}\n[parity] mismatches: ${mismatched}`,
      );
      expect(names).toEqual(["ErrorRate", "HighLatency", "LowAccuracy", "NoPredictions"]);
    },
    SCRIPT_S * 1000 + 60_000,
  );
});
