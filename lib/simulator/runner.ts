// Drives the generator against the API: generates slots up to "now", holds back every row whose time
// has not come yet (late labels, future clicks, the rest of the current minute), and sends what is due.
// Backfill and live mode are the same loop with a different clock.
import { type Send, sendRows } from "./client";
import { type Generated, generateSlot, SLOT_MS } from "./generate";
import { HOUR_MS, type Scenario } from "./scenario";

export interface Counts {
  predictions: number;
  labels: number;
  events: number;
}

export interface Progress {
  /** 0..1 of the backfilled span. */
  fraction: number;
  sent: Counts;
  elapsedMs: number;
}

function takeDue<T extends { timestamp: number }>(rows: T[], nowMs: number): { due: T[]; later: T[] } {
  const due: T[] = [];
  const later: T[] = [];
  for (const r of rows) (r.timestamp <= nowMs ? due : later).push(r);
  return { due, later };
}

export class Simulation {
  readonly sent: Counts = { predictions: 0, labels: 0, events: 0 };
  private nextSlotMs: number;
  private pending: Generated = { predictions: [], labels: [], events: [] };
  private anchorMs = 0;
  private speed = 1;

  private readonly concurrency: number;

  /** `startMs` (default: the scenario's origin) is the first instant to generate; live-only runs pass "now". */
  constructor(
    private readonly scenario: Scenario,
    private readonly seed: number,
    private readonly send: Send,
    opts: { concurrency?: number; startMs?: number } = {},
  ) {
    this.concurrency = opts.concurrency ?? 2;
    this.nextSlotMs = Math.floor((opts.startMs ?? scenario.originMs) / SLOT_MS) * SLOT_MS;
  }

  /**
   * From `anchorMs` on, scenario time runs `speed` times faster than the wall clock: a live demo at ×60
   * plays an hour of shop traffic per minute. Rows keep wall-clock timestamps, so nothing lies in the future.
   */
  setSpeed(speed: number, anchorMs: number): void {
    this.speed = speed;
    this.anchorMs = anchorMs;
  }

  private toScenario(wallMs: number): number {
    return wallMs <= this.anchorMs ? wallMs : this.anchorMs + (wallMs - this.anchorMs) * this.speed;
  }

  private toWall(scenarioMs: number): number {
    return scenarioMs <= this.anchorMs
      ? scenarioMs
      : Math.round(this.anchorMs + (scenarioMs - this.anchorMs) / this.speed);
  }

  /** Generates everything up to `nowMs` (wall clock), sends the rows that are due, keeps the rest. */
  async advance(nowMs: number): Promise<Counts> {
    const until = this.toScenario(nowMs);
    while (this.nextSlotMs < until) {
      const g = generateSlot(this.scenario, this.seed, this.nextSlotMs);
      for (const list of [g.predictions, g.labels, g.events])
        for (const row of list) row.timestamp = this.toWall(row.timestamp);
      this.pending.predictions.push(...g.predictions);
      this.pending.labels.push(...g.labels);
      this.pending.events.push(...g.events);
      this.nextSlotMs += SLOT_MS;
    }
    const p = takeDue(this.pending.predictions, nowMs);
    const l = takeDue(this.pending.labels, nowMs);
    const e = takeDue(this.pending.events, nowMs);
    this.pending = { predictions: p.later, labels: l.later, events: e.later };
    // Predictions first, as a real service would; the API also accepts labels that arrive before them.
    await sendRows(this.send, "/api/v1/predictions", "predictions", p.due, this.concurrency);
    await sendRows(this.send, "/api/v1/labels", "labels", l.due, this.concurrency);
    await sendRows(this.send, "/api/v1/events", "events", e.due, this.concurrency);
    const batch = { predictions: p.due.length, labels: l.due.length, events: e.due.length };
    this.sent.predictions += batch.predictions;
    this.sent.labels += batch.labels;
    this.sent.events += batch.events;
    return batch;
  }

  /** Rows generated but not yet due (labels still "in the mail"). */
  pendingCount(): number {
    return this.pending.predictions.length + this.pending.labels.length + this.pending.events.length;
  }

  /** Sends the history from the scenario's origin to `nowMs` hour by hour, reporting progress after each. */
  async backfill(nowMs: number, onProgress?: (p: Progress) => void): Promise<Counts> {
    const started = Date.now();
    const span = Math.max(1, nowMs - this.scenario.originMs);
    for (let t = this.scenario.originMs + HOUR_MS; ; t += HOUR_MS) {
      const until = Math.min(t, nowMs);
      await this.advance(until);
      onProgress?.({
        fraction: (until - this.scenario.originMs) / span,
        sent: { ...this.sent },
        elapsedMs: Date.now() - started,
      });
      if (until >= nowMs) return { ...this.sent };
    }
  }
}

export interface LiveOptions {
  tickMs?: number;
  signal?: AbortSignal;
  now?: () => number;
  /** Called after each tick with what it sent. */
  onTick?: (batch: Counts) => void;
}

/** Every `tickMs`, sends the predictions of the elapsed interval and the labels and events now due. */
export async function runLive(sim: Simulation, opts: LiveOptions = {}): Promise<void> {
  const tick = opts.tickMs ?? 5000;
  const now = opts.now ?? Date.now;
  while (!opts.signal?.aborted) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        opts.signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, tick);
      opts.signal?.addEventListener("abort", done, { once: true });
    });
    if (opts.signal?.aborted) return;
    opts.onTick?.(await sim.advance(now()));
  }
}
