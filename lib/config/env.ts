// Every environment setting Vigil reads, validated in one place. The README's configuration table mirrors this.
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "../db/url";

const intFrom = (fallback: number, min: number) => z.coerce.number().int().min(min).default(fallback);

/** An HMAC secret: at least 32 bytes (HS256's key size); set but empty counts as unset. */
const embedSecret = (name: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || Buffer.byteLength(v, "utf8") >= 32, {
      message: `${name} must be at least 32 bytes`,
    });

const schema = z.object({
  DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
  VIGIL_ADMIN_USERNAME: z.string().min(1).default("admin"),
  VIGIL_ADMIN_PASSWORD: z.string().min(8, "VIGIL_ADMIN_PASSWORD must be at least 8 characters").optional(),
  VIGIL_BOOTSTRAP_API_KEY: z
    .string()
    .min(24, "VIGIL_BOOTSTRAP_API_KEY must be at least 24 characters")
    .optional(),
  VIGIL_MAX_BATCH_ROWS: intFrom(10_000, 1),
  VIGIL_MAX_BODY_BYTES: intFrom(5 * 1024 * 1024, 1024),
  VIGIL_SESSION_TTL_HOURS: intFrom(24 * 7, 1),
  VIGIL_SECURE_COOKIES: z.enum(["auto", "0", "1"]).default("auto"),
  VIGIL_WORKER_POLL_MS: intFrom(1000, 50),
  VIGIL_ALERT_POLL_MS: intFrom(200, 20),
  VIGIL_LEASE_SECONDS: intFrom(60, 1),
  VIGIL_RECOMPUTE_INTERVAL_MS: intFrom(5000, 0),
  VIGIL_EMBEDDED_WORKER: z.enum(["0", "1"]).default("0"),
  VIGIL_STALE_AFTER_MINUTES: intFrom(60, 1),
  VIGIL_PG_POOL_SIZE: intFrom(10, 1),
  VIGIL_QUERY_TIMEOUT_MS: intFrom(120_000, 100),
  VIGIL_QUERY_MAX_SERIES: intFrom(10_000, 1),
  VIGIL_SECRET_KEY: z.string().min(16, "VIGIL_SECRET_KEY must be at least 16 characters").optional(),
  VIGIL_OUTBOUND_ALLOWLIST: z.string().default(""),
  VIGIL_OUTBOUND_TIMEOUT_MS: intFrom(30_000, 100),
  VIGIL_MAX_FUTURE_SECONDS: intFrom(600, 0),
  VIGIL_DRIFT_EXACT_ROWS: intFrom(1_000_000, 0),
  VIGIL_MAX_REFERENCE_BYTES: intFrom(1024 * 1024 * 1024, 1),
  VIGIL_DATA_DIR: z.string().min(1).default("./data"),
  VIGIL_MAX_MODEL_BYTES: intFrom(100 * 1024 * 1024, 1),
  VIGIL_SHADOW_THREADS: intFrom(1, 1),
  VIGIL_EXPERIMENT_REFRESH_SECONDS: intFrom(300, 10),
  // The fallback GPU collector (docs/cluster.md): "off", "auto" (when nvidia-smi is on PATH) or the binary's path;
  // set but empty is "off".
  VIGIL_NVIDIA_SMI: z
    .string()
    .trim()
    .default("off")
    .transform((v) =>
      v === "" || v.toLowerCase() === "off" ? "off" : v.toLowerCase() === "auto" ? "auto" : v,
    ),
  VIGIL_NVIDIA_SMI_INTERVAL_SECONDS: intFrom(15, 5),
  // Retention (docs/retention.md): days to keep each data type, 0 = forever; the Settings page can override.
  VIGIL_RETENTION_PREDICTIONS_DAYS: intFrom(90, 0),
  VIGIL_RETENTION_LABELS_DAYS: intFrom(90, 0),
  VIGIL_RETENTION_EVENTS_DAYS: intFrom(90, 0),
  VIGIL_RETENTION_SERIES_DAYS: intFrom(400, 0),
  VIGIL_RETENTION_NOTIFICATIONS_DAYS: intFrom(30, 0),
  VIGIL_RETENTION_INTERVAL_MINUTES: intFrom(60, 1),
  // Signed embeds (docs/embeds.md): HS256 secret (≥ 32 bytes; unset: embeds are off), the previous secret while
  // rotating (verifies, never signs), and the token lifetime.
  VIGIL_EMBED_SECRET: embedSecret("VIGIL_EMBED_SECRET"),
  VIGIL_EMBED_SECRET_PREVIOUS: embedSecret("VIGIL_EMBED_SECRET_PREVIOUS"),
  VIGIL_EMBED_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(86_400, "VIGIL_EMBED_TTL_SECONDS must be at most 86400 (a day)")
    .default(600),
  VIGIL_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: "VIGIL_PUBLIC_URL must be an http(s) URL, e.g. https://vigil.example.com",
    })
    .transform((u) => u.replace(/\/+$/, ""))
    .default("http://localhost:3000"),
});

export type Env = z.infer<typeof schema>;

/** Every variable name, for the test that keeps the README's configuration table complete. */
export const ENV_NAMES = Object.keys(schema.shape);

let cached: Env | null = null;

/** Parsed settings; throws one error listing every bad variable by name. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = null;
}
