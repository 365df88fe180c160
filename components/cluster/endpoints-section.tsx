"use client";
// Serving endpoints: each model server Vigil checks, with its verdict first (live/ready; what went wrong on
// hover or expand), the check's latency and time, the versions it serves (ready or not) and links out. Admins
// check now, add, edit and delete.
import Link from "next/link";
import { useState } from "react";
import {
  type EndpointInfo,
  endpointVerdict,
  servedVersions,
  VERDICT_LABEL,
  VERDICT_TONE,
} from "@/lib/charts/cluster-endpoints";
import { httpUrl } from "@/lib/charts/cluster-fields";
import { formatInteger } from "@/lib/charts/format";
import { When } from "../alerting/alerting-bits";
import { ConfirmButton, primaryButton } from "../experiments/form-fields";
import { ApiError } from "../hooks/fetch-json";
import { useServingEndpoints } from "../hooks/use-cluster";
import { useCheckEndpoint, useDeleteEndpoint } from "../hooks/use-cluster-mutations";
import { useNow } from "../hooks/use-now";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { TableHead } from "../ui/table-head";
import { EndpointForm } from "./endpoint-form";

const small =
  "inline-flex h-7 items-center rounded-md border border-border px-2 text-xs hover:bg-surface-2 disabled:opacity-50";

/** A link out, only for http(s) URLs (anything else is shown as text, never as a link). */
function OutLink({ href, children }: { href: string | null; children: string }) {
  const safe = httpUrl(href);
  if (!safe) return null;
  return (
    <a
      href={safe}
      target="_blank"
      rel="noopener noreferrer"
      className="text-accent hover:underline"
      data-testid="endpoint-link"
      title={safe}
    >
      {children}
    </a>
  );
}

