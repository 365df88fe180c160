// Slack accepts one message per second per incoming webhook. The sender waits before each Slack message until a
// second has passed since the previous one to that contact point (one contact point holds one webhook URL).
// One sender runs at a time — the `alert-send` job is leased to one worker — and the previous send time comes
// from the database (the contact point's latest sentAt) the first time a run meets a contact point, so the
// spacing also holds when consecutive runs happen in different worker processes.
import type { Database } from "../db/client";

export const SLACK_MIN_SPACING_MS = 1000;

export class SlackPacer {
  private readonly last = new Map<number, number>();

  constructor(
    private readonly database: Database,
    private readonly clock: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  private async previous(contactPointId: number): Promise<number | null> {
    const known = this.last.get(contactPointId);
    if (known !== undefined) return known;
    const { raw } = this.database;
    const [row] = await raw.query<{ at: unknown }>(
      `SELECT MAX("sentAt") AS "at" FROM "AlertNotification" WHERE "contactPointId" = ? AND "status" = 'sent'`,
      [contactPointId],
    );
    return row?.at === null || row?.at === undefined ? null : raw.readTime(row.at);
  }

  /** Resolves when a message to this contact point may go. */
  async wait(contactPointId: number): Promise<void> {
    const previous = await this.previous(contactPointId);
    if (previous === null) return;
    const wait = previous + SLACK_MIN_SPACING_MS - this.clock();
    if (wait > 0) await this.sleep(wait);
  }

  /** Call right after a message went out (whatever the answer: Slack counts requests). */
  sent(contactPointId: number): void {
    this.last.set(contactPointId, this.clock());
  }
}
