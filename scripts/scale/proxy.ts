// A small round-robin HTTP proxy in front of the web processes, as a load balancer would be: each request goes
// to the next backend in turn; a backend that refuses the connection is skipped and the next one tried (the
// request never reached it); a request in flight when its backend dies fails to the client with 502 (nothing
// is retried: the backend may have acted on it). Answers the proxy makes itself carry PROXY_HEADER.
import http from "node:http";
import { neverReached, RoundRobin } from "./proxy-choice";
import { PROXY_HEADER } from "./request-log";

export interface ProxyStats {
  requests: number;
  perBackend: number[];
  /** connection refused by a backend, request passed to the next */
  skipped: number;
  /** the backend failed with the request in flight: 502 */
  upstreamFailed: number;
  /** every backend refused: 503 */
  noBackend: number;
}

export function createProxy(backends: Array<{ host: string; port: number }>) {
  const rr = new RoundRobin(backends.length);
  // Idle connections close after 30 s, before the web process's 65 s keep-alive timeout (scripts/start.ts), as a
  // load balancer's idle timeout is set below its backends': without it an idle connection lived until the web
  // process closed it, and a request sent on it at that moment failed with ECONNRESET (seen twice in a soak).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 30_000 });
  const stats: ProxyStats = {
    requests: 0,
    perBackend: backends.map(() => 0),
    skipped: 0,
    upstreamFailed: 0,
    noBackend: 0,
  };

  const answer = (res: http.ServerResponse, status: number, marker: string, message: string) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status, { "content-type": "application/json", [PROXY_HEADER]: marker });
    res.end(JSON.stringify({ error: message }));
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, order: number[]) => {
    const index = order[0];
    if (index === undefined) {
      stats.noBackend++;
      answer(res, 503, "no-backend", "no backend accepted the connection");
      return;
    }
    const backend = backends[index]!;
    const { connection: _c, "transfer-encoding": _te, ...headers } = req.headers;
    const upstream = http.request(
      {
        host: backend.host,
        port: backend.port,
        method: req.method,
        path: req.url,
        headers: { ...headers, host: `${backend.host}:${backend.port}`, "content-length": body.length },
        agent,
      },
      (upstreamRes) => {
        stats.perBackend[index]!++;
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
        // The backend died while sending its answer: the client's connection is cut, as a load balancer would.
        upstreamRes.on("aborted", () => {
          stats.upstreamFailed++;
          res.destroy();
        });
      },
    );
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      if (neverReached(error.code)) {
        stats.skipped++;
        forward(req, res, body, order.slice(1));
        return;
      }
      stats.upstreamFailed++;
      // Logged (logs/proxy.log) so a 502 without a kill can be told apart: a reset, a broken pipe, a hang-up.
      console.error(
        `[proxy] ${new Date().toISOString()} ${req.method} ${req.url} → backend ${backend.port}: ${error.code ?? error.message}${upstream.reusedSocket ? " (reused connection)" : ""}`,
      );
      answer(res, 502, "upstream-failed", `backend ${backend.port}: ${error.code ?? error.message}`);
    });
    upstream.end(body);
  };

  const server = http.createServer((req, res) => {
    stats.requests++;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => forward(req, res, Buffer.concat(chunks), rr.order()));
  });
  server.keepAliveTimeout = 65_000;
  return { server, stats };
}
