// Serving endpoints as the Cluster page reads them (GET /api/v1/serving-endpoints): the shape of one, and
// the verdict each row shows first (live/ready, what went wrong) with the versions the server serves.
import type { EndpointInfo as ServerEndpointInfo } from "../cluster/endpoints";

export const ENDPOINT_KIND_OPTIONS = [
  { kind: "triton", label: "Triton (Open Inference Protocol)" },
  { kind: "kserve-v2", label: "KServe v2 (Open Inference Protocol)" },
  { kind: "torchserve", label: "TorchServe" },
  { kind: "tfserving", label: "TF Serving" },
  { kind: "generic", label: "Generic (GET the base URL)" },
] as const;

export type EndpointKind = (typeof ENDPOINT_KIND_OPTIONS)[number]["kind"];

/** The API's own type (lib/cluster/endpoints.ts), so the page and the server cannot drift apart. */
export type EndpointInfo = ServerEndpointInfo;

export type EndpointVerdict = "ready" | "not-ready" | "down" | "unchecked" | "disabled";

/** The one word a row leads with: ready, live but not ready, down, not checked yet, or disabled. */
export function endpointVerdict(e: Pick<EndpointInfo, "enabled" | "status">): EndpointVerdict {
  if (!e.status) return e.enabled ? "unchecked" : "disabled";
  if (!e.status.live) return "down";
  return e.status.ready ? "ready" : "not-ready";
}

export const VERDICT_TONE: Record<EndpointVerdict, "good" | "warn" | "bad" | "muted"> = {
  ready: "good",
  "not-ready": "warn",
  down: "bad",
  unchecked: "muted",
  disabled: "muted",
};

export const VERDICT_LABEL: Record<EndpointVerdict, string> = {
  ready: "live · ready",
  "not-ready": "live · not ready",
  down: "down",
  unchecked: "not checked yet",
  disabled: "disabled",
};

export interface VersionChip {
  /** the Vigil version when versionMap maps to it, else null */
  vigil: string | null;
  server: string;
  state: string;
  ready: boolean;
}

/**
 * The versions of the endpoint's own model on the server (serverModel, else the Vigil model's name; all
 * models when the server reports only one), each with the Vigil version it stands for.
 */
export function servedVersions(
  e: Pick<EndpointInfo, "model" | "serverModel" | "versionMap" | "status">,
): VersionChip[] {
  const models = e.status?.models ?? [];
  const name = e.serverModel ?? e.model;
  const mine = models.filter((m) => m.name === name);
  const chosen = mine.length > 0 ? mine : models.length === 1 ? models : [];
  const back = new Map(Object.entries(e.versionMap).map(([vigil, server]) => [server, vigil]));
  return chosen
    .flatMap((m) => m.versions)
    .map((v) => ({ vigil: back.get(v.version) ?? null, server: v.version, state: v.state, ready: v.ready }))
    .sort((a, b) => a.server.localeCompare(b.server, "en", { numeric: true }));
}

/** "v1=1, v2=2": the version map as the form shows it. */
export function versionMapText(map: Record<string, string>): string {
  return Object.entries(map)
    .map(([vigil, server]) => `${vigil}=${server}`)
    .join(", ");
}

/** "v1=1, v2=2" → {v1: "1", v2: "2"}, or the first entry that is not vigil=server. */
export function parseVersionMap(text: string): { map: Record<string, string> } | { error: string } {
  const map: Record<string, string> = {};
  for (const raw of text.split(/[,\n]/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const eq = entry.indexOf("=");
    const vigil = eq > 0 ? entry.slice(0, eq).trim() : "";
    const server = eq > 0 ? entry.slice(eq + 1).trim() : "";
    if (!vigil || !server) return { error: `"${entry}" is not vigil_version=server_version` };
    if (Object.hasOwn(map, vigil)) return { error: `version "${vigil}" is mapped twice` };
    map[vigil] = server;
  }
  return { map };
}
