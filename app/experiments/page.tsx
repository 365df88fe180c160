import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUser } from "@/app/_server/session";
import { queryString } from "@/components/auth/query-string";
import { ExperimentsView } from "@/components/experiments/experiments-view";
import { Skeleton } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Experiments" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ExperimentsPage({ searchParams }: Props) {
  await requireUser(`/experiments${queryString(await searchParams)}`);
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <ExperimentsView />
    </Suspense>
  );
}
