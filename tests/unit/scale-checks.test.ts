// The multi-replica run's pure verdicts: notifications against the evaluator's transitions (check c), the
// soak's windows and limits, the kill plan and the command line.
import { describe, expect, it } from "vitest";
import { parseArgs } from "@/scripts/scale/args";
import { planKills } from "@/scripts/scale/chaos-plan";
import { checkNotifications, labelKey, notificationsOk } from "@/scripts/scale/notifications-check";
import { readerRequest } from "@/scripts/scale/readers";
import { maxMetric, metricByLabel } from "@/scripts/scale/sampler";
import { analyseSoak, type Sample, soakWindows } from "@/scripts/scale/soak-analysis";

const traffic = { alertname: "ScaleTraffic", version: "v1" };
const warming = { alertname: "ScaleWarmingUp" };
const alert = (labels: Record<string, string>, status: string) => ({ labels, status, fingerprint: "f" });

describe("checkNotifications", () => {
  const transitions = [
    { labels: traffic, fromState: "inactive", toState: "firing" },
    { labels: warming, fromState: "inactive", toState: "pending" },
    { labels: warming, fromState: "pending", toState: "firing" },
    { labels: warming, fromState: "firing", toState: "inactive" },
  ];

  it("passes when each firing and resolution arrived once; redeliveries of one id are counted apart", () => {
    const c = checkNotifications(
      [
        { id: "n1", alerts: [alert(traffic, "firing")] },
        { id: "n2", alerts: [alert({ alertname: "ScaleWarmingUp" }, "firing")] },
        { id: "n2", alerts: [alert(warming, "firing")] },
        { id: "n3", alerts: [alert(warming, "resolved")] },
      ],
      transitions,
    );
    expect(c).toMatchObject({ deliveries: 4, notifications: 3, redeliveries: 1, alerts: 2 });
    expect(c).toMatchObject({
      expectedFiring: 2,
      expectedResolved: 1,
      duplicates: [],
      lost: [],
      unexpected: [],
    });
    expect(notificationsOk(c, 1)).toBe(true);
    expect(notificationsOk(c, 0)).toBe(false); // more redeliveries than worker crashes
  });

  it("finds duplicates, lost resolutions and alerts that never fired", () => {
    const c = checkNotifications(
      [
        { id: "n1", alerts: [alert(traffic, "firing")] },
        { id: "n2", alerts: [alert(traffic, "firing"), alert(warming, "firing")] },
        { id: "n3", alerts: [alert({ alertname: "Other" }, "firing")] },
      ],
      transitions,
    );
    expect(c.duplicates).toEqual([`${labelKey(traffic)} firing ×2, happened 1×`]);
    expect(c.lost).toEqual([`${labelKey(warming)} resolved: 0 of 1`]);
    expect(c.unexpected).toEqual([`${labelKey({ alertname: "Other" })} firing ×1`]);
    expect(notificationsOk(c, 10)).toBe(false);
  });

  it("keys alerts by their label set, whatever the label order", () => {
    expect(labelKey({ b: "2", a: "1" })).toBe(labelKey({ a: "1", b: "2" }));
  });

  it("fails when nothing fired at all", () => {
    expect(notificationsOk(checkNotifications([], []), 0)).toBe(false);
  });
});

describe("soak", () => {
  it("warms up 5 minutes and compares 5-minute windows in a 30-minute soak, scaled down for short ones", () => {
    expect(soakWindows(30 * 60_000)).toEqual({
      warmupMs: 300_000,
      windowMs: 300_000,
      first: [300_000, 600_000],
      last: [1_500_000, 1_800_000],
    });
    expect(soakWindows(10 * 60_000)).toEqual({
      warmupMs: 180_000,
      windowMs: 210_000,
      first: [180_000, 390_000],
      last: [390_000, 600_000],
    });
  });

  it("warms up until the load is steady (the drift reference closed, the readers' ranges full), at most half the run", () => {
    // 30 minutes: the reference closes at 6 min, the readers' 5-minute ranges after it are full at 11 min.
    expect(soakWindows(30 * 60_000, 11 * 60_000)).toEqual({
      warmupMs: 660_000,
      windowMs: 300_000,
      first: [660_000, 960_000],
      last: [1_500_000, 1_800_000],
    });
    expect(soakWindows(10 * 60_000, 7 * 60_000).warmupMs).toBe(300_000);
  });

  const samples = (rss: (t: number) => number, pending: (t: number) => number): Sample[] =>
    Array.from({ length: 181 }, (_, i) => ({
      t: i * 10_000,
      rssKb: { "web-1": rss(i * 10_000) },
      pendingJobs: pending(i * 10_000),
      shadowBacklog: 0,
      jobLagSeconds: 1,
      jobLagByKind: { "quality-window": 1 },
    }));
  const ingest = (ms: (t: number) => number) =>
    Array.from({ length: 1800 }, (_, i) => ({ t: i * 1000, ms: ms(i * 1000) * (1 + (i % 10) / 10) }));
  const verdict = (r: ReturnType<typeof analyseSoak>, name: string) =>
    r.verdicts.find((v) => v.name === name)!;

  it("passes a flat run", () => {
    const r = analyseSoak(
      samples(
        () => 200_000,
        () => 3,
      ),
      ingest(() => 50),
      30 * 60_000,
    );
    expect(r.verdicts.every((v) => v.ok)).toBe(true);
    expect(verdict(r, "RSS web-1").detail).toBe("195.3 → 195.3 MB (+0.0 %, limit ±10 %)");
  });

  it("fails growing memory, a growing backlog and a slower p99", () => {
    const r = analyseSoak(
      samples(
        (t) => 200_000 + t / 10,
        (t) => t / 10_000,
      ),
      ingest((t) => (t > 1_500_000 ? 80 : 50)),
      30 * 60_000,
    );
    expect(verdict(r, "RSS web-1").ok).toBe(false);
    expect(verdict(r, "job backlog (pendingJobs)").ok).toBe(false);
    expect(verdict(r, "job lag (max vigil_job_lag_seconds)").ok).toBe(true);
    expect(verdict(r, "ingest p99").ok).toBe(false);
  });
});

