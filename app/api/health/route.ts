import { handle, json } from "@/lib/http/handler";
import { healthReport } from "@/lib/runtime/health";

export const dynamic = "force-dynamic";

export const GET = handle(
  {
    method: "GET",
    path: "/api/health",
    summary: "Database, migrations and worker heartbeat",
    permission: null,
  },
  async ({ database }) => {
    const report = await healthReport(database);
    return json(report, report.database.reachable ? 200 : 503);
  },
);