function Status({ endpoint }: { endpoint: EndpointInfo }) {
  const verdict = endpointVerdict(endpoint);
  const problems = endpoint.status?.problems ?? [];
  const badge = (
    <span data-testid="endpoint-status" data-verdict={verdict}>
      <Badge tone={VERDICT_TONE[verdict]} title={problems.join("\n") || undefined}>
        {VERDICT_LABEL[verdict]}
      </Badge>
    </span>
  );
  if (problems.length === 0) return badge;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer list-none">
        {badge}{" "}
        <span className="text-muted underline decoration-dotted">
          {problems.length} problem{problems.length === 1 ? "" : "s"}
        </span>
      </summary>
      <ul className="mt-1 max-w-72 list-disc space-y-0.5 pl-4 text-bad" data-testid="endpoint-problems">
        {problems.map((p) => (
          <li key={p} className="break-words">
            {p}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Versions({ endpoint }: { endpoint: EndpointInfo }) {
  const versions = servedVersions(endpoint);
  if (!endpoint.status) return <span className="text-muted">—</span>;
  if (versions.length === 0) return <span className="text-xs text-muted">none reported</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Served versions">
      {versions.map((v) => (
        <li key={v.server}>
          <Badge tone={v.ready ? "good" : "warn"} title={`server version ${v.server}: ${v.state}`}>
            {v.vigil ? `${v.vigil} → ${v.server}` : v.server} ·{" "}
            {v.ready ? "ready" : v.state.toLowerCase() || "not ready"}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

function EndpointRow({
  endpoint,
  canEdit,
  now,
  onEdit,
}: {
  endpoint: EndpointInfo;
  canEdit: boolean;
  now: number;
  onEdit: () => void;
}) {
  const check = useCheckEndpoint();
  const remove = useDeleteEndpoint();
  const [confirming, setConfirming] = useState(false);
  const e = endpoint;
  return (
    <tr
      className="border-b border-border align-top last:border-0"
      data-testid="endpoint-row"
      data-name={e.name}
    >
      <th scope="row" className="px-3 py-2 text-left font-normal">
        <div className="font-medium">{e.name}</div>
        <div className="mt-1 flex flex-wrap gap-1">
          <Badge tone="info">{e.kind}</Badge>
          {!e.enabled && <Badge tone="muted">disabled</Badge>}
        </div>
      </th>
      <td className="px-3 py-2">
        <Link href={`/models/${encodeURIComponent(e.model)}`} className="text-accent hover:underline">
          {e.model}
        </Link>
        {e.serverModel && e.serverModel !== e.model && (
          <div className="font-mono text-xs text-muted">as {e.serverModel}</div>
        )}
      </td>
      <td className="px-3 py-2">
        <Status endpoint={e} />
      </td>
      <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap">
        {e.status ? `${formatInteger(e.status.latencyMs)} ms` : "—"}
      </td>
      <td className="px-3 py-2 whitespace-nowrap">
        <When iso={e.status?.checkedAt ?? null} now={now} />
      </td>
      <td className="px-3 py-2">
        <Versions endpoint={e} />
      </td>
      <td className="px-3 py-2 text-xs">
        <div className="flex flex-col gap-0.5">
          {httpUrl(e.baseUrl) ? (
            <OutLink href={e.baseUrl}>Base URL</OutLink>
          ) : (
            <span className="font-mono">{e.baseUrl}</span>
          )}
          <OutLink href={e.links.metrics}>Metrics</OutLink>
          <OutLink href={e.links.grafana}>Grafana</OutLink>
          <OutLink href={e.links.kubernetes}>Kubernetes</OutLink>
        </div>
      </td>
      {canEdit && (
        <td className="space-y-1.5 px-3 py-2">
          <div className="flex flex-wrap gap-1.5">
            <button
              type="button"
              className={small}
              disabled={check.isPending}
              onClick={() => check.mutate(e.id)}
              data-testid="endpoint-check"
            >
              {check.isPending ? "Checking…" : "Check now"}
            </button>
            <button type="button" className={small} onClick={onEdit} data-testid="endpoint-edit">
              Edit
            </button>
          </div>
          <ConfirmButton
            label="Delete"
            question={`Delete endpoint ${e.name}?`}
            confirmLabel="Delete"
            onConfirm={() => remove.mutate(e.id)}
            busy={remove.isPending}
            danger
            open={confirming}
            onOpenChange={setConfirming}
            testId="endpoint-delete"
          />
          {(check.error ?? remove.error) && (
            <p className="text-xs text-bad" role="alert">
              {(check.error ?? remove.error)?.message}
            </p>
          )}
        </td>
      )}
    </tr>
  );
}

const HEADERS = ["Endpoint", "Model", "Status", "Latency", "Last check", "Served versions", "Links"];

export function EndpointsSection({ canEdit }: { canEdit: boolean }) {
  const list = useServingEndpoints();
  const now = useNow(15_000);
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const endpoints = list.data?.endpoints ?? [];
  const edited = typeof editing === "number" ? (endpoints.find((e) => e.id === editing) ?? null) : null;
  // A server from before serving endpoints existed answers 404: say so instead of an error.
  const unavailable = list.error instanceof ApiError && list.error.status === 404;
  const notReady = endpoints.filter((e) => {
    const v = endpointVerdict(e);
    return v === "down" || v === "not-ready";
  }).length;

  return (
    <Panel
      title="Serving endpoints"
      testId="endpoints-section"
      description={
        list.data
          ? `${endpoints.length} endpoint${endpoints.length === 1 ? "" : "s"}${notReady ? `, ${notReady} not ready` : ""}. Vigil asks each server for its health and the versions it serves, on the endpoint's interval.`
          : "The model servers Vigil checks for health and served versions."
      }
      actions={
        canEdit && !unavailable && editing !== "new" ? (
          <button
            type="button"
            className={primaryButton}
            onClick={() => setEditing("new")}
            data-testid="endpoint-new"
          >
            Add endpoint
          </button>
        ) : undefined
      }
    >
      <div className="space-y-3">
        {canEdit && (editing === "new" || edited) && (
          <EndpointForm key={editing ?? "none"} endpoint={edited} onDone={() => setEditing(null)} />
        )}
        {list.isPending ? (
          <LoadingRegion label="Loading serving endpoints">
            <Skeleton className="h-24 w-full" />
          </LoadingRegion>
        ) : unavailable ? (
          <EmptyState title="Serving endpoints are not available on this server">
            <p>This Vigil has no /api/v1/serving-endpoints yet; upgrade it to check model servers' health.</p>
          </EmptyState>
        ) : list.error && !list.data ? (
          <EmptyState title="Could not load the serving endpoints">
            <p>{list.error.message}</p>
          </EmptyState>
        ) : endpoints.length === 0 ? (
          <EmptyState title="No serving endpoints yet">
            <p>
              {canEdit
                ? "Add your Triton, KServe, TorchServe or TF Serving server with “Add endpoint”: Vigil checks that it is live and ready and which model versions it serves."
                : "An admin can add model servers here for Vigil to check."}
            </p>
          </EmptyState>
        ) : (
          <div className="relative overflow-x-auto rounded-md border border-border">
            <table className="w-full text-sm" data-testid="endpoints-table">
              <TableHead headers={HEADERS} numeric={["Latency"]} actions={canEdit} />
              <tbody>
                {endpoints.map((e) => (
                  <EndpointRow
                    key={e.id}
                    endpoint={e}
                    canEdit={canEdit}
                    now={now}
                    onEdit={() => setEditing(e.id)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Panel>
  );
}
