"use client";
// Add or edit a serving endpoint: where the server answers (kind, base URL, management URL), which Vigil model
// it serves and under which name and versions, how to find its GPUs (a PromQL selector) and metrics (a job),
// links out, how often to check it, and a write-only Authorization header. The API's 400 message is split per
// field and shown under the field it names.
import { type ReactNode, useState } from "react";
import {
  ENDPOINT_FIELDS,
  type EndpointDraft,
  endpointBodyOf,
  endpointDraftOf,
} from "@/lib/charts/cluster-endpoint-form";
import { ENDPOINT_KIND_OPTIONS, type EndpointInfo, type EndpointKind } from "@/lib/charts/cluster-endpoints";
import { fieldIssues, type Issues } from "@/lib/charts/cluster-fields";
import {
  controlClass,
  Field,
  Issues as IssueList,
  primaryButton,
  secondaryButton,
} from "../experiments/form-fields";
import { useSaveEndpoint } from "../hooks/use-cluster-mutations";
import { useModels } from "../hooks/use-models";
import { AuthorizationField, RemoveAuthorizationToggle } from "./authorization-field";

type TextKey = {
  [K in keyof EndpointDraft]: EndpointDraft[K] extends string ? K : never;
}[keyof EndpointDraft];

export function EndpointForm({ endpoint, onDone }: { endpoint: EndpointInfo | null; onDone: () => void }) {
  const models = useModels().data?.models ?? [];
  const [d, setD] = useState<EndpointDraft>(() => endpointDraftOf(endpoint));
  const [issues, setIssues] = useState<Issues>({});
  const [general, setGeneral] = useState<string[]>([]);
  const save = useSaveEndpoint(endpoint?.id ?? null);
  const set = (patch: Partial<EndpointDraft>) => setD((cur) => ({ ...cur, ...patch }));
  const editing = endpoint !== null;

  function submit() {
    const built = endpointBodyOf(d, editing);
    setIssues(built.issues);
    setGeneral([]);
    if (!built.body) return;
    save.mutate(built.body, {
      onSuccess: onDone,
      onError: (error) => {
        const split = fieldIssues(error.message, ENDPOINT_FIELDS);
        setIssues(split.byField);
        setGeneral(split.general);
      },
    });
  }

  /** A text input bound to one draft field, its issues from the API field of the same (or a given) name. */
  const text = (
    key: TextKey,
    label: string,
    opts: { hint?: string; placeholder?: string; api?: string; mono?: boolean; className?: string } = {},
  ): ReactNode => (
    <Field
      label={label}
      hint={opts.hint}
      field={`endpoint-${key}`}
      issues={issues[opts.api ?? key]}
      className={opts.className}
    >
      {(p) => (
        <input
          {...p}
          className={`${controlClass} ${opts.mono ? "font-mono" : ""}`}
          value={d[key]}
          placeholder={opts.placeholder}
          onChange={(e) => set({ [key]: e.target.value })}
        />
      )}
    </Field>
  );

  const modelNames = models.map((m) => m.name);
  return (
    <form
      className="min-w-0 space-y-3 rounded-lg border border-border bg-surface-2/40 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      aria-label={editing ? `Edit serving endpoint ${endpoint.name}` : "New serving endpoint"}
      data-testid="endpoint-form"
      noValidate
    >
      <h3 className="text-sm font-semibold">{editing ? `Edit ${endpoint.name}` : "New serving endpoint"}</h3>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {text("name", "Name", {
          hint: "letters, digits, . _ -",
          placeholder: "triton-recommender",
          mono: true,
        })}
        <Field label="Kind" field="endpoint-kind" issues={issues.kind}>
          {(p) => (
            <select
              {...p}
              className={controlClass}
              value={d.kind}
              onChange={(e) => set({ kind: e.target.value as EndpointKind })}
            >
              {ENDPOINT_KIND_OPTIONS.map((o) => (
                <option key={o.kind} value={o.kind}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Model" hint="the Vigil model it serves" field="endpoint-model" issues={issues.model}>
          {(p) => (
            <select
              {...p}
              className={controlClass}
              value={d.model}
              onChange={(e) => set({ model: e.target.value })}
            >
              <option value="">Choose a model…</option>
              {modelNames.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
              {d.model && !modelNames.includes(d.model) && <option value={d.model}>{d.model}</option>}
            </select>
          )}
        </Field>
        {text("baseUrl", "Base URL", {
          hint: "the inference API, e.g. http://triton:8000",
          placeholder: "http://triton.serving.svc:8000",
          mono: true,
          className: "sm:col-span-2",
        })}
        {text("serverModel", "Model name on the server", {
          hint: "default: the Vigil model's name",
          mono: true,
        })}
        {text("managementUrl", "Management URL", {
          hint: "TorchServe's management API (default: base URL, port 8081)",
          mono: true,
        })}
        {text("versionMap", "Version map", {
          hint: "Vigil version = server version, comma separated",
          placeholder: "v1=1, v2=2",
          mono: true,
        })}
        {text("metricsJob", "Metrics job", {
          hint: "the job label of its scraped metrics",
          placeholder: "triton",
          mono: true,
        })}
        {text("gpuSelector", "GPU selector", {
          hint: "label matchers of its GPUs' series",
          placeholder: '{namespace="serving",pod=~"triton-.*"}',
          mono: true,
          className: "sm:col-span-2 lg:col-span-3",
        })}
        {text("linkMetrics", "Metrics link", { api: "links.metrics", placeholder: "https://…", mono: true })}
        {text("linkGrafana", "Grafana link", {
          api: "links.grafana",
          placeholder: "https://grafana…",
          mono: true,
        })}
        {text("linkKubernetes", "Kubernetes link", {
          api: "links.kubernetes",
          placeholder: "https://dashboard…",
          mono: true,
        })}
        {text("intervalSeconds", "Check interval (s)", { hint: "default 30, at least 5", placeholder: "30" })}
        {text("timeoutSeconds", "Timeout (s)", {
          hint: "default 5, at most the interval and 30",
          placeholder: "5",
        })}
        <AuthorizationField
          stored={endpoint?.hasAuthorization ?? false}
          value={d.authorization}
          removing={d.removeAuthorization}
          onChange={(authorization) => set({ authorization })}
          hint={'sent with every check, e.g. "Bearer …"; stored encrypted'}
          field="endpoint-authorization"
          issues={issues.authorization}
        />
      </div>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          Enabled (checked on its interval)
        </label>
        <RemoveAuthorizationToggle
          stored={endpoint?.hasAuthorization ?? false}
          removing={d.removeAuthorization}
          onChange={(removeAuthorization) => set({ removeAuthorization })}
        />
      </div>
      <IssueList
        messages={[...general, ...(issues.links ?? []), ...(issues.enabled ?? [])]}
        testId="endpoint-form-error"
      />
      <div className="flex gap-2">
        <button type="submit" className={primaryButton} disabled={save.isPending} data-testid="endpoint-save">
          {save.isPending ? "Saving…" : editing ? "Save endpoint" : "Add endpoint"}
        </button>
        <button type="button" className={secondaryButton} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