describe("planKills", () => {
  it("kills one worker and then one web process in the middle of the run, each down a few seconds", () => {
    const values = [0.99, 0, 0.5, 0.5, 1 - 1e-9, 1 - 1e-9];
    const kills = planKills(60_000, { workers: 3, webs: 2 }, () => values.shift()!);
    expect(kills).toEqual([
      { role: "worker", index: 2, atMs: 12_000, downMs: 4500 },
      { role: "web", index: 1, atMs: 45_000, downMs: 6000 },
    ]);
    for (let i = 0; i < 100; i++) {
      const [w, web] = planKills(60_000, { workers: 3, webs: 2 });
      expect(w!.atMs + w!.downMs).toBeLessThan(web!.atMs);
      expect(web!.atMs).toBeLessThanOrEqual(45_000);
    }
  });
});

describe("parseArgs", () => {
  it("has the documented defaults, the soak at half the rate", () => {
    expect(parseArgs([])).toMatchObject({
      minutes: 5,
      rate: 1000,
      soak: false,
      keep: false,
      readers: 20,
      compare: true,
    });
    expect(parseArgs(["--soak"])).toMatchObject({ minutes: 30, rate: 500, soak: true });
    expect(
      parseArgs(["--minutes", "1", "--rate=200", "--keep", "--database", "postgresql://u@h:5432/x"]),
    ).toMatchObject({
      minutes: 1,
      rate: 200,
      keep: true,
      adminUrl: "postgresql://u@h:5432/x",
    });
  });

  it("refuses bad options, naming them", () => {
    expect(() => parseArgs(["--rate", "fast"])).toThrow("--rate must be a number");
    expect(() => parseArgs(["--minutes"])).toThrow("--minutes needs a value");
    expect(() => parseArgs(["--database", "file:x.db"])).toThrow("--database must be a postgresql:// URL");
    expect(() => parseArgs(["--speed", "1"])).toThrow("unknown option --speed");
    expect(() => parseArgs(["5"])).toThrow('unexpected argument "5"');
  });
});

describe("maxMetric", () => {
  it("takes the largest sample of one metric from the exposition", () => {
    const text = [
      "# HELP vigil_job_lag_seconds how long",
      'vigil_job_lag_seconds{kind="quality-window"} 2.5',
      'vigil_job_lag_seconds{kind="shadow-run"} 7',
      "vigil_job_lag_seconds_other 99",
    ].join("\n");
    expect(maxMetric(text, "vigil_job_lag_seconds")).toBe(7);
    expect(maxMetric(text, "vigil_workers")).toBeNull();
    expect(metricByLabel(text, "vigil_job_lag_seconds", "kind")).toEqual({
      "quality-window": 2.5,
      "shadow-run": 7,
    });
  });
});

describe("readerRequest", () => {
  const c = { shadowId: 7, experimentKey: "scale-ab", referenceFrom: 0, referenceTo: 60_000 };

  it("goes round the dashboard's endpoints", () => {
    const names = Array.from({ length: 7 }, (_, turn) => readerRequest(turn, 600_000, c).name);
    expect(names).toEqual(["models", "quality", "drift", "query_range", "experiment", "shadow", "models"]);
    expect(readerRequest(5, 600_000, c).path).toBe(
      "/api/v1/shadows/7/comparison?from=1970-01-01T00%3A05%3A00.000Z&to=1970-01-01T00%3A10%3A00.000Z",
    );
  });

  it("asks for drift of the last 5 minutes after the reference, and lists models before there are any", () => {
    expect(readerRequest(2, 62_000, c).name).toBe("models");
    const drift = new URL(`http://x${readerRequest(2, 120_000, c).path}`);
    expect(Object.fromEntries(drift.searchParams)).toEqual({
      from: "1970-01-01T00:01:00.000Z",
      to: "1970-01-01T00:02:00.000Z",
      referenceFrom: "1970-01-01T00:00:00.000Z",
      referenceTo: "1970-01-01T00:01:00.000Z",
    });
  });
});
