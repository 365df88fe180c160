// The serving-endpoint form: its text fields, and the body it sends (POST to create, PATCH to edit). On an
// edit, an optional field emptied is sent as null (cleared); on create it is left out (the server's default).

import { type EndpointInfo, type EndpointKind, parseVersionMap, versionMapText } from "./cluster-endpoints";
import { addIssue, httpUrl, type Issues, numberText, readNumber } from "./cluster-fields";

/** The fields the API may name in a 400 (nested links by their dotted path). */
export const ENDPOINT_FIELDS = [
  "name",
  "kind",
  "baseUrl",
  "model",
  "serverModel",
  "managementUrl",
  "versionMap",
  "gpuSelector",
  "metricsJob",
  "links.metrics",
  "links.grafana",
  "links.kubernetes",
  "links",
  "intervalSeconds",
  "timeoutSeconds",
  "enabled",
  "authorization",
] as const;

export interface EndpointDraft {
  name: string;
  kind: EndpointKind;
  baseUrl: string;
  model: string;
  serverModel: string;
  managementUrl: string;
  versionMap: string;
  gpuSelector: string;
  metricsJob: string;
  linkMetrics: string;
  linkGrafana: string;
  linkKubernetes: string;
  intervalSeconds: string;
  timeoutSeconds: string;
  enabled: boolean;
  /** a new Authorization header value; "" keeps the stored one */
  authorization: string;
  removeAuthorization: boolean;
}

export function endpointDraftOf(e: EndpointInfo | null, defaultModel = ""): EndpointDraft {
  return {
    name: e?.name ?? "",
    kind: e?.kind ?? "triton",
    baseUrl: e?.baseUrl ?? "",
    model: e?.model ?? defaultModel,
    serverModel: e?.serverModel ?? "",
    managementUrl: e?.managementUrl ?? "",
    versionMap: e ? versionMapText(e.versionMap) : "",
    gpuSelector: e?.gpuSelector ?? "",
    metricsJob: e?.metricsJob ?? "",
    linkMetrics: e?.links.metrics ?? "",
    linkGrafana: e?.links.grafana ?? "",
    linkKubernetes: e?.links.kubernetes ?? "",
    intervalSeconds: numberText(e?.intervalSeconds),
    timeoutSeconds: numberText(e?.timeoutSeconds),
    enabled: e?.enabled ?? true,
    authorization: "",
    removeAuthorization: false,
  };
}

export type EndpointBody = Record<string, unknown>;

/** An optional text: the trimmed value; when empty, null on an edit (clears it) and absent on create. */
function optional(body: EndpointBody, key: string, text: string, editing: boolean): void {
  const v = text.trim();
  if (v) body[key] = v;
  else if (editing) body[key] = null;
}

/** The request body, or the issues found before sending (the server checks everything again). */
export function endpointBodyOf(
  d: EndpointDraft,
  editing: boolean,
): { body: EndpointBody; issues: Issues } | { body: null; issues: Issues } {
  const issues: Issues = {};
  const body: EndpointBody = { kind: d.kind, enabled: d.enabled };
  const name = d.name.trim();
  if (!name) addIssue(issues, "name", "required");
  else body.name = name;
  const baseUrl = d.baseUrl.trim();
  if (!baseUrl) addIssue(issues, "baseUrl", "required: the inference API's URL, e.g. http://triton:8000");
  else body.baseUrl = baseUrl;
  if (!d.model) addIssue(issues, "model", "choose the Vigil model this endpoint serves");
  else body.model = d.model;
  optional(body, "serverModel", d.serverModel, editing);
  optional(body, "managementUrl", d.managementUrl, editing);
  optional(body, "gpuSelector", d.gpuSelector, editing);
  optional(body, "metricsJob", d.metricsJob, editing);

  const versions = parseVersionMap(d.versionMap);
  if ("error" in versions) addIssue(issues, "versionMap", versions.error);
  else if (Object.keys(versions.map).length > 0 || editing) body.versionMap = versions.map;

  const links: Record<string, string | null> = {};
  for (const [key, text] of [
    ["metrics", d.linkMetrics],
    ["grafana", d.linkGrafana],
    ["kubernetes", d.linkKubernetes],
  ] as const) {
    const v = text.trim();
    if (v && !httpUrl(v)) addIssue(issues, `links.${key}`, "an http(s) URL");
    if (v) links[key] = v;
    else if (editing) links[key] = null;
  }
  if (Object.keys(links).length > 0) body.links = links;

  const interval = readNumber(issues, "intervalSeconds", d.intervalSeconds, "a number of seconds");
  const timeout = readNumber(issues, "timeoutSeconds", d.timeoutSeconds, "a number of seconds");
  if (interval !== undefined) body.intervalSeconds = interval;
  if (timeout !== undefined) body.timeoutSeconds = timeout;
  if (d.removeAuthorization && editing) body.authorization = null;
  else if (d.authorization.trim()) body.authorization = d.authorization.trim();
  return Object.keys(issues).length ? { body: null, issues } : { body, issues };
}
