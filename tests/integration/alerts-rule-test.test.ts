// `test-rules` against the real `promtool test rules` (Debian's prometheus 2.42): the same rule and test
// files pass in both, and a file with wrong expectations fails in both at exactly the same places.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runRuleTests } from "../../lib/alerts/rule-test";

const PROMTOOL = "/usr/bin/promtool";
const DIR = "tests/fixtures/alerts";
const read = (name: string) => readFileSync(join(DIR, name), "utf8");

/** "alertname: X, time: T" and "expr: E, time: T" lines: where a run failed. */
function failures(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^(alertname|expr): /.test(l))
    .map((l) => l.replace(/,\s*$/, ""))
    .sort();
}

function promtool(file: string): { ok: boolean; text: string } {
  try {
    return {
      ok: true,
      text: execFileSync(PROMTOOL, ["test", "rules", file], { cwd: DIR, encoding: "utf8", stdio: "pipe" }),
    };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, text: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

describe("test-rules", () => {
  it("passes the passing file", async () => {
    const report = await runRuleTests("rules.test.yml", read("rules.test.yml"), read);
    expect(report.text).toBe("Unit Testing:  rules.test.yml\n  SUCCESS");
    expect(report.ok).toBe(true);
  });

  it("fails the failing file where it is wrong", async () => {
    const report = await runRuleTests("rules.failing.test.yml", read("rules.failing.test.yml"), read);
    expect(report.ok).toBe(false);
    expect(failures(report.text)).toEqual([
      "alertname: AccuracyLow, time: 8m",
      "alertname: AnotherInstanceDown, time: 2m",
      "alertname: InstanceDown, time: 4m",
      'expr: "job:up:sum", time: 4m',
    ]);
  });

  it("reports rule-file problems and a malformed test file", async () => {
    const bad = await runRuleTests(
      "t.yml",
      "rule_files: [r.yml]\ntests: []\n",
      () => "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up ==\n",
    );
    expect(bad.ok).toBe(false);
    expect(bad.text).toMatch(/r\.yml: line 5: groups\[0\]\.rules\[0\]\.expr: could not parse expression/);
    expect((await runRuleTests("t.yml", "tests: [", read)).ok).toBe(false);
  });

  // In CI (CI=true) the package is installed by .ci/run: a missing promtool fails there instead of skipping.
  describe.skipIf(!existsSync(PROMTOOL) && process.env.CI !== "true")(
    "same verdicts as promtool test rules",
    () => {
      it.each(["rules.test.yml", "rules.failing.test.yml"])("%s", async (file) => {
        const ours = await runRuleTests(file, read(file), read);
        const theirs = promtool(file);
        expect(ours.ok).toBe(theirs.ok);
        expect(failures(ours.text)).toEqual(failures(theirs.text));
      });
    },
  );
});
