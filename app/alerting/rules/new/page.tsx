import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUser } from "@/app/_server/session";
import { NewGroupEditor } from "@/components/alerting/group-editor";
import { queryString } from "@/components/auth/query-string";
import { Skeleton } from "@/components/ui/skeleton";
import { roleAllows } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "New rule group · Alerting" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const user = await requireUser(`/alerting/rules/new${queryString(await searchParams)}`);
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <NewGroupEditor canEdit={roleAllows(user.role, "edit")} />
    </Suspense>
  );
}
