// The multi-replica run's proxy: round robin; a backend refusing the connection is skipped for the next one;
// a request in flight when its backend dies fails to the client (502, not retried elsewhere); none left: 503.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProxy } from "@/scripts/scale/proxy";
import { neverReached, RoundRobin, tryOrder } from "@/scripts/scale/proxy-choice";
import { PROXY_HEADER } from "@/scripts/scale/request-log";

describe("backend choice", () => {
  it("starts each request at the next backend in turn and tries every backend once", () => {
    const rr = new RoundRobin(3);
    expect([rr.order(), rr.order(), rr.order(), rr.order()]).toEqual([
      [0, 1, 2],
      [1, 2, 0],
      [2, 0, 1],
      [0, 1, 2],
    ]);
    expect(tryOrder(1, 2)).toEqual([1, 0]);
    expect(() => new RoundRobin(0)).toThrow("at least one backend");
  });

  it("only a refused connection means the request never reached the backend", () => {
    expect(neverReached("ECONNREFUSED")).toBe(true);
    for (const code of ["ECONNRESET", "EPIPE", "ETIMEDOUT", undefined])
      expect(neverReached(code)).toBe(false);
  });
});

describe("proxy", () => {
  const hits: string[] = [];
  const servers: http.Server[] = [];
  const port = (s: http.Server) => (s.address() as AddressInfo).port;
  const listen = (handler: http.RequestListener) =>
    new Promise<http.Server>((r) => {
      const s = http.createServer(handler);
      servers.push(s);
      s.listen(0, "127.0.0.1", () => r(s));
    });
  let a: http.Server;
  let b: http.Server;
  let closedPort: number;

  beforeAll(async () => {
    const echo =
      (name: string): http.RequestListener =>
      (req, res) => {
        let body = "";
        req.on("data", (c: Buffer) => {
          body += c.toString();
        });
        req.on("end", () => {
          hits.push(name);
          if (req.url === "/die") {
            res.socket?.destroy(); // the process died with the request in flight
            return;
          }
          res.writeHead(200, { "content-type": "text/plain" }).end(`${name}:${req.method}:${body}`);
        });
      };
    a = await listen(echo("a"));
    b = await listen(echo("b"));
    const closed = await listen(() => {});
    closedPort = port(closed);
    await new Promise((r) => closed.close(r));
  });
  afterAll(() => Promise.all(servers.filter((s) => s.listening).map((s) => new Promise((r) => s.close(r)))));

  async function through(backends: number[], path: string, init?: RequestInit) {
    const { server, stats } = createProxy(backends.map((p) => ({ host: "127.0.0.1", port: p })));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const results = [];
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`http://127.0.0.1:${port(server)}${path}`, init);
        results.push({ status: res.status, marker: res.headers.get(PROXY_HEADER), body: await res.text() });
      }
      return { results, stats };
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }

  it("alternates between the backends, passing method and body", async () => {
    const { results, stats } = await through([port(a), port(b)], "/x", { method: "POST", body: "hi" });
    expect(results.map((r) => r.body)).toEqual(["a:POST:hi", "b:POST:hi", "a:POST:hi", "b:POST:hi"]);
    expect(stats.perBackend).toEqual([2, 2]);
  });

  it("skips a backend that refuses the connection", async () => {
    const { results, stats } = await through([closedPort, port(b)], "/x");
    expect(results.map((r) => r.body)).toEqual(["b:GET:", "b:GET:", "b:GET:", "b:GET:"]);
    expect(stats.skipped).toBe(2); // every other request started at the closed port
  });

  it("fails a request whose backend dies with it in flight, without trying another", async () => {
    hits.length = 0;
    const { results, stats } = await through([port(a), port(b)], "/die");
    expect(results.map((r) => [r.status, r.marker])).toEqual(Array(4).fill([502, "upstream-failed"]));
    expect(hits).toEqual(["a", "b", "a", "b"]);
    expect(stats.upstreamFailed).toBe(4);
  });

  it("answers 503 when every backend refuses", async () => {
    const { results, stats } = await through([closedPort], "/x");
    expect(results.map((r) => [r.status, r.marker])).toEqual(Array(4).fill([503, "no-backend"]));
    expect(stats.noBackend).toBe(4);
  });
});
