import type { Metadata } from "next";
import { Suspense } from "react";
import { requireUser } from "@/app/_server/session";
import { ExperimentView } from "@/components/experiments/experiment-view";
import { Skeleton } from "@/components/ui/skeleton";

type Props = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${decodeURIComponent((await params).key)} · Experiments` };
}

export default async function ExperimentPage({ params }: Props) {
  const key = decodeURIComponent((await params).key);
  await requireUser(`/experiments/${encodeURIComponent(key)}`);
  return (
    <Suspense fallback={<Skeleton className="h-96 w-full" />}>
      <ExperimentView experimentKey={key} />
    </Suspense>
  );
}
