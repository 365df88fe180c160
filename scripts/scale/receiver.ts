// The loopback webhook receiver: records every notification it gets (X-Vigil-Notification-Id, each alert's
// fingerprint, labels and status) and answers 200.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ReceivedNotification } from "./notifications-check";

export interface Received extends ReceivedNotification {
  at: number;
  status: string;
}

export async function startReceiver() {
  const received: Received[] = [];
  let malformed = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          status: string;
          alerts: Array<{ labels: Record<string, string>; status: string; fingerprint: string }>;
        };
        received.push({
          at: Date.now(),
          id: String(req.headers["x-vigil-notification-id"] ?? ""),
          status: body.status,
          alerts: body.alerts.map((a) => ({
            labels: a.labels,
            status: a.status,
            fingerprint: a.fingerprint,
          })),
        });
      } catch {
        malformed++;
      }
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    malformed: () => malformed,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}
