// What one scrape stores, as Prometheus 2.42's scrape loop decides it (scrape/scrape.go): the body's samples
// with the target's labels (a scraped label that collides with one is kept as exported_<name>), samples
// without a timestamp at the scrape's time, the report series (up, scrape_duration_seconds,
// scrape_samples_scraped, scrape_samples_post_metric_relabeling, scrape_series_added), and a stale marker for
// every series of the previous scrape that is gone. A body that does not parse, or has more samples than the
// sample limit, fails the whole scrape: nothing from it is stored, up is 0 and every previous series goes stale.
import { type ExpositionFormat, ExpositionParser } from "../import/exposition";

export type Labels = Record<string, string>;

export interface ScrapedSample {
  /** __name__ included */
  labels: Labels;
  ts: number;
  value: number;
}

export interface ScrapeOutcome {
  /** samples to store (report series included) */
  samples: ScrapedSample[];
  /** series to mark stale at the scrape time */
  stale: Labels[];
  /** the series of this scrape (by key), to compare with the next one */
  seriesKeys: Map<string, Labels>;
  up: 0 | 1;
  error: string | null;
  scraped: number;
}

export interface ScrapeInput {
  body: Uint8Array | null;
  format: ExpositionFormat;
  /** target labels, e.g. {job, instance} */
  target: Labels;
  /** when the scrape started (ms): the time of samples without a timestamp and of the report series */
  at: number;
  durationMs: number;
  /** the scrape itself failed before there was a body (timeout, refused, HTTP status) */
  fetchError: string | null;
  sampleLimit: number;
  previous: ReadonlyMap<string, Labels>;
}

export function seriesKey(labels: Labels): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );
}

/** The target's labels over the scraped ones (honor_labels: false); colliding scraped labels become exported_*. */
export function withTargetLabels(scraped: Labels, target: Labels): Labels {
  const out: Labels = { ...scraped };
  const conflicting: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(target)) {
    const existing = scraped[name];
    if (existing !== undefined && existing !== "") conflicting.push([name, existing]);
    if (value === "") delete out[name];
    else out[name] = value;
  }
  // Shorter names first, then exported_ prefixes until the name is free (resolveConflictingExposedLabels).
  conflicting.sort((a, b) => a[0].length - b[0].length);
  const taken = new Set<string>();
  for (const [name, value] of conflicting) {
    let candidate = name;
    do candidate = `exported_${candidate}`;
    while (candidate in scraped || candidate in target || taken.has(candidate));
    taken.add(candidate);
    out[candidate] = value;
  }
  return out;
}

function parseBody(input: ScrapeInput): { samples: ScrapedSample[]; error: string | null; scraped: number } {
  if (input.body === null) return { samples: [], error: input.fetchError ?? "no body", scraped: 0 };
  const parser = new ExpositionParser(input.format, { defaultTimestampMs: input.at });
  const first = parser.push(input.body);
  const last = parser.end();
  const errors = [...first.errors, ...last.errors];
  const parsed = [...first.samples, ...last.samples];
  if (errors.length > 0)
    return { samples: [], error: errors[0]?.message ?? "parse error", scraped: parsed.length };
  if (parsed.length > input.sampleLimit)
    return {
      samples: [],
      error: `sample limit exceeded (${parsed.length} > ${input.sampleLimit})`,
      scraped: parsed.length,
    };
  const samples = parsed.map((s) => ({
    labels: withTargetLabels({ ...s.labels, __name__: s.name }, input.target),
    ts: s.ts,
    value: s.value,
  }));
  return { samples, error: null, scraped: parsed.length };
}

export function processScrape(input: ScrapeInput): ScrapeOutcome {
  const { samples: parsed, error, scraped } = parseBody(input);
  const seriesKeys = new Map<string, Labels>();
  const samples: ScrapedSample[] = [];
  for (const s of parsed) {
    const key = seriesKey(s.labels);
    // A second sample of the same series in one scrape is dropped (errDuplicateSampleForTimestamp).
    if (seriesKeys.has(key)) continue;
    seriesKeys.set(key, s.labels);
    samples.push(s);
  }
  const stale = [...input.previous].filter(([k]) => !seriesKeys.has(k)).map(([, labels]) => labels);
  const added = [...seriesKeys.keys()].filter((k) => !input.previous.has(k)).length;
  const report = (name: string, value: number): ScrapedSample => ({
    labels: { ...input.target, __name__: name },
    ts: input.at,
    value,
  });
  const up = error === null ? 1 : 0;
  const kept = samples.length;
  samples.push(
    report("up", up),
    report("scrape_duration_seconds", input.durationMs / 1000),
    report("scrape_samples_scraped", scraped),
    report("scrape_samples_post_metric_relabeling", kept),
    report("scrape_series_added", error === null ? added : 0),
  );
  return { samples, stale, seriesKeys, up, error: error === null ? null : error, scraped };
}
