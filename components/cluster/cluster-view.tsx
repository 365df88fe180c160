"use client";
// /cluster: the serving cluster at a glance. GPUs first (table + utilization heatmap, on Vigil or an external
// Prometheus), then the serving endpoints' health, then the scrape targets that feed it all. Source, range and
// node filter live in the URL so a view can be shared.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { type ClusterState, clusterSearch, parseCluster } from "@/lib/charts/cluster-url";
import { PageHeading } from "../alerting/alerting-bits";
import { EndpointsSection } from "./endpoints-section";
import { GpuSection } from "./gpu-section";
import { TargetsSection } from "./targets-section";

export function ClusterView({ canEdit }: { canEdit: boolean }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => parseCluster(params), [params]);

  function navigate(patch: Partial<ClusterState>) {
    router.push(`${pathname}?${clusterSearch({ ...state, ...patch })}`, { scroll: false });
  }

  return (
    <div className="space-y-6">
      <PageHeading
        title="Cluster"
        lead="GPUs of the serving nodes, the health of the model servers, and the metrics endpoints Vigil scrapes."
      />
      <GpuSection state={state} onChange={navigate} />
      <EndpointsSection canEdit={canEdit} />
      <TargetsSection canEdit={canEdit} />
    </div>
  );
}
