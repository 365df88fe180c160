import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUser } from "@/app/_server/session";
import { queryString } from "@/components/auth/query-string";
import { ExploreView } from "@/components/explore/explore-view";
import { Skeleton } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Explore" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ExplorePage({ searchParams }: Props) {
  await requireUser(`/explore${queryString(await searchParams)}`);
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <ExploreView />
    </Suspense>
  );
}
