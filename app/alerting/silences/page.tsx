import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUser } from "@/app/_server/session";
import { SilencesView } from "@/components/alerting/silences-view";
import { queryString } from "@/components/auth/query-string";
import { Skeleton } from "@/components/ui/skeleton";
import { roleAllows } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Silences · Alerting" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const user = await requireUser(`/alerting/silences${queryString(await searchParams)}`);
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <SilencesView canEdit={roleAllows(user.role, "edit")} />
    </Suspense>
  );
}
