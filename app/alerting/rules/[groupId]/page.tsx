import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { requireUser } from "@/app/_server/session";
import { GroupEditor } from "@/components/alerting/group-editor";
import { queryString } from "@/components/auth/query-string";
import { Skeleton } from "@/components/ui/skeleton";
import { roleAllows } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Rule group · Alerting" };

type Props = {
  params: Promise<{ groupId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function Page({ params, searchParams }: Props) {
  const { groupId } = await params;
  const id = Number(groupId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const user = await requireUser(`/alerting/rules/${id}${queryString(await searchParams)}`);
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <GroupEditor groupId={id} canEdit={roleAllows(user.role, "edit")} />
    </Suspense>
  );
}
