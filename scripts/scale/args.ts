// `npm run scale -- [--minutes 5] [--rate 1000] [--soak] [--database postgresql://…] [--keep] [--readers 20]
// [--no-compare]`: the run's options, checked (a bad option stops the run with a message naming it).

export interface ScaleOptions {
  minutes: number;
  /** predictions per second */
  rate: number;
  soak: boolean;
  /** the PostgreSQL server (any database on it) where the run creates its own databases */
  adminUrl: string;
  keep: boolean;
  readers: number;
  /** run check b (the single-process comparison) */
  compare: boolean;
}

export const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
export const DEFAULT_RATE = 1000;

export function parseArgs(argv: readonly string[]): ScaleOptions {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (inline !== undefined) flags.set(name, inline);
    else if (["soak", "keep", "no-compare"].includes(name)) flags.set(name, true);
    else {
      const value = argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      flags.set(name, value);
    }
  }
  const known = ["minutes", "rate", "soak", "database", "keep", "readers", "no-compare"];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown option --${name}`);
  const number = (name: string, fallback: number, min: number, max: number) => {
    const raw = flags.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (raw === true || !Number.isFinite(value) || value < min || value > max)
      throw new Error(`--${name} must be a number from ${min} to ${max}`);
    return value;
  };
  const soak = flags.get("soak") === true;
  const database = flags.get("database");
  if (database !== undefined && (database === true || !/^postgres(ql)?:\/\//.test(database)))
    throw new Error("--database must be a postgresql:// URL");
  return {
    soak,
    minutes: number("minutes", soak ? 30 : 5, 0.25, 24 * 60),
    // The soak runs at half the sustained rate.
    rate: Math.round(number("rate", soak ? DEFAULT_RATE / 2 : DEFAULT_RATE, 1, 100_000)),
    adminUrl: database ?? DEFAULT_ADMIN_URL,
    keep: flags.get("keep") === true,
    readers: Math.round(number("readers", 20, 0, 500)),
    compare: flags.get("no-compare") !== true,
  };
}
