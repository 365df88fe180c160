// The production server's streamed-body path (scripts/start.ts → streamWebHandler) over real HTTP: a handler
// that reads everything sees every byte; one that answers early still gets its answer to the client.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { streamWebHandler } from "@/lib/http/node-adapter";
import { freePort } from "../helpers/prometheus";

let server: Server;
let url: string;

async function readAll(body: ReadableStream<Uint8Array>): Promise<number> {
  const reader = body.getReader();
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.byteLength;
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const handler = async (request: Request) => {
      if (request.url.endsWith("/count")) return Response.json({ bytes: await readAll(request.body!) });
      // Reads one chunk, then refuses the rest (as an upload refuses a bad line).
      const reader = request.body!.getReader();
      await reader.read();
      await reader.cancel();
      return Response.json({ error: "line 2: bad" }, { status: 400 });
    };
    streamWebHandler(req, res, handler).catch(() => res.destroy());
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function body(totalBytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const chunk = new Uint8Array(Math.min(256 * 1024, totalBytes - sent)).fill(97);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

const post = (path: string, size: number) =>
  fetch(`${url}${path}`, { method: "POST", body: body(size), duplex: "half" } as RequestInit);

describe("streamWebHandler", () => {
  it("hands the whole body over as a stream", async () => {
    const res = await post("/count", 20 * 1024 * 1024);
    expect(await res.json()).toEqual({ bytes: 20 * 1024 * 1024 });
  });

  it("an early answer reaches a client that is still sending (no reset)", async () => {
    const res = await post("/refuse", 20 * 1024 * 1024);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "line 2: bad" });
    expect(res.headers.get("connection")).toBe("close");
    // The server still serves the next request.
    expect(await (await post("/count", 1000)).json()).toEqual({ bytes: 1000 });
  });
});
