// Runs parity cases against both engines and compares them; shared by the vitest file and the CLI.
import type { ParityCase } from "./cases";
import { compareResults, type Normalized, normalizePrometheus, normalizeVigil } from "./compare";
import type { PrometheusServer } from "./prometheus";
import type { LoadedEngine, MemorySource, VigilEngine } from "./vigil";

export interface CaseResult {
  case: ParityCase;
  pass: boolean;
  /** Why it failed (null when it passed). */
  reason: string | null;
  /** Prometheus did not do what the case says (errors where none expected or vice versa): a bad case. */
  badReference: string | null;
  prometheus: Normalized;
  vigil: Normalized | null;
}

/** One query may not hang the suite: the evaluator is async, so a stuck promise is cut off here. */
const VIGIL_TIMEOUT_MS = 10_000;

async function queryPrometheus(prom: PrometheusServer, c: ParityCase): Promise<Normalized> {
  const e = c.eval;
  const answer =
    e.type === "instant"
      ? await prom.instant(c.query, e.timeMs)
      : await prom.range(c.query, e.startMs, e.endMs, e.stepMs);
  return normalizePrometheus(answer);
}

async function queryVigil(engine: VigilEngine, source: MemorySource, c: ParityCase): Promise<Normalized> {
  let raw: unknown;
  try {
    const expr = engine.parse(c.query);
    const e = c.eval;
    const pending =
      e.type === "instant"
        ? engine.instantQuery(source, expr, e.timeMs)
        : engine.rangeQuery(source, expr, e.startMs, e.endMs, e.stepMs);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timeout after ${VIGIL_TIMEOUT_MS} ms`)), VIGIL_TIMEOUT_MS);
    });
    try {
      raw = await Promise.race([pending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } catch (err) {
    return { kind: "error", message: err instanceof Error ? err.message : String(err) };
  }
  // A malformed answer is not an "error" that could match a Prometheus error: it is a failure of its own.
  return normalizeVigil(raw);
}

function referenceCheck(c: ParityCase, ref: Normalized): string | null {
  if (c.expectError && ref.kind !== "error") return "case expects an error but Prometheus succeeded";
  if (!c.expectError && ref.kind === "error") return `Prometheus failed: ${ref.message}`;
  return null;
}

export async function runCase(
  c: ParityCase,
  prom: PrometheusServer,
  engine: LoadedEngine,
  source: MemorySource,
): Promise<CaseResult> {
  const prometheus = await queryPrometheus(prom, c);
  const badReference = referenceCheck(c, prometheus);
  if ("missing" in engine)
    return { case: c, pass: false, reason: engine.missing, badReference, prometheus, vigil: null };
  let vigil: Normalized;
  try {
    vigil = await queryVigil(engine, source, c);
  } catch (err) {
    const reason = `malformed Vigil result: ${err instanceof Error ? err.message : String(err)}`;
    return { case: c, pass: false, reason, badReference, prometheus, vigil: null };
  }
  const diff = compareResults(prometheus, vigil, c.ordered);
  const reason = badReference ? `bad case: ${badReference}` : diff;
  return { case: c, pass: reason === null, reason, badReference, prometheus, vigil };
}

/** Prometheus queries run a few at a time (they are HTTP round trips); Vigil's run in the same tasks. */
export async function runCases(
  cases: ParityCase[],
  prom: PrometheusServer,
  engine: LoadedEngine,
  source: MemorySource,
  concurrency = 8,
): Promise<CaseResult[]> {
  const results = new Array<CaseResult>(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runCase(cases[i]!, prom, engine, source);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
  return results;
}

export function scoreLine(results: CaseResult[]): string {
  const passed = results.filter((r) => r.pass).length;
  const pct = results.length === 0 ? 0 : (100 * passed) / results.length;
  return `PromQL parity: ${passed}/${results.length} (${pct.toFixed(1)}%)`;
}

export function describeEval(c: ParityCase): string {
  const e = c.eval;
  if (e.type === "instant") return `instant @${new Date(e.timeMs).toISOString()}`;
  return `range ${new Date(e.startMs).toISOString()}..${new Date(e.endMs).toISOString()} step ${e.stepMs / 1000}s`;
}

/** "id  query  — reason" lines, truncated to stay readable in test output. */
export function failureLines(results: CaseResult[], limit = Number.POSITIVE_INFINITY): string[] {
  const failed = results.filter((r) => !r.pass);
  const lines = failed.slice(0, limit).map((r) => {
    const q = r.case.query.length > 70 ? `${r.case.query.slice(0, 67)}...` : r.case.query;
    const why = (r.reason ?? "").slice(0, 160);
    return `  ${r.case.id}  ${q}  — ${why}`;
  });
  if (failed.length > limit) lines.push(`  … and ${failed.length - limit} more`);
  return lines;
}

/**
 * Parser-only agreement, useful before the evaluator lands: Vigil's parse() must accept what Prometheus
 * accepts and reject what it rejects with a "parse error" (API-level type errors of range queries excluded).
 */
export function parserAgreement(
  results: CaseResult[],
  parse: VigilEngine["parse"],
): { line: string; misses: string[] } {
  const byQuery = new Map<string, CaseResult>();
  for (const r of results) if (!byQuery.has(r.case.query)) byQuery.set(r.case.query, r);
  const misses: string[] = [];
  for (const [query, r] of byQuery) {
    const ref = r.prometheus;
    if (ref.kind === "error" && ref.message.includes("invalid expression type")) continue;
    const shouldReject = ref.kind === "error" && ref.message.includes("parse error");
    let rejected: string | null = null;
    try {
      parse(query);
    } catch (e) {
      rejected = e instanceof Error ? e.message : String(e);
    }
    if (shouldReject && rejected === null)
      misses.push(
        `  ${r.case.id}  ${query}  — accepted; Prometheus: ${ref.kind === "error" ? ref.message.slice(0, 100) : ""}`,
      );
    if (!shouldReject && rejected !== null)
      misses.push(`  ${r.case.id}  ${query}  — rejected: ${rejected.slice(0, 120)}`);
  }
  const total = byQuery.size;
  return { line: `PromQL parser agreement: ${total - misses.length}/${total} distinct queries`, misses };
}
