// Rule files against the real promtool (Debian's prometheus package, 2.42): what Vigil exports, promtool
// accepts; what promtool refuses, Vigil refuses too.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatRuleFile, parseRuleFile } from "../../lib/alerts/rule-file";

const PROMTOOL = "/usr/bin/promtool";
const hasPromtool = existsSync(PROMTOOL);

let dir = "";
beforeAll(() => {
  if (hasPromtool) dir = mkdtempSync(join(tmpdir(), "vigil-promtool-rules-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function promtoolAccepts(text: string): boolean {
  const file = join(dir, `rules-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(file, text);
  try {
    execFileSync(PROMTOOL, ["check", "rules", file], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

const GOOD = `groups:
  - name: quality
    interval: 2m
    rules:
      - record: model:accuracy:avg
        expr: avg by (model) (vigil_model_accuracy)
        labels: { source: vigil }
      - alert: AccuracyLow
        expr: vigil_model_accuracy < 0.8
        for: 1h30m
        keep_firing_for: 10m
        labels: { severity: warning }
        annotations:
          summary: "{{ $labels.model }}: {{ $value | humanizePercentage }}"
          description: '{{ if gt $value 0.5 }}degraded{{ else }}broken{{ end }} since {{ printf "%.1f" $value }}'
`;

const BAD = [
  "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: rate(x[5m]\n",
  "groups:\n  - name: g\n    rules:\n      - record: 'not a name'\n        expr: x\n",
  "groups:\n  - name: g\n    rules:\n      - alert: A\n        record: b\n        expr: x\n",
  "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: x\n        severity: page\n",
  "groups:\n  - name: g\n    rules: []\n  - name: g\n    rules: []\n",
  "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: x\n        annotations: { s: '{{ nosuch }}' }\n",
  "groups:\n  - name: g\n    rules:\n      - record: r\n        expr: x\n        for: 5m\n",
];

// In CI (CI=true) the package is installed by .ci/run: a missing promtool fails there instead of skipping.
describe.skipIf(!hasPromtool && process.env.CI !== "true")("rule files and promtool check rules", () => {
  it("promtool accepts the file and Vigil's export of it", () => {
    expect(promtoolAccepts(GOOD)).toBe(true);
    const parsed = parseRuleFile(GOOD);
    expect(parsed.problems).toEqual([]);
    expect(promtoolAccepts(formatRuleFile(parsed.groups))).toBe(true);
  });

  it.each(BAD.map((text, i) => [i, text] as const))("bad file %i: refused by both", (_i, text) => {
    expect(promtoolAccepts(text)).toBe(false);
    expect(parseRuleFile(text).problems.length).toBeGreaterThan(0);
  });
});
