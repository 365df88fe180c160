"use client";
// The Serving tab's endpoints strip: each serving endpoint of the model with its status (live / ready), the
// versions the server says it serves, the check's latency and problems, and links out. Links are only made of
// http(s) URLs and open without handing this page to the target (rel="noopener noreferrer").
import Link from "next/link";
import { formatMetric, formatRelativeTime } from "@/lib/charts/format";
import {
  type EndpointInfo,
  endpointBadge,
  endpointLinks,
  endpointSubtitle,
  servedVersions,
} from "@/lib/charts/serving-endpoints";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";

export function EndpointsStrip({
  endpoints,
  colors,
  charted,
  onChart,
}: {
  endpoints: EndpointInfo[];
  colors: Record<string, string>;
  /** The endpoint whose series the charts show. */
  charted: string | null;
  onChart: (name: string) => void;
}) {
  if (endpoints.length === 0) {
    return (
      <div data-testid="serving-endpoints">
        <EmptyState title="No serving endpoint registered for this model">
          <p>
            Register the server that serves it (Triton, KServe, TorchServe, TF Serving or any HTTP service) on
            the{" "}
            <Link href="/cluster" className="text-accent underline">
              Cluster page
            </Link>{" "}
            to see its status, GPUs, request rate and queue time here. Latency and quality below come from the
            predictions Vigil already has.
          </p>
        </EmptyState>
      </div>
    );
  }
  return (
    <section aria-label="Serving endpoints" data-testid="serving-endpoints" className="space-y-2">
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="text-sm font-semibold">Serving endpoints</h2>
        <Link href="/cluster" className="text-xs text-accent underline">
          All endpoints on the Cluster page
        </Link>
      </div>
      <ul className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        {endpoints.map((e) => (
          <EndpointCard
            key={e.id}
            endpoint={e}
            colors={colors}
            charted={endpoints.length > 1 && e.name === charted}
            onChart={endpoints.length > 1 ? () => onChart(e.name) : null}
          />
        ))}
      </ul>
    </section>
  );
}

function EndpointCard({
  endpoint: e,
  colors,
  charted,
  onChart,
}: {
  endpoint: EndpointInfo;
  colors: Record<string, string>;
  charted: boolean;
  onChart: (() => void) | null;
}) {
  const badge = endpointBadge(e);
  const served = servedVersions(e);
  const links = endpointLinks(e);
  return (
    <li
      className={`min-w-0 rounded-lg border bg-surface p-3 text-sm shadow-sm ${charted ? "border-accent" : "border-border"}`}
      data-testid="serving-endpoint"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono font-medium">{e.name}</span>
        <Badge
          tone={badge.tone}
          title={e.status ? `checked ${formatRelativeTime(e.status.checkedAt)}` : undefined}
        >
          {badge.label}
        </Badge>
        <span className="text-xs text-muted">{endpointSubtitle(e)}</span>
        {onChart && (
          <button
            type="button"
            aria-pressed={charted}
            onClick={onChart}
            className="ml-auto rounded-md border border-border px-2 py-0.5 text-xs text-muted hover:text-fg aria-pressed:border-accent aria-pressed:text-fg"
          >
            {charted ? "Charted below" : "Chart this one"}
          </button>
        )}
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-muted">Status</dt>
        <dd>
          {e.status ? (
            <>
              live {e.status.live ? "yes" : "no"} · ready {e.status.ready ? "yes" : "no"} · answered in{" "}
              {formatMetric(e.status.latencyMs, 0)} ms · {formatRelativeTime(e.status.checkedAt)}
            </>
          ) : e.enabled ? (
            `first check within ${e.intervalSeconds} s`
          ) : (
            "checks paused"
          )}
        </dd>
        <dt className="text-muted">Versions</dt>
        <dd data-testid="served-versions">
          {served.versions.length > 0 ? (
            <ul className="flex flex-wrap gap-2">
              {served.versions.map((v) => (
                <li key={v.serverVersion} className="inline-flex items-center gap-1 font-mono">
                  <span
                    aria-hidden="true"
                    className="h-2 w-2 rounded-full"
                    style={{ background: colors[v.version] ?? "var(--muted)" }}
                  />
                  {v.version}
                  {v.serverVersion !== v.version && (
                    <span className="text-muted">(server {v.serverVersion})</span>
                  )}
                  <Badge tone={v.ready ? "good" : "warn"}>
                    {v.ready ? "ready" : v.state.toLowerCase() || "not ready"}
                  </Badge>
                </li>
              ))}
            </ul>
          ) : e.status ? (
            <span className="text-muted">
              {served.found ? "none reported" : `the server does not list "${e.serverModel ?? e.model}"`}
            </span>
          ) : (
            "—"
          )}
        </dd>
        {e.status && e.status.problems.length > 0 && (
          <>
            <dt className="text-bad">Problems</dt>
            <dd>
              <ul className="list-disc space-y-0.5 pl-4" data-testid="endpoint-problems">
                {e.status.problems.map((p) => (
                  <li key={p} className="break-words">
                    {p}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt className="text-muted">Links</dt>
        <dd className="flex flex-wrap gap-3">
          {links.length === 0 && "—"}
          {links.map((l) => (
            <a
              key={l.key}
              href={l.href}
              target="_blank"
              rel="noopener noreferrer"
              className="text-accent underline"
              title={l.href}
            >
              {l.label}
            </a>
          ))}
        </dd>
      </dl>
    </li>
  );
}
