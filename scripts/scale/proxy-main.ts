// The proxy as a process of its own (so its CPU and memory are measured apart from the orchestrator's):
// argument: JSON {port, backends: [port…], statsFile}. Writes its counters to statsFile on SIGTERM.
import { writeFileSync } from "node:fs";
import { createProxy } from "./proxy";

const { port, backends, statsFile } = JSON.parse(process.argv[2] ?? "{}") as {
  port: number;
  backends: number[];
  statsFile: string;
};
const { server, stats } = createProxy(backends.map((p) => ({ host: "127.0.0.1", port: p })));
server.listen(port, "127.0.0.1", () => console.log(`[proxy] listening on ${port} → ${backends.join(", ")}`));
process.on("SIGTERM", () => {
  writeFileSync(statsFile, JSON.stringify(stats));
  server.closeAllConnections();
  process.exit(0);
});
