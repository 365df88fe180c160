// The scrape-target form (docs/cluster.md, "Targets"): what the form holds as text, the body it sends
// (POST for a new target, PATCH for an edit), and the few checks worth doing before the server does them all.
import type { TargetInfo } from "../cluster/targets";
import { addIssue, type Issues, numberText, readNumber } from "./cluster-fields";

// The kinds as lib/cluster/targets.ts lists them (not imported: that module resolves hosts, server-only).
export const TARGET_KIND_OPTIONS = [
  { kind: "dcgm", label: "DCGM exporter (:9400/metrics)" },
  { kind: "triton", label: "Triton (:8002/metrics)" },
  { kind: "torchserve", label: "TorchServe (:8082/metrics)" },
  { kind: "tfserving", label: "TF Serving (:8501/monitoring/prometheus/metrics)" },
  { kind: "node", label: "Node exporter (:9100/metrics)" },
  { kind: "generic", label: "Generic (/metrics)" },
] as const;

export type TargetKindOption = (typeof TARGET_KIND_OPTIONS)[number]["kind"];

/** The fields the API may name in a 400, in the form's order. */
export const TARGET_FIELDS = [
  "kind",
  "url",
  "job",
  "intervalSeconds",
  "timeoutSeconds",
  "sampleLimit",
  "enabled",
  "authorization",
] as const;

export interface TargetDraft {
  kind: TargetKindOption;
  url: string;
  job: string;
  intervalSeconds: string;
  timeoutSeconds: string;
  sampleLimit: string;
  enabled: boolean;
  /** a new Authorization header value; "" keeps the stored one */
  authorization: string;
  removeAuthorization: boolean;
}

export function targetDraftOf(target: TargetInfo | null): TargetDraft {
  return {
    kind: target?.kind ?? "dcgm",
    url: target?.url ?? "",
    job: target?.job ?? "",
    intervalSeconds: numberText(target?.intervalSeconds),
    timeoutSeconds: numberText(target?.timeoutSeconds),
    sampleLimit: numberText(target?.sampleLimit),
    enabled: target?.enabled ?? true,
    authorization: "",
    removeAuthorization: false,
  };
}

export type TargetBody = {
  kind?: TargetKindOption;
  url?: string;
  job?: string;
  intervalSeconds?: number;
  timeoutSeconds?: number;
  sampleLimit?: number;
  enabled?: boolean;
  authorization?: string | null;
};

/**
 * The request body, or the issues found before sending. Empty number fields are left out: the server's
 * defaults on create, the stored values on an edit. The authorization is write-only: "" keeps it.
 */
export function targetBodyOf(
  d: TargetDraft,
  editing: boolean,
): { body: TargetBody; issues: Issues } | { body: null; issues: Issues } {
  const issues: Issues = {};
  const url = d.url.trim();
  if (!url) addIssue(issues, "url", "required: a metrics URL, or a host[:port] for the kind's default");
  const body: TargetBody = { kind: d.kind, url, enabled: d.enabled };
  const job = d.job.trim();
  if (job) body.job = job;
  const interval = readNumber(issues, "intervalSeconds", d.intervalSeconds, "a number of seconds");
  const timeout = readNumber(issues, "timeoutSeconds", d.timeoutSeconds, "a number of seconds");
  const limit = readNumber(issues, "sampleLimit", d.sampleLimit, "an integer");
  if (limit !== undefined && !Number.isInteger(limit)) addIssue(issues, "sampleLimit", "an integer");
  if (interval !== undefined) body.intervalSeconds = interval;
  if (timeout !== undefined) body.timeoutSeconds = timeout;
  if (limit !== undefined) body.sampleLimit = limit;
  if (d.removeAuthorization && editing) body.authorization = null;
  else if (d.authorization.trim()) body.authorization = d.authorization.trim();
  return Object.keys(issues).length ? { body: null, issues } : { body, issues };
}
