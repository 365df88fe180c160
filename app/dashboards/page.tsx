import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUser } from "@/app/_server/session";
import { DashboardsList } from "@/components/dashboards/dashboards-list";
import { Skeleton } from "@/components/ui/skeleton";
import { roleAllows } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Dashboards" };

export default async function DashboardsPage() {
  const user = await requireUser("/dashboards");
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <DashboardsList canEdit={roleAllows(user.role, "edit")} />
    </Suspense>
  );
}
