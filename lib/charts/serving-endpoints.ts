// The serving endpoints of a model as the Serving tab shows them (GET /api/v1/serving-endpoints?model=): the
// client's view of the API's shape, status → badge, versions served (named as Vigil names them) and links out.
import type { ServingKind, ServingTarget } from "../cluster/serving-queries";
import { kindName, serverVersionOf, vigilVersionOf } from "../cluster/serving-queries";

export interface ServedModelInfo {
  name: string;
  platform: string | null;
  versions: Array<{ version: string; state: string; ready: boolean }>;
}

export interface EndpointStatus {
  checkedAt: string;
  live: boolean;
  ready: boolean;
  latencyMs: number;
  problems: string[];
  models: ServedModelInfo[];
}

export interface EndpointInfo {
  id: number;
  name: string;
  kind: ServingKind;
  baseUrl: string;
  managementUrl: string | null;
  model: string;
  /** The model's name on the server (the API fills in the Vigil name when none was set). */
  serverModel: string | null;
  /** Vigil version → server version; versions not listed keep their own name. */
  versionMap: Record<string, string>;
  gpuSelector: string | null;
  metricsJob: string | null;
  links: { metrics: string | null; grafana: string | null; kubernetes: string | null };
  intervalSeconds: number;
  timeoutSeconds: number;
  enabled: boolean;
  hasAuthorization: boolean;
  createdAt: string;
  status: EndpointStatus | null;
}

export type StatusTone = "good" | "warn" | "bad" | "muted";

/** The badge of an endpoint: paused, not checked yet, ready, live but not ready, or down. */
export function endpointBadge(e: Pick<EndpointInfo, "enabled" | "status">): {
  tone: StatusTone;
  label: string;
} {
  if (!e.enabled) return { tone: "muted", label: "Paused" };
  if (!e.status) return { tone: "muted", label: "Not checked yet" };
  if (e.status.live && e.status.ready) return { tone: "good", label: "Ready" };
  if (e.status.live) return { tone: "warn", label: "Live, not ready" };
  return { tone: "bad", label: "Down" };
}

/** The worst badge of several endpoints (for the header): down > not ready > ready; null when there are none. */
export function overallBadge(
  endpoints: ReadonlyArray<Pick<EndpointInfo, "enabled" | "status">>,
): { tone: StatusTone; label: string } | null {
  const badges = endpoints.filter((e) => e.enabled).map(endpointBadge);
  if (badges.length === 0) return endpoints.length > 0 ? { tone: "muted", label: "Paused" } : null;
  const rank: Record<StatusTone, number> = { bad: 3, warn: 2, muted: 1, good: 0 };
  return badges.reduce((worst, b) => (rank[b.tone] > rank[worst.tone] ? b : worst));
}

/** Only http(s) URLs become links; anything else (javascript:, data:, garbage) is shown as text or not at all. */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

export interface EndpointLink {
  key: "base" | "metrics" | "grafana" | "kubernetes";
  label: string;
  href: string;
}

export function endpointLinks(e: Pick<EndpointInfo, "baseUrl" | "links">): EndpointLink[] {
  const candidates: Array<[EndpointLink["key"], string, string | null]> = [
    ["base", "Endpoint", e.baseUrl],
    ["metrics", "Metrics", e.links.metrics],
    ["grafana", "Grafana", e.links.grafana],
    ["kubernetes", "Kubernetes", e.links.kubernetes],
  ];
  return candidates.flatMap(([key, label, raw]) => {
    const href = safeHttpUrl(raw);
    return href ? [{ key, label, href }] : [];
  });
}

export interface ServedVersion {
  /** The Vigil version name (versionMap read backwards), and the server's. */
  version: string;
  serverVersion: string;
  state: string;
  ready: boolean;
}

/** The versions the server says it serves for this endpoint's model, named as Vigil names them. */
export function servedVersions(e: Pick<EndpointInfo, "model" | "serverModel" | "versionMap" | "status">): {
  found: boolean;
  versions: ServedVersion[];
} {
  const name = e.serverModel ?? e.model;
  const served = e.status?.models.find((m) => m.name === name);
  if (!served) return { found: false, versions: [] };
  const versions = served.versions
    .map((v) => ({
      version: vigilVersionOf(e.versionMap, v.version),
      serverVersion: v.version,
      state: v.state,
      ready: v.ready,
    }))
    .sort((a, b) => a.version.localeCompare(b.version, undefined, { numeric: true }));
  return { found: true, versions };
}

/** What the queries need, for the selected Vigil version (null: every version). */
export function servingTarget(e: EndpointInfo, version: string | null): ServingTarget {
  return {
    kind: e.kind,
    serverModel: e.serverModel ?? e.model,
    serverVersion: version === null ? null : serverVersionOf(e.versionMap, version),
    gpuSelector: e.gpuSelector,
    metricsJob: e.metricsJob,
  };
}

/** "Triton · recommender" style subtitle. */
export function endpointSubtitle(e: Pick<EndpointInfo, "kind" | "model" | "serverModel">): string {
  const server = e.serverModel ?? e.model;
  return server === e.model ? kindName(e.kind) : `${kindName(e.kind)} · serves it as "${server}"`;
}
