// Command-line options of `npm run demo`, parsed and checked in one place so mistakes fail before any
// process starts.
import { parseArgs } from "node:util";

export interface DemoOptions {
  backfill: boolean;
  backfillOnly: boolean;
  days: number;
  seed: number;
  speed: number;
  help: boolean;
}

export const DEMO_USAGE = `Usage: npm run demo -- [options]

Starts Vigil (web + worker) on a demo database and feeds it a simulated e-commerce shop over the public API.

  --days N          days of history to backfill (default 7)
  --no-backfill     skip the history, only send live traffic
  --backfill-only   send the history, wait until the worker has processed it, then exit
  --seed N          random seed; the same seed gives the same data (default 42)
  --speed X         live time multiplier: at 60, one minute plays an hour of traffic (default 1)
  -h, --help        show this help

Environment: DATABASE_URL (default file:./data/demo.db), PORT (default 3000).`;

function numberOption(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`--${name} must be a number ≥ ${min}, got "${raw}"`);
  return value;
}

export function parseDemoOptions(argv: string[]): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      days: { type: "string" },
      seed: { type: "string" },
      speed: { type: "string" },
      "no-backfill": { type: "boolean" },
      "backfill-only": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  const options: DemoOptions = {
    backfill: !values["no-backfill"],
    backfillOnly: values["backfill-only"] ?? false,
    days: numberOption("days", values.days, 7, 0.05),
    seed: Math.trunc(numberOption("seed", values.seed, 42, 0)),
    speed: numberOption("speed", values.speed, 1, 0.01),
    help: values.help ?? false,
  };
  if (options.backfillOnly && !options.backfill)
    throw new Error("--backfill-only and --no-backfill contradict each other");
  return options;
}
