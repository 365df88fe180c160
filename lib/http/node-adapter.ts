// Serves a Web-standard handler (Request → Response) from node:http, reading the body into one Buffer with a
// byte limit, or handing it over as a stream. Used by the production server for the ingest fast path.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { bodyTooLarge } from "./body";
import { json } from "./handler";

/** Oversized bodies up to this size are read and discarded so the client gets its 413 cleanly. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, { ...headers, "content-length": body.length });
  res.end(body);
}

/** Serves a handler that reads the body as a stream (any size; the handler applies its own limits). */
export async function streamWebHandler(
  req: IncomingMessage,
  res: ServerResponse,
  handler: (request: Request) => Promise<Response>,
): Promise<void> {
  const url = `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
  const init: RequestInit & { duplex: "half" } = {
    method: req.method,
    headers: toHeaders(req),
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: "half", // required by undici for a streamed request body
  };
  await send(res, await handler(new Request(url, init)));
}

export async function serveWebHandler(
  req: IncomingMessage,
  res: ServerResponse,
  handler: (request: Request) => Promise<Response>,
  maxBytes: number,
): Promise<void> {
  const declared = Number(req.headers["content-length"] ?? "0");
  const body = declared > maxBytes ? null : await readBody(req, maxBytes);
  if (body === null) {
    const error = bodyTooLarge(maxBytes);
    if (declared > 0 && declared <= DRAIN_LIMIT) {
      // Read the rest before answering: a client still sending would otherwise see a broken pipe, not the 413.
      req.resume();
      await new Promise((resolve) => req.once("end", resolve).once("error", resolve));
    } else {
      res.setHeader("connection", "close");
    }
    return send(res, json({ error: error.message }, error.status));
  }
  const url = `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, {
    method: req.method,
    headers: toHeaders(req), // A Buffer is a Uint8Array, which Request accepts; the DOM typings only say so for ArrayBuffer-backed views.
    body: hasBody ? (body as unknown as BodyInit) : undefined,
  });
  await send(res, await handler(request));
}
