// The rule-group evaluation job (`alert-eval:<groupId>`), one per group. As Prometheus' rule manager, each
// group is evaluated on a fixed grid: every `interval`, shifted by a per-group offset (a hash of the group), so
// evaluations happen at stable times and groups spread over the interval. The job evaluates the latest slot
// that has come, then marks itself due at the next one; a worker that was down for several intervals evaluates
// once, at the latest slot, and counts the slots it missed (Prometheus skips them too). The job's lease makes
// one worker evaluate a group at a time; the slot check (latest evaluation already at this slot → skip) makes
// a slot evaluated once even when the job is marked again meanwhile (an edit, a restart).
import { env } from "../config/env";
import type { Database } from "../db/client";
import { ALERT_EVAL_JOB, markAlertEval } from "../jobs/mark";
import { parse } from "../promql";
import type { Expr } from "../promql/ast";
import { storeSource } from "../series/promql-source";
import { markAlertDispatch } from "./dispatch-job";
import { PendingWrites, withPendingWrites } from "./eval-overlay";
import { prefetchedSource } from "./eval-prefetch";
import { type EvalGroup, loadEvalGroup, loadRuleStates, saveEvaluation } from "./eval-store";
import { evaluateGroup, type GroupEvalResult, type QueryFn, type RuleState } from "./group-eval";
import { localQuery } from "./query-local";
import { remoteQuery } from "./query-remote";
import { templateExpander } from "./template";

export { ALERT_EVAL_JOB };

/** (Re)schedules the group's evaluation at `at` (default now): after a create, an edit or an unpause. */
export async function markAlertGroup(database: Database, groupId: number, at?: number): Promise<void> {
  await database.raw.batch(markAlertEval(database.raw, groupId, at ?? Date.now()));
}

/** FNV-1a (64-bit) of the text: the group's offset within its interval, stable across restarts and workers. */
function hash64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h;
}

export function groupOffsetMs(groupId: number, intervalMs: number): number {
  return Number(hash64(`alert-group:${groupId}`) % BigInt(Math.max(1, Math.round(intervalMs))));
}

/** The latest evaluation slot at or before `now` (Prometheus' Group.EvalTimestamp). */
export function slotAt(now: number, intervalMs: number, offsetMs: number): number {
  return Math.floor((now - offsetMs) / intervalMs) * intervalMs + offsetMs;
}

export interface EvaluationEvent {
  groupId: number;
  at: number;
  durationMs: number;
  /** slots between the previous evaluation and this one that were not evaluated (worker down, backlog) */
  missed: number;
}

/** Counters since the process started (worker log, /health, tests). */
export const alertEvalMetrics = { evaluations: 0, missedIterations: 0, skippedAlreadyEvaluated: 0 };
const listeners = new Set<(e: EvaluationEvent) => void>();

/** Calls `listener` after every saved evaluation of this process; returns the unsubscribe function. */
export function observeEvaluations(listener: (e: EvaluationEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function parsedExprs(group: EvalGroup): Expr[] {
  return group.config.rules.flatMap((rule) => {
    try {
      return [parse(rule.expr)];
    } catch {
      return []; // the rule's own query reports the error
    }
  });
}

/**
 * The group's query function: the external source, or Vigil's store — the metrics the group's rules share
 * read once (eval-prefetch.ts), this evaluation's outputs on top (eval-overlay.ts).
 */
async function queryFor(
  database: Database,
  group: EvalGroup,
  pending: PendingWrites,
  at: number,
): Promise<QueryFn> {
  if (group.config.datasource !== null) return remoteQuery(database, group.config.datasource);
  const store = await prefetchedSource(storeSource(database), parsedExprs(group), at);
  return localQuery(withPendingWrites(store, pending), { timeoutMs: env().VIGIL_QUERY_TIMEOUT_MS });
}

/**
 * Evaluates every rule of the group at `at` from the given previous states and saves the result (states,
 * transitions, series) in one transaction. Exported for the parity test and the benchmark, which evaluate at
 * times of their choosing; the job below evaluates at the group's slots.
 */
export async function runGroupEvaluation(
  database: Database,
  group: EvalGroup,
  previous: readonly RuleState[],
  at: number,
): Promise<GroupEvalResult> {
  const pending = new PendingWrites();
  const result = await evaluateGroup(group.config, previous, at, {
    query: await queryFor(database, group, pending, at),
    expand: templateExpander({ externalURL: env().VIGIL_PUBLIC_URL }),
    write: async (samples, stale, ts) => pending.add(samples, stale, ts),
  });
  await saveEvaluation(database, group, result, pending.list());
  return result;
}

/** The processor: evaluate the latest slot (unless done already) and schedule the next one. */
export async function evaluateAlertGroup(
  database: Database,
  payload: { groupId: number },
  opts: { now?: number } = {},
): Promise<void> {
  const group = await loadEvalGroup(database, payload.groupId);
  if (!group || group.paused) return; // deleted or paused: the job ends; unpausing marks it again
  const now = opts.now ?? Date.now();
  const interval = group.config.intervalMs;
  const slot = slotAt(now, interval, groupOffsetMs(group.id, interval));
  const loaded = await loadRuleStates(database, group);
  const done = loaded.lastEvalAt !== null && loaded.lastEvalAt >= slot;
  // Marked before evaluating, so an edit saved during the evaluation still triggers a run of its own.
  const next = Math.max(slot, done ? (loaded.lastEvalAt as number) : slot) + interval;
  await database.raw.batch(markAlertEval(database.raw, group.id, next, now));
  if (done) {
    alertEvalMetrics.skippedAlreadyEvaluated++;
    return;
  }
  const missed =
    loaded.lastEvalAt === null ? 0 : Math.max(0, Math.floor((slot - loaded.lastEvalAt) / interval) - 1);
  const started = performance.now();
  await runGroupEvaluation(database, group, loaded.states, slot);
  const event = { groupId: group.id, at: slot, durationMs: performance.now() - started, missed };
  alertEvalMetrics.evaluations++;
  alertEvalMetrics.missedIterations += missed;
  if (missed > 0)
    console.error(`[alerts] group ${group.id} "${group.config.name}": ${missed} evaluation(s) missed`);
  for (const listener of listeners) listener(event);
  await markAlertDispatch(database);
}
