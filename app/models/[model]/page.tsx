import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUser } from "@/app/_server/session";
import { queryString } from "@/components/auth/query-string";
import { ModelView } from "@/components/model/model-view";
import { Skeleton } from "@/components/ui/skeleton";

type Props = {
  params: Promise<{ model: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const name = decodeURIComponent((await params).model);
  return { title: (await searchParams).tab === "drift" ? `${name} · Drift` : name };
}

export default async function ModelPage({ params, searchParams }: Props) {
  const { model: raw } = await params;
  const model = decodeURIComponent(raw);
  await requireUser(`/models/${encodeURIComponent(model)}${queryString(await searchParams)}`);
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <ModelView model={model} />
    </Suspense>
  );
}
