// How the authorization matrix finds routes: the methods a route file exports, read from its text, and the
// URL path of a file.
import { describe, expect, it } from "vitest";
import { exportedMethods, urlPathOf } from "../authz/discover";

describe("route discovery", () => {
  it("reads every way a route module exports its methods", () => {
    expect(exportedMethods("export const GET = handle(spec, fn);\nexport const POST = x;")).toEqual([
      "GET",
      "POST",
    ]);
    expect(exportedMethods("export async function PATCH(req: Request) {}")).toEqual(["PATCH"]);
    expect(exportedMethods('export { postEvents as POST } from "@/lib/api/ingest-routes";')).toEqual([
      "POST",
    ]);
    expect(exportedMethods('export { GET, DELETE } from "./shared";')).toEqual(["GET", "DELETE"]);
    expect(exportedMethods('export const dynamic = "force-dynamic";\nexport const GETTER = 1;')).toEqual([]);
  });

  it("turns a file into its URL path", () => {
    expect(urlPathOf("app/api/v1/models/[model]/route.ts")).toBe("/api/v1/models/[model]");
    expect(urlPathOf("app/(group)/admin/users/page.tsx")).toBe("/admin/users");
    expect(urlPathOf("app/page.tsx")).toBe("/");
  });
});
