// Two APIs share this path, as in DESIGN.md: a JSON POST sends ground-truth labels (ingest); GET, and a
// form-encoded POST, are Prometheus' label-names endpoint.
import { contract } from "@/lib/api/contract";
import { postLabels } from "@/lib/api/ingest-routes";
import { labelNames } from "@/lib/promql/http/handlers";
import { promRoute } from "@/lib/promql/http/route";

export const GET = promRoute(contract.promLabels, labelNames);
const promPost = promRoute({ ...contract.promLabels, method: "POST" }, labelNames);

export async function POST(req: Request): Promise<Response> {
  const form = /^application\/x-www-form-urlencoded/i.test(req.headers.get("content-type") ?? "");
  return form ? promPost(req) : postLabels(req);
}
