// The simulator's API client. It speaks only the public ingest API, exactly as a customer's serving code
// would. The transport is injectable so tests can route requests straight into the route handlers.

export interface TransportResponse {
  status: number;
  body: unknown;
}

/** Sends one JSON body to an API path (e.g. "/api/v1/predictions"); throws only on network failure. */
export type Transport = (path: string, body: unknown) => Promise<TransportResponse>;

export interface IngestSummary {
  accepted: number;
  duplicates: number;
}

/** Sends a batch and returns the API's counts, or throws ApiRejection. */
export type Send = (path: string, body: unknown) => Promise<IngestSummary>;

/** The API refused the request (4xx or rejected rows): retrying the same body cannot help. */
export class ApiRejection extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    detail: string,
  ) {
    super(`POST ${path} was refused with HTTP ${status}: ${detail}`);
    this.name = "ApiRejection";
  }
}

/** The rows per request the simulator uses: well under the API's default limit (VIGIL_MAX_BATCH_ROWS). */
export const MAX_BATCH = 1000;

export function fetchTransport(baseUrl: string, apiKey: string): Transport {
  return async (path, body) => {
    const res = await fetch(new URL(path, baseUrl), {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      // Keep the text: a proxy's HTML error page is still worth showing.
    }
    return { status: res.status, body: parsed };
  };
}

function explain(body: unknown): string {
  if (typeof body !== "object" || body === null) return String(body).slice(0, 300);
  const b = body as { error?: unknown; rejected?: unknown };
  const parts: string[] = [];
  if (typeof b.error === "string") parts.push(b.error);
  if (Array.isArray(b.rejected) && b.rejected.length > 0) {
    const first = (b.rejected as Array<{ index?: unknown; error?: unknown }>)
      .slice(0, 3)
      .map((r) => `row ${String(r.index)}: ${String(r.error)}`);
    parts.push(`${b.rejected.length} rejected rows, e.g. ${first.join("; ")}`);
  }
  return parts.join(" — ") || JSON.stringify(body).slice(0, 300);
}

export interface SenderOptions {
  /** Attempts per request on network errors, 5xx and 429 before giving up. */
  attempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Wraps a transport with the retry policy: transient failures (network, 5xx, 429) back off exponentially;
 * a 4xx or any rejected row stops the run, because the simulator's rows are meant to be valid and
 * resending them would fail the same way.
 */
export function createSender(transport: Transport, opts: SenderOptions = {}): Send {
  const attempts = opts.attempts ?? 6;
  const base = opts.baseDelayMs ?? 500;
  const sleep = opts.sleep ?? defaultSleep;
  return async (path, body) => {
    for (let attempt = 1; ; attempt++) {
      let failure: string;
      try {
        const res = await transport(path, body);
        if (res.status >= 200 && res.status < 300) {
          const b = res.body as { accepted?: number; duplicates?: number; rejected?: unknown[] };
          if (Array.isArray(b.rejected) && b.rejected.length > 0)
            throw new ApiRejection(res.status, path, explain(res.body));
          return { accepted: b.accepted ?? 0, duplicates: b.duplicates ?? 0 };
        }
        if (res.status < 500 && res.status !== 429)
          throw new ApiRejection(res.status, path, explain(res.body));
        failure = `HTTP ${res.status}: ${explain(res.body)}`;
      } catch (error) {
        if (error instanceof ApiRejection) throw error;
        failure = (error as Error).message;
      }
      if (attempt >= attempts) throw new Error(`POST ${path} failed after ${attempts} attempts: ${failure}`);
      const delay = base * 2 ** (attempt - 1);
      opts.log?.(`POST ${path} failed (${failure}); retrying in ${delay} ms`);
      await sleep(delay);
    }
  };
}

/** Posts rows in batches of at most MAX_BATCH under `field`, `concurrency` requests at a time. */
export async function sendRows(
  send: Send,
  path: string,
  field: string,
  rows: readonly unknown[],
  concurrency = 2,
): Promise<IngestSummary> {
  const batches: unknown[][] = [];
  for (let i = 0; i < rows.length; i += MAX_BATCH) batches.push(rows.slice(i, i + MAX_BATCH));
  const total: IngestSummary = { accepted: 0, duplicates: 0 };
  let next = 0;
  const lane = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const r = await send(path, { [field]: batch });
      total.accepted += r.accepted;
      total.duplicates += r.duplicates;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, lane));
  return total;
}
