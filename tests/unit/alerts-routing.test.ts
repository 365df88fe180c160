// Matchers, notification policies, silences (incl. recurring), schedules and inhibition, checked against the
// behaviour of Alertmanager 0.25 (dispatch/route_test.go, inhibit/inhibit_test.go, silence matching).
import { describe, expect, it } from "vitest";
import { isInhibited } from "@/lib/alerts/inhibit";
import { formatMatchers, matches, parseMatcher, parseMatchers } from "@/lib/alerts/matchers";
import { buildRouteTree, groupOf, matchRoutes, RouteError } from "@/lib/alerts/routing";
import { checkSchedule, inSchedule, localTime, ScheduleError } from "@/lib/alerts/schedule";
import { silencedBy, silenceState } from "@/lib/alerts/silences";

const m = parseMatcher;

describe("matchers", () => {
  it("parses the four operators, quoted and bare values", () => {
    expect(parseMatchers('{severity="page", team=~"ml|infra",env!=dev, job!~"test.*"}')).toEqual([
      { name: "severity", op: "=", value: "page" },
      { name: "team", op: "=~", value: "ml|infra" },
      { name: "env", op: "!=", value: "dev" },
      { name: "job", op: "!~", value: "test.*" },
    ]);
    expect(parseMatchers('a="x,y", b="q\\"uote"')).toEqual([
      { name: "a", op: "=", value: "x,y" },
      { name: "b", op: "=", value: 'q"uote' },
    ]);
  });

  it("anchors regular expressions and treats a missing label as empty", () => {
    expect(matches(m('team=~"ml"'), { team: "ml-infra" })).toBe(false);
    expect(matches(m('team=~"ml.*"'), { team: "ml-infra" })).toBe(true);
    expect(matches(m('env=""'), {})).toBe(true);
    expect(matches(m('env!=""'), {})).toBe(false);
    expect(matches(m('env!~"prod|staging"'), { env: "dev" })).toBe(true);
  });

  it("names what is wrong", () => {
    expect(() => parseMatcher("severity")).toThrow(/not a matcher/);
    expect(() => parseMatcher('team=~"("')).toThrow(/invalid regular expression/);
    expect(() => parseMatchers('a="unterminated')).toThrow(/unterminated quote/);
  });

  it("formats back to what it parses", () => {
    const ms = parseMatchers('{a="1",b=~"x|y"}');
    expect(parseMatchers(formatMatchers(ms))).toEqual(ms);
  });
});

describe("notification policies", () => {
  const tree = buildRouteTree({
    receiver: "default",
    groupBy: ["alertname"],
    routes: [
      {
        matchers: [m('team="ml"')],
        receiver: "ml-slack",
        groupWaitMs: 10_000,
        routes: [{ matchers: [m('severity="page"')], receiver: "ml-pager" }],
      },
      { matchers: [m('severity="page"')], receiver: "pager", continue: true, groupBy: ["..."] },
      { matchers: [m('env="prod"')], receiver: "prod-email", repeatIntervalMs: 3_600_000 },
    ],
  });
  const receivers = (labels: Record<string, string>) => matchRoutes(tree, labels).map((r) => r.receiver);

  it("walks depth first; the first matching child wins; the deepest match takes the alert", () => {
    expect(receivers({ team: "ml" })).toEqual(["ml-slack"]);
    expect(receivers({ team: "ml", severity: "page" })).toEqual(["ml-pager"]);
    expect(receivers({ team: "web" })).toEqual(["default"]);
  });

  it("continue lets later siblings match too", () => {
    expect(receivers({ severity: "page", env: "prod" })).toEqual(["pager", "prod-email"]);
    expect(receivers({ severity: "page" })).toEqual(["pager"]);
  });

  it("children inherit receiver, group_by and timers unless they set them", () => {
    const [mlPager] = matchRoutes(tree, { team: "ml", severity: "page" });
    expect(mlPager).toMatchObject({
      groupBy: ["alertname"],
      groupWaitMs: 10_000,
      groupIntervalMs: 300_000,
      repeatIntervalMs: 14_400_000,
    });
    const [, prod] = matchRoutes(tree, { severity: "page", env: "prod" });
    expect(prod).toMatchObject({ groupWaitMs: 30_000, repeatIntervalMs: 3_600_000 });
  });

  it("groups by the group_by labels the alert has; ... groups by all labels", () => {
    const [root] = matchRoutes(tree, { alertname: "Drift", model: "rec" });
    expect(groupOf(root!, { alertname: "Drift", model: "rec" })).toEqual({
      key: '0:{alertname="Drift"}',
      labels: { alertname: "Drift" },
    });
    const [pager] = matchRoutes(tree, { severity: "page" });
    expect(groupOf(pager!, { severity: "page", b: "2", a: "1" }).key).toBe(
      '0.1:{a="1",b="2",severity="page"}',
    );
  });

  it("refuses a tree it cannot use", () => {
    expect(() => buildRouteTree({})).toThrow(RouteError);
    expect(() => buildRouteTree({ receiver: "x", matchers: [m('a="1"')] })).toThrow(
      /root policy must not have matchers/,
    );
    expect(() => buildRouteTree({ receiver: "x", groupBy: ["...", "a"] })).toThrow(/cannot be combined/);
  });
});

