// `npm run vigil -- test-rules FILE`: unit tests for rule files in the format of `promtool test rules`
// (Prometheus 2.42 cmd/promtool/unittest.go) — input series in the expanding notation, alerts expected at
// eval times, PromQL expressions with expected samples — run with the same rule engine the worker uses.
import { parse as parseYaml } from "yaml";
import { parse } from "../promql";
import { instantQuery } from "../promql/eval";
import { MemSource } from "../promql/memory-source";
import { expandValues, parseSeriesSelector } from "../promql/series-notation";
import { emptyRuleState, evaluateGroup, type RuleState } from "./group-eval";
import { localQuery } from "./query-local";
import { formatRuleDuration, parseRuleDuration, type RuleGroupConfig } from "./rule-config";
import { formatProblem, parseRuleFile } from "./rule-file";
import { templateExpander } from "./template";

type Raw = Record<string, unknown>;
const asList = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);
const asMap = (v: unknown): Record<string, string> =>
  typeof v === "object" && v !== null
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]))
    : {};

export interface RuleTestReport {
  ok: boolean;
  /** promtool's text: "Unit Testing:  FILE\n  SUCCESS" or the failures */
  text: string;
}

function duration(value: unknown, fallback: number, what: string): number {
  if (value === undefined || value === null) return fallback;
  const ms = parseRuleDuration(value);
  if (ms === null) throw new Error(`${what}: "${String(value)}" is not a duration`);
  return ms;
}

function formatLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  return `{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(", ")}}`;
}

