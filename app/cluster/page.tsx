import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUser } from "@/app/_server/session";
import { queryString } from "@/components/auth/query-string";
import { ClusterView } from "@/components/cluster/cluster-view";
import { Skeleton } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Cluster" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ClusterPage({ searchParams }: Props) {
  const user = await requireUser(`/cluster${queryString(await searchParams)}`);
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <ClusterView canEdit={user.role === "admin"} />
    </Suspense>
  );
}
