import type { Metadata } from "next";
import { requireUser } from "@/app/_server/session";
import { ModelsOverview } from "@/components/overview/models-overview";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  await requireUser("/");
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Models</h1>
        <p className="text-sm text-muted">
          Volume, health and latest quality per model over the last 24 hours.
        </p>
      </div>
      <ModelsOverview />
    </div>
  );
}
