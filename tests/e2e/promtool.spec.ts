// A real Prometheus client against the production server: promtool (Debian's prometheus package) runs
// instant and range queries, authenticating with the API key as a Basic-auth password.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_API_KEY, E2E_PORT } from "./env.mjs";

const PROMTOOL = "/usr/bin/promtool";
const server = `http://vigil:${E2E_API_KEY}@127.0.0.1:${E2E_PORT}`;

test.skip(!existsSync(PROMTOOL), "promtool is not installed (apt-get install prometheus)");

test("promtool query instant reads Vigil's quality series", () => {
  const out = execFileSync(
    PROMTOOL,
    ["query", "instant", server, 'count by (model) (last_over_time(vigil_model_accuracy{window="1h"}[1d]))'],
    {
      encoding: "utf8",
    },
  );
  expect(out).toMatch(/\{model="recommender"\} => \d+ @\[/);
});

test("promtool query range returns points at the requested step", () => {
  const end = Math.floor(Date.now() / 1000);
  const out = execFileSync(
    PROMTOOL,
    [
      "query",
      "range",
      "--start",
      String(end - 6 * 3600),
      "--end",
      String(end),
      "--step",
      "1h",
      server,
      'max(last_over_time(vigil_predictions_total{window="1h"}[1h]))',
    ],
    { encoding: "utf8" },
  );
  expect(out).toMatch(/\{\} =>\n/);
  expect(out.match(/ @\[\d+\]/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
});

test("promtool sees Prometheus-style errors", () => {
  expect(() =>
    execFileSync(PROMTOOL, ["query", "instant", server, "sum("], { encoding: "utf8", stdio: "pipe" }),
  ).toThrow(/bad_data|parse error|unexpected/i);
});
