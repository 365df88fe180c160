import { describe, expect, it } from "vitest";
import { DRIFT_JOB, QUALITY_JOB, SCRAPE_JOB, SHADOW_RUN_JOB } from "@/lib/jobs/mark";
import { MAX_RERUN_DELAY_MS, RUN_TIME_FACTOR, rerunDelayMs } from "@/lib/jobs/rerun";

describe("rerunDelayMs: spacing of window recomputes marked again during their run", () => {
  it("is the interval for a quick run, and grows with a long run up to the cap", () => {
    expect(rerunDelayMs(QUALITY_JOB, 120, 5000)).toBe(5000);
    expect(rerunDelayMs(DRIFT_JOB, 4000, 5000)).toBe(4000 * RUN_TIME_FACTOR);
    expect(rerunDelayMs(QUALITY_JOB, 90_000, 5000)).toBe(MAX_RERUN_DELAY_MS);
  });

  it("never caps below an interval set above the cap", () => {
    expect(rerunDelayMs(QUALITY_JOB, 10, 120_000)).toBe(120_000);
  });

  it("is 0 when spacing is off, and for incremental or scheduled kinds", () => {
    expect(rerunDelayMs(QUALITY_JOB, 5000, 0)).toBe(0);
    expect(rerunDelayMs(SHADOW_RUN_JOB, 5000, 5000)).toBe(0);
    expect(rerunDelayMs(SCRAPE_JOB, 5000, 5000)).toBe(0);
  });
});
