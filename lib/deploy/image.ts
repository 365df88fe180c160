// The container image's commands, in one place: the Dockerfile's CMD, the Kubernetes manifests' commands
// and scripts/image-check.ts (which runs them against the standalone output) must agree, and tests compare
// them with this list. Paths are relative to the image's working directory (/app = .next/standalone).
export const IMAGE_WORKDIR = "/app";

export const IMAGE_COMMANDS = {
  /** the web server (Next.js inside Vigil's node:http front, migrations applied at start) */
  web: ["node", "--max-semi-space-size=64", "vigil/start.mjs"],
  /** a worker (jobs: quality, drift, shadow, experiments, alerting, scrapes) */
  worker: ["node", "--max-semi-space-size=64", "vigil/worker.mjs"],
  /** the migration Job run before a rollout */
  migrate: ["node", "vigil/cli.mjs", "migrate"],
  /** operator commands: `docker run … vigil node vigil/cli.mjs apikey create …` */
  cli: ["node", "vigil/cli.mjs"],
} as const;
