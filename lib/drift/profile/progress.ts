// Progress of an upload, written to its profile row at most once per interval (the first time at once), so
// GET …/reference shows bytes and rows growing without a database write per chunk.

export const PROGRESS_INTERVAL_MS = 1000;

export class Progress {
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly write: () => Promise<void>,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Writes when the interval has passed since the last write. */
  async tick(): Promise<void> {
    const t = this.now();
    if (t - this.last < this.intervalMs) return;
    this.last = t;
    await this.write();
  }
}
