import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatDuration,
  formatInteger,
  formatMetric,
  formatPercent,
  formatRelativeTime,
  formatTimeTick,
} from "../../lib/charts/format";

describe("formatPercent", () => {
  it("formats proportions with one decimal by default", () => {
    expect(formatPercent(0.9123)).toBe("91.2%");
    expect(formatPercent(1)).toBe("100.0%");
    expect(formatPercent(0.5, 0)).toBe("50%");
  });
  it("shows a dash for missing values", () => {
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(Number.NaN)).toBe("—");
  });
});

describe("formatCount", () => {
  it("uses SI-compact notation", () => {
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1234)).toBe("1.2K");
    expect(formatCount(3_400_000)).toBe("3.4M");
    expect(formatCount(undefined)).toBe("—");
  });
  it("formats full integers with grouping", () => {
    expect(formatInteger(12345)).toBe("12,345");
  });
});

describe("formatMetric", () => {
  it("keeps three decimals", () => {
    expect(formatMetric(0.87654)).toBe("0.877");
    expect(formatMetric(12.5, 2)).toBe("12.50");
    expect(formatMetric(null)).toBe("—");
  });
});

describe("formatDuration", () => {
  it("shows the two largest units", () => {
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(45)).toBe("45s");
    expect(formatDuration(200)).toBe("3m 20s");
    expect(formatDuration(3 * 3600 + 12 * 60 + 5)).toBe("3h 12m");
    expect(formatDuration(2 * 86400 + 4 * 3600 + 59)).toBe("2d 4h");
    expect(formatDuration(3600)).toBe("1h");
    expect(formatDuration(86400 + 30)).toBe("1d");
    expect(formatDuration(null)).toBe("—");
  });
});

describe("formatRelativeTime", () => {
  const now = Date.parse("2026-11-29T12:00:00Z");
  it("describes past and future times", () => {
    expect(formatRelativeTime("2026-11-29T11:59:50Z", now)).toBe("just now");
    expect(formatRelativeTime("2026-11-29T11:55:00Z", now)).toBe("5 minutes ago");
    expect(formatRelativeTime("2026-11-29T09:00:00Z", now)).toBe("3 hours ago");
    expect(formatRelativeTime("2026-11-28T12:00:00Z", now)).toBe("yesterday");
    expect(formatRelativeTime("2026-11-29T14:00:00Z", now)).toBe("in 2 hours");
  });
  it("handles missing times", () => {
    expect(formatRelativeTime(null, now)).toBe("never");
    expect(formatRelativeTime("not a date", now)).toBe("—");
  });
});

describe("formatTimeTick", () => {
  it("picks the tick granularity from the span", () => {
    const t = Date.UTC(2026, 10, 29, 13, 0);
    const local = new Date(t);
    const hh = String(local.getHours()).padStart(2, "0");
    expect(formatTimeTick(t, 3_600_000)).toBe(`${hh}:00`);
    expect(formatTimeTick(t, 7 * 86_400_000)).toMatch(new RegExp(`^[A-Z][a-z]{2} ${hh}:00$`));
    expect(formatTimeTick(t, 30 * 86_400_000)).toMatch(/^Nov \d{1,2}$/);
  });
});
