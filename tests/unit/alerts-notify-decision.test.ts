// When a group notifies, table-driven after Alertmanager's notify_test.go TestDedupStageNeedsUpdate.
import { describe, expect, it } from "vitest";
import { needsUpdate, nextFlushAt, notificationKey, visibleAlerts } from "@/lib/alerts/notify-decision";

const set = (...xs: string[]) => new Set(xs);
const H = 3_600_000;

describe("needsUpdate (Alertmanager dedup stage)", () => {
  const cases: Array<{
    name: string;
    last: { at: number; firing: string[]; resolved: string[] } | null;
    firing: string[];
    resolved: string[];
    now?: number;
    sendResolved?: boolean;
    want: boolean;
  }> = [
    { name: "nothing sent yet, something firing", last: null, firing: ["a"], resolved: [], want: true },
    { name: "nothing sent yet, nothing firing", last: null, firing: [], resolved: ["a"], want: false },
    {
      name: "a new alert fires",
      last: { at: 0, firing: ["a"], resolved: [] },
      firing: ["a", "b"],
      resolved: [],
      want: true,
    },
    {
      name: "same alerts, before repeat_interval",
      last: { at: 0, firing: ["a", "b"], resolved: [] },
      firing: ["a", "b"],
      resolved: [],
      now: H,
      want: false,
    },
    {
      name: "same alerts, repeat_interval passed",
      last: { at: 0, firing: ["a"], resolved: [] },
      firing: ["a"],
      resolved: [],
      now: 4 * H,
      want: true,
    },
    {
      name: "fewer firing (one resolved), resolved notifications on",
      last: { at: 0, firing: ["a", "b"], resolved: [] },
      firing: ["a"],
      resolved: ["b"],
      want: true,
    },
    {
      name: "fewer firing, resolved notifications off",
      last: { at: 0, firing: ["a", "b"], resolved: [] },
      firing: ["a"],
      resolved: ["b"],
      sendResolved: false,
      want: false,
    },
    {
      name: "all resolved, resolved on",
      last: { at: 0, firing: ["a"], resolved: [] },
      firing: [],
      resolved: ["a"],
      want: true,
    },
    {
      name: "all resolved, resolved off: the log still forgets the firing alerts",
      last: { at: 0, firing: ["a"], resolved: [] },
      firing: [],
      resolved: ["a"],
      sendResolved: false,
      want: true,
    },
    {
      name: "all resolved and already said so",
      last: { at: 0, firing: [], resolved: ["a"] },
      firing: [],
      resolved: ["a"],
      now: 5 * H,
      want: false,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const last = c.last && {
        at: c.last.at,
        firing: set(...c.last.firing),
        resolved: set(...c.last.resolved),
      };
      expect(
        needsUpdate(
          last,
          { firing: set(...c.firing), resolved: set(...c.resolved) },
          c.now ?? 60_000,
          4 * H,
          c.sendResolved ?? true,
        ),
      ).toBe(c.want);
    });
});

describe("what a notification carries", () => {
  it("leaves resolved alerts out when resolved notifications are off", () => {
    const g = { firing: set(), resolved: set("a") };
    expect(visibleAlerts(g, true)).toBe(g);
    const v = visibleAlerts(g, false);
    expect(v.firing.size + v.resolved.size).toBe(0);
  });
});

describe("group timers", () => {
  const route = { groupWaitMs: 30_000, groupIntervalMs: 300_000 };
  it("waits group_wait after the group is created, then group_interval between flushes", () => {
    expect(
      nextFlushAt({ createdAt: 1_000_000, firstAlertActiveAt: 1_000_000, lastFlushAt: null }, route),
    ).toBe(1_030_000);
    expect(
      nextFlushAt({ createdAt: 1_000_000, firstAlertActiveAt: 1_000_000, lastFlushAt: 1_030_000 }, route),
    ).toBe(1_330_000);
  });
  it("flushes at once when the first alert has been active longer than group_wait", () => {
    expect(nextFlushAt({ createdAt: 1_000_000, firstAlertActiveAt: 900_000, lastFlushAt: null }, route)).toBe(
      1_000_000,
    );
  });
});

describe("notification keys", () => {
  it("are equal for the same content in the same interval, different otherwise", () => {
    const g = { firing: set("b", "a"), resolved: set() };
    const k = notificationKey("slack", "0:{}", g, 1_000, 300_000);
    expect(
      notificationKey("slack", "0:{}", { firing: set("a", "b"), resolved: set() }, 299_000, 300_000),
    ).toBe(k);
    expect(notificationKey("slack", "0:{}", g, 301_000, 300_000)).not.toBe(k);
    expect(notificationKey("email", "0:{}", g, 1_000, 300_000)).not.toBe(k);
    expect(
      notificationKey("slack", "0:{}", { firing: set("a"), resolved: set("b") }, 1_000, 300_000),
    ).not.toBe(k);
  });
});
