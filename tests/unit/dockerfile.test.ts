// The Dockerfile and .dockerignore keep the image's promises (docs/deployment.md, "Container image"): a
// multi-stage build whose runtime stage holds only the standalone output, a non-root numeric user matching the
// Kubernetes manifests, a health check on /api/health, pinned base images, and the same commands as
// lib/deploy/image.ts and the manifests. The image's contents are run for real by `npm run image:check`.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { IMAGE_COMMANDS, IMAGE_WORKDIR } from "@/lib/deploy/image";

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile instructions, with line continuations joined and comments dropped. */
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const [op = "", ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(" ") };
    });
}

const all = instructions(readFileSync("Dockerfile", "utf8"));
const stageStarts = all.flatMap((ins, i) => (ins.op === "FROM" ? [i] : []));
const runtime = all.slice(stageStarts.at(-1));

describe("Dockerfile", () => {
  it("is multi-stage from pinned base images, and the runtime stage copies only the standalone output", () => {
    expect(stageStarts.length).toBeGreaterThanOrEqual(2);
    // Each stage starts from a pinned node image or from an earlier stage.
    const names: string[] = [];
    for (const i of stageStarts) {
      const [from = "", , name] = all[i]?.args.split(/\s+/) ?? [];
      expect(names.includes(from) || /^node:\d+\.\d+[\w.-]*$/.test(from), from).toBe(true);
      if (name) names.push(name);
    }
    const copies = runtime.filter((ins) => ins.op === "COPY");
    expect(copies.map((c) => c.args)).toEqual(["--from=build /src/.next/standalone ./"]);
    expect(all.some((ins) => ins.op === "RUN" && ins.args.includes("npm run build:image"))).toBe(true);
  });

  it("runs as uid 10001, the manifests' runAsUser, with the workdir the manifests mount into", () => {
    const users = runtime.filter((ins) => ins.op === "USER");
    expect(users.at(-1)?.args).toBe("10001:10001");
    expect(runtime.find((ins) => ins.op === "WORKDIR")?.args).toBe(IMAGE_WORKDIR);
    for (const file of ["web-deployment", "worker-deployment", "migrate-job"]) {
      const text = readFileSync(`deploy/k8s/base/${file}.yaml`, "utf8");
      expect(text, file).toMatch(/runAsUser: 10001/);
    }
  });

  it("checks health on /api/health and starts the web server by default", () => {
    const health = runtime.find((ins) => ins.op === "HEALTHCHECK");
    expect(health?.args).toMatch(/\/api\/health/);
    const cmd = runtime.find((ins) => ins.op === "CMD");
    expect(JSON.parse(cmd?.args ?? "null")).toEqual([...IMAGE_COMMANDS.web]);
  });

  it("the manifests start the image's web, worker and migration commands", () => {
    const commandOf = (file: string) => {
      const doc = parseAllDocuments(readFileSync(`deploy/k8s/base/${file}.yaml`, "utf8"))[0]?.toJS() as {
        spec: { template: { spec: { containers: Array<{ command: string[] }> } } };
      };
      return doc.spec.template.spec.containers[0]?.command;
    };
    expect(commandOf("web-deployment")).toEqual([...IMAGE_COMMANDS.web]);
    expect(commandOf("worker-deployment")).toEqual([...IMAGE_COMMANDS.worker]);
    expect(commandOf("migrate-job")).toEqual([...IMAGE_COMMANDS.migrate]);
  });
});

describe(".dockerignore", () => {
  it("keeps local data, builds, dependencies and secrets out of the build context", () => {
    const lines = readFileSync(".dockerignore", "utf8")
      .split("\n")
      .map((l) => l.trim());
    for (const entry of ["node_modules", ".next", "data", ".git", ".env", "*.db"])
      expect(lines).toContain(entry);
  });
});
