"use client";
// Create an API key: a name, a scope and an expiry (never, a number of days, or a date). The key comes back in
// the answer only, and is shown once with a copy button.
import { type FormEvent, useState } from "react";
import { fieldIssues } from "@/lib/charts/cluster-fields";
import { controlClass, Field, Issues, primaryButton } from "../experiments/form-fields";
import { ApiError } from "../hooks/fetch-json";
import { ShownOnce } from "./shown-once";
import { useCreateApiKey } from "./use-admin";

const SCOPES = [
  { value: "ingest", label: "ingest — send predictions, labels, events, samples" },
  { value: "read", label: "read — every read, PromQL (Grafana)" },
  { value: "admin", label: "admin — everything" },
] as const;

const EXPIRY = [
  { value: "never", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
  { value: "date", label: "On a date…" },
] as const;

export function ApiKeyForm() {
  const [name, setName] = useState("");
  const [scope, setScope] = useState("ingest");
  const [expiry, setExpiry] = useState<string>("never");
  const [date, setDate] = useState("");
  const [shown, setShown] = useState<{ key: string; name: string } | null>(null);
  const create = useCreateApiKey();
  const issues =
    create.error instanceof ApiError
      ? fieldIssues(create.error.message, ["name", "scope", "expiresAt", "expiresInDays"])
      : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    setShown(null);
    const body: { name: string; scope: string; expiresInDays?: number; expiresAt?: string } = { name, scope };
    if (expiry === "date") body.expiresAt = date ? new Date(`${date}T00:00:00`).toISOString() : "";
    else if (expiry !== "never") body.expiresInDays = Number(expiry);
    create.mutate(body, {
      onSuccess: (created) => {
        setShown({ key: created.key, name: created.apiKey.name });
        setName("");
      },
    });
  }

  const expiryIssues = [...(issues?.byField.expiresAt ?? []), ...(issues?.byField.expiresInDays ?? [])];
  return (
    <div className="space-y-3">
      <form
        onSubmit={submit}
        aria-label="Create an API key"
        className="flex flex-wrap items-end gap-3"
        noValidate
      >
        <Field label="Name" field="name" issues={issues?.byField.name} className="w-56">
          {(p) => (
            <input
              {...p}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="checkout-service"
              className={controlClass}
            />
          )}
        </Field>
        <Field label="Scope" field="scope" issues={issues?.byField.scope} className="w-72">
          {(p) => (
            <select {...p} value={scope} onChange={(e) => setScope(e.target.value)} className={controlClass}>
              {SCOPES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Expires"
          field="expiry"
          issues={expiry === "date" ? undefined : expiryIssues}
          className="w-40"
        >
          {(p) => (
            <select
              {...p}
              value={expiry}
              onChange={(e) => setExpiry(e.target.value)}
              className={controlClass}
            >
              {EXPIRY.map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {expiry === "date" && (
          <Field label="Expiry date" field="expiresAt" issues={expiryIssues} className="w-44">
            {(p) => (
              <input
                {...p}
                type="date"
                value={date}
                onChange={(e) => setDate(e.target.value)}
                className={controlClass}
              />
            )}
          </Field>
        )}
        <button type="submit" className={primaryButton} disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create key"}
        </button>
      </form>
      <Issues messages={issues?.general ?? (create.error && !issues ? [create.error.message] : undefined)} />
      {shown && (
        <ShownOnce
          title={`API key "${shown.name}"`}
          value={shown.key}
          note="Copy it now and store it as a secret: this is the only time it is shown. Vigil keeps only its hash; if it is lost, revoke it and create another."
          onDone={() => setShown(null)}
          testId="new-api-key"
        />
      )}
    </div>
  );
}
