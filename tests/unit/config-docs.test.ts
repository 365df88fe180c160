// The README's configuration table documents every setting lib/config/env.ts reads.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { ENV_NAMES } from "@/lib/config/env";

it("lists every environment variable in the README's configuration table", () => {
  const readme = readFileSync("README.md", "utf8");
  const documented = new Set([...readme.matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]));
  expect(ENV_NAMES.filter((name) => !documented.has(name))).toEqual([]);
});
