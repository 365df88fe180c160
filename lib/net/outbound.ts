// HTTP requests to user-configured URLs, with the address policy checked on every resolved address at
// connect time (so DNS rebinding cannot slip past a check made earlier), a timeout and a response size cap.
import { lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { HttpError } from "../http/errors";
import { type AllowList, refusal } from "./address-policy";

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HttpError(400, `url: "${raw.slice(0, 100)}" is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new HttpError(400, "url: only http and https URLs are allowed");
  if (url.username || url.password)
    throw new HttpError(400, "url: put credentials in the auth settings, not in the URL");
  return url;
}

export function outboundRequest(
  target: URL,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeoutMs: number;
    maxBytes: number;
    allow: AllowList;
  },
): Promise<OutboundResponse> {
  const guardedLookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const list = addresses as Array<{ address: string; family: number }>;
      for (const a of list) {
        const why = refusal(hostname, a.address, opts.allow);
        if (why) return callback(Object.assign(new Error(why), { code: "EVIGILBLOCKED" }), "", 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
  // Node connects to an IP literal without calling `lookup`, so the policy is checked here for those.
  const literal = target.hostname.replace(/^\[|\]$/g, "");
  if (isIP(literal)) {
    const why = refusal(literal, literal, opts.allow);
    if (why) return Promise.reject(new HttpError(403, `outbound request refused: ${why}`));
  }
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      { method: opts.method ?? "GET", headers: opts.headers, lookup: guardedLookup, timeout: opts.timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes)
            req.destroy(new HttpError(502, `the data source answered with more than ${opts.maxBytes} bytes`));
          else chunks.push(chunk);
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () =>
      req.destroy(new HttpError(504, `the data source did not answer within ${opts.timeoutMs} ms`)),
    );
    req.on("error", (error: Error & { code?: string }) => {
      if (error instanceof HttpError) return reject(error);
      if (error.code === "EVIGILBLOCKED")
        return reject(new HttpError(403, `outbound request refused: ${error.message}`));
      reject(new HttpError(502, `could not reach the data source: ${error.message}`));
    });
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
