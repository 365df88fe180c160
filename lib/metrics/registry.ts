// Vigil's own metrics (GET /metrics, docs/metrics.md): prom-client's default registry, shared by every copy
// of this module in the process (Next's route bundle and the custom server load it separately; prom-client
// itself is one external package), so each metric is created once and found again by name.
import client from "prom-client";

let defaultsStarted = false;

/** Process and Node.js runtime metrics (process_*, nodejs_*), started once per process. */
export function startDefaultMetrics(): void {
  if (defaultsStarted || client.register.getSingleMetric("process_cpu_user_seconds_total")) return;
  defaultsStarted = true;
  client.collectDefaultMetrics();
}

export function counter<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
): client.Counter<L> {
  const existing = client.register.getSingleMetric(name);
  if (existing) return existing as client.Counter<L>;
  return new client.Counter({ name, help, labelNames: [...labelNames] });
}

/** A gauge whose values are read when /metrics is scraped (`collect` sets them). */
export function gauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  collect: (g: client.Gauge<L>) => Promise<void>,
): client.Gauge<L> {
  const existing = client.register.getSingleMetric(name);
  if (existing) return existing as client.Gauge<L>;
  return new client.Gauge({
    name,
    help,
    labelNames: [...labelNames],
    async collect() {
      await collect(this);
    },
  });
}

export async function exposition(): Promise<{ body: string; contentType: string }> {
  return { body: await client.register.metrics(), contentType: client.register.contentType };
}
