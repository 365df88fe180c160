import type { Metadata } from "next";
import { Suspense } from "react";
import { getCurrentUser, requireUser } from "@/app/_server/session";
import { queryString } from "@/components/auth/query-string";
import { DashboardPage } from "@/components/dashboards/dashboard-page";
import { Skeleton } from "@/components/ui/skeleton";
import { roleAllows } from "@/lib/auth/roles";
import { getDatabase } from "@/lib/runtime/instance";

type Props = {
  params: Promise<{ uid: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const uid = decodeURIComponent((await params).uid);
  // The tab shows the dashboard's title, to signed-in users only; an unknown uid keeps the generic one.
  if (!(await getCurrentUser())) return { title: "Dashboard" };
  const row = await (await getDatabase()).db.dashboard.findUnique({
    where: { uid },
    select: { title: true },
  });
  return { title: row ? `${row.title} · Dashboards` : "Dashboard" };
}

export default async function DashboardRoute({ params, searchParams }: Props) {
  const uid = decodeURIComponent((await params).uid);
  const user = await requireUser(`/dashboards/${encodeURIComponent(uid)}${queryString(await searchParams)}`);
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <DashboardPage uid={uid} canEdit={roleAllows(user.role, "edit")} />
    </Suspense>
  );
}