describe("weekly schedules", () => {
  // 2026-11-28 is a Saturday.
  const sat = (hhmm: string) => Date.parse(`2026-11-28T${hhmm}:00Z`);

  it("reads weekday and minute in the schedule's time zone", () => {
    expect(localTime(sat("23:30"), "UTC")).toEqual({ weekday: 6, minute: 23 * 60 + 30 });
    expect(localTime(sat("23:30"), "Europe/Berlin")).toEqual({ weekday: 0, minute: 30 });
    expect(localTime(sat("02:00"), "America/New_York")).toEqual({ weekday: 5, minute: 21 * 60 });
  });

  it("windows within a day, the whole day, and past midnight", () => {
    const weekend = { weekdays: [0, 6], start: "00:00", end: "00:00" };
    expect(inSchedule(weekend, sat("12:00"))).toBe(true);
    expect(inSchedule(weekend, Date.parse("2026-11-30T12:00:00Z"))).toBe(false);
    const office = { weekdays: [1, 2, 3, 4, 5], start: "09:00", end: "17:00", timezone: "Europe/Berlin" };
    expect(inSchedule(office, Date.parse("2026-11-30T08:30:00Z"))).toBe(true); // Monday 09:30 in Berlin
    expect(inSchedule(office, Date.parse("2026-11-30T16:30:00Z"))).toBe(false); // 17:30 in Berlin
    const nights = { weekdays: [5], start: "22:00", end: "06:00" };
    expect(inSchedule(nights, Date.parse("2026-11-27T23:00:00Z"))).toBe(true); // Friday 23:00
    expect(inSchedule(nights, sat("05:59"))).toBe(true); // Saturday morning belongs to Friday's night
    expect(inSchedule(nights, sat("06:00"))).toBe(false);
    expect(inSchedule(nights, sat("23:00"))).toBe(false);
  });

  it("names a bad field", () => {
    expect(() => checkSchedule({ weekdays: [], start: "00:00", end: "01:00" })).toThrow(/weekdays/);
    expect(() => checkSchedule({ weekdays: [1], start: "25:00", end: "01:00" })).toThrow(/start "25:00"/);
    expect(() =>
      checkSchedule({ weekdays: [1], start: "00:00", end: "01:00", timezone: "Mars/Olympus" }),
    ).toThrow(ScheduleError);
  });
});

describe("silences", () => {
  const base = { id: "s1", matchers: [m('model="rec"')], startsAt: 1_000, endsAt: 10_000 };

  it("pending, active, expired; only matching alerts", () => {
    expect(silenceState(base, 500)).toBe("pending");
    expect(silenceState(base, 1_000)).toBe("active");
    expect(silenceState(base, 10_000)).toBe("expired");
    expect(silencedBy([base], { model: "rec", severity: "page" }, 5_000)).toEqual(["s1"]);
    expect(silencedBy([base], { model: "other" }, 5_000)).toEqual([]);
    expect(silencedBy([base], { model: "rec" }, 20_000)).toEqual([]);
  });

  it("a recurring silence mutes only inside its windows", () => {
    const weekly = {
      id: "w",
      matchers: [m('severity="warning"')],
      startsAt: Date.parse("2026-11-01T00:00:00Z"),
      endsAt: Date.parse("2027-11-01T00:00:00Z"),
      schedule: { weekdays: [0, 6], start: "00:00", end: "00:00" },
    };
    expect(silencedBy([weekly], { severity: "warning" }, Date.parse("2026-11-28T10:00:00Z"))).toEqual(["w"]);
    expect(silenceState(weekly, Date.parse("2026-11-30T10:00:00Z"))).toBe("pending");
    expect(silencedBy([weekly], { severity: "warning" }, Date.parse("2026-11-30T10:00:00Z"))).toEqual([]);
  });
});

describe("inhibition", () => {
  const rule = {
    sourceMatchers: [m('severity="critical"')],
    targetMatchers: [m('severity="warning"')],
    equal: ["model"],
  };

  it("a firing source mutes targets with the same equal labels", () => {
    const firing = [{ alertname: "Down", severity: "critical", model: "rec" }];
    expect(isInhibited([rule], firing, { alertname: "Slow", severity: "warning", model: "rec" })).toBe(true);
    expect(isInhibited([rule], firing, { alertname: "Slow", severity: "warning", model: "other" })).toBe(
      false,
    );
    expect(isInhibited([rule], firing, { alertname: "Slow", severity: "critical", model: "rec" })).toBe(
      false,
    );
    expect(isInhibited([rule], [], { severity: "warning", model: "rec" })).toBe(false);
  });

  it("labels missing on both sides count as equal", () => {
    expect(isInhibited([rule], [{ severity: "critical" }], { severity: "warning" })).toBe(true);
  });

  it("an alert matching both sides does not inhibit itself", () => {
    const both = { sourceMatchers: [m('a="1"')], targetMatchers: [m('b="1"')], equal: [] };
    const alert = { a: "1", b: "1" };
    expect(isInhibited([both], [alert], alert)).toBe(false);
    expect(isInhibited([both], [alert, { a: "1" }], alert)).toBe(true);
  });
});