/** Go's time.Duration String() ("4m0s"), as promtool prints times of rule errors. */
function formatGoDuration(ms: number): string {
  if (ms === 0) return "0s";
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ""}${h || m ? `${m}m` : ""}${s}s`;
}

const alertKey = (a: { labels: Record<string, string>; annotations: Record<string, string> }) =>
  `${formatLabels(a.labels)} ${formatLabels(a.annotations)}`;

/** Runs one test group; returns its failures (empty when it passes). */
async function runTestGroup(test: Raw, groups: RuleGroupConfig[], evalInterval: number): Promise<string[]> {
  const errors: string[] = [];
  const interval = duration(test.interval, 60_000, "interval");
  const source = new MemSource();
  for (const s of asList(test.input_series)) {
    const labels = parseSeriesSelector(String(s.series ?? ""));
    expandValues(String(s.values ?? "")).forEach((v, i) => {
      if (v !== undefined) source.add(labels, i * interval, v);
    });
  }
  const expand = templateExpander({
    externalLabels: asMap(test.external_labels),
    externalURL: typeof test.external_url === "string" ? test.external_url : "",
  });
  const alertTests = asList(test.alert_rule_test).map((t) => ({
    at: duration(t.eval_time, 0, "eval_time"),
    alertname: String(t.alertname ?? ""),
    expected: asList(t.exp_alerts).map((a) => ({
      labels: { ...asMap(a.exp_labels), alertname: String(t.alertname ?? "") },
      annotations: asMap(a.exp_annotations),
    })),
  }));
  const exprTests = asList(test.promql_expr_test);
  const maxAt = Math.max(
    0,
    ...alertTests.map((t) => t.at),
    ...exprTests.map((t) => duration(t.eval_time, 0, "eval_time")),
  );
  const times = [...new Set(alertTests.map((t) => t.at))].sort((a, b) => a - b);
  const query = localQuery(source);
  const io = {
    query,
    expand,
    write: async (
      samples: Array<{ labels: Record<string, string>; value: number }>,
      stale: Array<Record<string, string>>,
      at: number,
    ) => {
      for (const s of samples) source.add(s.labels, at, s.value);
      for (const labels of stale) source.add(labels, at, "stale");
    },
  };
  const states: RuleState[][] = groups.map((g) => g.rules.map(() => emptyRuleState()));
  let curr = 0;
  for (let ts = 0; ts <= maxAt; ts += evalInterval) {
    for (const [gi, group] of groups.entries()) {
      const result = await evaluateGroup(group, states[gi] ?? [], ts, io);
      states[gi] = result.states;
      const failed = result.states.flatMap((st, ri) =>
        st.lastError
          ? [`    rule: ${group.rules[ri]?.name}, time: ${formatGoDuration(ts)}, err: ${st.lastError}`]
          : [],
      );
      if (failed.length > 0) return [...errors, ...failed];
    }
    // Alerts expected at eval_time t are compared with the evaluation at ts when ts ≤ t < ts + interval.
    while (
      curr < times.length &&
      (times[curr] as number) >= ts &&
      (times[curr] as number) < ts + evalInterval
    ) {
      const t = times[curr] as number;
      for (const testCase of alertTests.filter((x) => x.at === t)) {
        const got = groups.flatMap((g, gi) =>
          g.rules.flatMap((r, ri) =>
            r.kind === "alert" && r.name === testCase.alertname
              ? [...(states[gi]?.[ri]?.alerts.values() ?? [])]
                  .filter((a) => a.state === "firing")
                  .map((a) => ({ labels: a.labels, annotations: a.annotations }))
              : [],
          ),
        );
        const gotKeys = got.map(alertKey).sort();
        const expKeys = testCase.expected.map(alertKey).sort();
        if (JSON.stringify(gotKeys) !== JSON.stringify(expKeys))
          errors.push(
            `    alertname: ${testCase.alertname}, time: ${formatRuleDuration(t)}, \n        exp:[${expKeys.join(", ")}], \n        got:[${gotKeys.join(", ")}]`,
          );
      }
      curr++;
    }
  }
  for (const t of exprTests) {
    const at = duration(t.eval_time, 0, "eval_time");
    const expr = String(t.expr ?? "");
    let got: string[];
    try {
      const r = await instantQuery(source, parse(expr), at);
      got =
        r.resultType === "vector"
          ? r.result.map((s) => `${formatLabels(s.metric)} ${s.value[1]}`)
          : r.resultType === "scalar"
            ? [`{} ${r.result[1]}`]
            : [];
    } catch (error) {
      errors.push(
        `    expr: ${JSON.stringify(expr)}, time: ${formatRuleDuration(at)}, err: ${(error as Error).message}`,
      );
      continue;
    }
    const exp = asList(t.exp_samples).map(
      (s) => `${formatLabels(s.labels ? parseSeriesSelector(String(s.labels)) : {})} ${Number(s.value)}`,
    );
    if (JSON.stringify([...got].sort()) !== JSON.stringify([...exp].sort()))
      errors.push(
        `    expr: ${JSON.stringify(expr)}, time: ${formatRuleDuration(at)},\n        exp: [${exp.sort().join(", ")}]\n        got: [${got.sort().join(", ")}]`,
      );
  }
  return errors;
}

/**
 * Runs a test file. `readRuleFile` resolves the names in `rule_files` (relative to the test file in the CLI).
 */
export async function runRuleTests(
  name: string,
  text: string,
  readRuleFile: (path: string) => string,
): Promise<RuleTestReport> {
  const header = `Unit Testing:  ${name}`;
  try {
    const raw = parseYaml(text) as Raw | null;
    if (!raw || typeof raw !== "object") throw new Error("the test file must be a YAML map");
    const groups: RuleGroupConfig[] = [];
    const problems: string[] = [];
    for (const file of asList(raw.rule_files) as unknown as string[]) {
      const parsed = parseRuleFile(readRuleFile(String(file)));
      problems.push(...parsed.problems.map((p) => `    ${file}: ${formatProblem(p)}`));
      groups.push(...parsed.groups);
    }
    if (problems.length > 0) return { ok: false, text: `${header}\n  FAILED:\n${problems.join("\n")}` };
    const order = asList(raw.group_eval_order) as unknown as string[];
    if (order.length > 0) groups.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    const evalInterval = duration(raw.evaluation_interval, 60_000, "evaluation_interval");
    const failures: string[] = [];
    for (const test of asList(raw.tests)) failures.push(...(await runTestGroup(test, groups, evalInterval)));
    return failures.length === 0
      ? { ok: true, text: `${header}\n  SUCCESS` }
      : { ok: false, text: `${header}\n  FAILED:\n${failures.join("\n")}` };
  } catch (error) {
    return { ok: false, text: `${header}\n  FAILED:\n    ${(error as Error).message}` };
  }
}
