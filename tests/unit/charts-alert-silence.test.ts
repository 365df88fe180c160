import { describe, expect, it } from "vitest";
import type { AlertInfo } from "@/lib/alerts/api-schemas";
import {
  describeSchedule,
  fromLocalInput,
  readMatchers,
  type SilenceForm,
  silenceRequest,
  toLocalInput,
  wouldMute,
} from "@/lib/charts/alert-silence";

const alert = (labels: Record<string, string>): AlertInfo => ({
  fingerprint: JSON.stringify(labels),
  labels,
  annotations: {},
  state: "firing",
  activeAt: "2025-01-01T00:00:00Z",
  firedAt: null,
  value: 1,
  rule: labels.alertname ?? "",
  groupId: 1,
  group: "g",
  silencedBy: [],
  inhibited: false,
});

describe("readMatchers", () => {
  it("parses braces or a bare list", () => {
    expect(readMatchers('{alertname="A", model=~"rank.*"}').matchers).toEqual([
      { name: "alertname", op: "=", value: "A" },
      { name: "model", op: "=~", value: "rank.*" },
    ]);
    expect(readMatchers("severity=critical").matchers).toEqual([
      { name: "severity", op: "=", value: "critical" },
    ]);
  });
  it("refuses empty, unparsable and match-everything matchers", () => {
    expect(readMatchers(" ").error).toMatch(/at least one matcher/);
    expect(readMatchers("{what}").error).toMatch(/is not a matcher/);
    expect(readMatchers('{a=~".*"}').error).toMatch(/mute everything/);
  });
});

describe("wouldMute", () => {
  it("keeps the alerts every matcher matches", () => {
    const alerts = [alert({ alertname: "A", model: "ranker" }), alert({ alertname: "A", model: "fraud" })];
    const { matchers } = readMatchers('{alertname="A",model!="fraud"}');
    expect(wouldMute(matchers ?? [], alerts).map((a) => a.labels.model)).toEqual(["ranker"]);
  });
});

describe("silenceRequest", () => {
  const base: SilenceForm = {
    matchers: '{alertname="A"}',
    startsAt: "2025-03-01T10:00",
    endsAt: "2025-03-01T12:00",
    recurring: false,
    weekdays: [],
    startTime: "00:00",
    endTime: "00:00",
    timezone: "UTC",
    comment: " maintenance ",
  };
  it("builds the body with ISO instants", () => {
    const { body, issues } = silenceRequest(base);
    expect(issues).toEqual({});
    expect(body).toEqual({
      matchers: '{alertname="A"}',
      startsAt: new Date(2025, 2, 1, 10, 0).toISOString(),
      endsAt: new Date(2025, 2, 1, 12, 0).toISOString(),
      schedule: null,
      comment: "maintenance",
    });
  });
  it("adds a weekly schedule with sorted weekdays", () => {
    const { body } = silenceRequest({
      ...base,
      recurring: true,
      weekdays: [6, 0],
      timezone: "Europe/Berlin",
    });
    expect(body?.schedule).toEqual({
      weekdays: [0, 6],
      start: "00:00",
      end: "00:00",
      timezone: "Europe/Berlin",
    });
  });
  it("names each field's problem", () => {
    const { body, issues } = silenceRequest({
      ...base,
      matchers: "",
      endsAt: "2025-03-01T09:00",
      recurring: true,
    });
    expect(body).toBeNull();
    expect(Object.keys(issues).sort()).toEqual(["endsAt", "matchers", "weekdays"]);
    expect(issues.endsAt).toBe("The end must be after the start");
  });
});

describe("local inputs and schedules", () => {
  it("round-trips datetime-local values", () => {
    const ms = new Date(2025, 0, 2, 3, 4).getTime();
    expect(toLocalInput(ms)).toBe("2025-01-02T03:04");
    expect(fromLocalInput("2025-01-02T03:04")).toBe(ms);
    expect(fromLocalInput("")).toBeNull();
  });
  it("describes a schedule", () => {
    expect(
      describeSchedule({ weekdays: [6, 0], start: "00:00", end: "00:00", timezone: "Europe/Berlin" }),
    ).toBe("Sun, Sat all day (Europe/Berlin)");
    expect(describeSchedule({ weekdays: [1], start: "22:00", end: "06:00" })).toBe("Mon 22:00–06:00 (UTC)");
  });
});
