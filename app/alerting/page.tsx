import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUser } from "@/app/_server/session";
import { RulesView } from "@/components/alerting/rules-view";
import { queryString } from "@/components/auth/query-string";
import { Skeleton } from "@/components/ui/skeleton";
import { roleAllows } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Alert rules" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const user = await requireUser(`/alerting${queryString(await searchParams)}`);
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <RulesView canEdit={roleAllows(user.role, "edit")} />
    </Suspense>
  );
}
