import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUser } from "@/app/_server/session";
import { HistoryView } from "@/components/alerting/history-view";
import { queryString } from "@/components/auth/query-string";
import { Skeleton } from "@/components/ui/skeleton";

export const metadata: Metadata = { title: "Alert history · Alerting" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const user = await requireUser(`/alerting/history${queryString(await searchParams)}`);
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <HistoryView canEdit={user.role === "admin"} />
    </Suspense>
  );
}
