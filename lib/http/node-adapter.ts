// Serves a Web-standard handler (Request → Response) from node:http, reading the body into one Buffer with a
// byte limit, or handing it over as a stream. Used by the production server for the ingest fast path.
import type { IncomingMessage, ServerResponse } from "node:http";
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

/**
 * The request body as a web stream. Cancelling it (a handler that answers early: a bad line, a size limit)
 * keeps reading and discarding the rest, up to DRAIN_LIMIT, instead of destroying the socket: a client still
 * sending would otherwise see a reset, not the answer.
 */
function requestBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  let drained = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.pause();
        req.on("data", (chunk: Buffer) => {
          if (cancelled) {
            drained += chunk.length;
            if (drained > DRAIN_LIMIT) req.destroy();
            return;
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on("end", () => {
          if (!cancelled) controller.close();
        });
        req.on("error", (error) => {
          if (!cancelled) controller.error(error);
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        cancelled = true;
        req.resume();
      },
    },
    { highWaterMark: 4 },
  );
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
    body: requestBody(req),
    duplex: "half", // required by undici for a streamed request body
  };
  const response = await handler(new Request(url, init));
  // Answered before the whole body arrived: the rest is being discarded; close once the answer is out.
  if (!req.complete) res.setHeader("connection", "close");
  await send(res, response);
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
