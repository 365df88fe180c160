// Fetches a scrape target's body as Prometheus does: GET with Prometheus' Accept header (OpenMetrics
// preferred) and gzip, one deadline for the whole exchange (so a target that trickles bytes — slow-loris —
// fails at the deadline like one that never answers), a cap on the body size (decompressed), and the
// outbound address policy checked on every address the name resolves to.
import { lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { createGunzip } from "node:zlib";
import { type ExpositionFormat, formatFromContentType } from "../import/exposition";
import { type AllowList, refusal } from "../net/address-policy";

export const SCRAPE_ACCEPT =
  "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

export type FetchResult =
  | { ok: true; body: Uint8Array; format: ExpositionFormat; status: number }
  | { ok: false; error: string };

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  allow: AllowList;
  headers?: Record<string, string>;
}

function guardedLookup(allow: AllowList): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const list = addresses as Array<{ address: string; family: number }>;
      for (const a of list) {
        const why = refusal(hostname, a.address, allow);
        if (why) return callback(Object.assign(new Error(why), { code: "EVIGILBLOCKED" }), "", 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export function fetchTarget(url: URL, opts: FetchOptions): Promise<FetchResult> {
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(literal)) {
    const why = refusal(literal, literal, opts.allow);
    if (why) return Promise.resolve({ ok: false, error: `refused: ${why}` });
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: FetchResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      req.destroy();
      resolve(result);
    };
    const req = client.request(
      url,
      {
        method: "GET",
        headers: {
          accept: SCRAPE_ACCEPT,
          "accept-encoding": "gzip",
          "user-agent": "Vigil-Scraper",
          "x-prometheus-scrape-timeout-seconds": String(opts.timeoutMs / 1000),
          ...opts.headers,
        },
        lookup: guardedLookup(opts.allow),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          res.resume();
          return finish({
            ok: false,
            error: `server returned HTTP status ${status} ${res.statusMessage ?? ""}`.trim(),
          });
        }
        const gzip = /gzip/i.test(String(res.headers["content-encoding"] ?? ""));
        const stream = gzip ? res.pipe(createGunzip()) : res;
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes)
            return finish({
              ok: false,
              error: `body size limit exceeded (more than ${opts.maxBytes} bytes)`,
            });
          chunks.push(chunk);
        });
        stream.on("end", () => {
          const format = formatFromContentType(String(res.headers["content-type"] ?? "")) ?? "prometheus";
          finish({ ok: true, body: new Uint8Array(Buffer.concat(chunks)), format, status });
        });
        stream.on("error", (error: Error) =>
          finish({ ok: false, error: `reading the body: ${error.message}` }),
        );
      },
    );
    const deadline = setTimeout(
      () => finish({ ok: false, error: `context deadline exceeded (scrape timeout ${opts.timeoutMs} ms)` }),
      opts.timeoutMs,
    );
    req.on("error", (error: Error & { code?: string }) =>
      finish({
        ok: false,
        error: error.code === "EVIGILBLOCKED" ? `refused: ${error.message}` : error.message,
      }),
    );
    req.end();
  });
}
