"use client";
// Create or edit a contact point: email (SMTP settings + password), Slack (the incoming-webhook URL is the
// secret) or webhook (URL + optional HMAC key). Secrets are write-only: a stored one shows as "set" and is
// kept unless replaced or removed.
import { useState } from "react";
import type { ContactPointBody, ContactPointInfo } from "@/lib/alerts/api-schemas";
import { type CONTACT_POINT_KINDS, SMTP_SECURITY } from "@/lib/alerts/api-schemas";
import { controlClass, Field, primaryButton, secondaryButton } from "../experiments/form-fields";
import { useSaveContactPoint } from "../hooks/use-alerting-notify";

type Kind = (typeof CONTACT_POINT_KINDS)[number];

interface Draft {
  name: string;
  kind: Kind;
  url: string;
  host: string;
  port: string;
  security: (typeof SMTP_SECURITY)[number];
  rejectUnauthorized: boolean;
  username: string;
  from: string;
  to: string;
  secret: string;
  removeSecret: boolean;
  sendResolved: boolean;
}

const str = (v: unknown, fallback = "") =>
  typeof v === "string" || typeof v === "number" ? String(v) : fallback;

function draftOf(cp: ContactPointInfo | null): Draft {
  const s = cp?.settings ?? {};
  return {
    name: cp?.name ?? "",
    kind: cp?.kind ?? "webhook",
    url: str(s.url),
    host: str(s.host),
    port: str(s.port, "587"),
    security: (SMTP_SECURITY as readonly string[]).includes(str(s.security))
      ? (s.security as Draft["security"])
      : "starttls",
    rejectUnauthorized: s.rejectUnauthorized !== false,
    username: str(s.username),
    from: str(s.from),
    to: Array.isArray(s.to) ? s.to.join(", ") : "",
    secret: "",
    removeSecret: false,
    sendResolved: cp?.sendResolved ?? true,
  };
}

function bodyOf(d: Draft): ContactPointBody {
  const secret = d.removeSecret ? null : d.secret.trim() ? d.secret.trim() : undefined;
  const common = {
    name: d.name.trim(),
    sendResolved: d.sendResolved,
    ...(secret !== undefined ? { secret } : {}),
  };
  if (d.kind === "slack") return { ...common, kind: "slack", settings: {} };
  if (d.kind === "webhook") return { ...common, kind: "webhook", settings: { url: d.url.trim() } };
  return {
    ...common,
    kind: "email",
    settings: {
      host: d.host.trim(),
      port: Number(d.port),
      security: d.security,
      rejectUnauthorized: d.rejectUnauthorized,
      username: d.username.trim() || null,
      from: d.from.trim(),
      to: d.to.split(/[,\s]+/).filter(Boolean),
    },
  };
}

const SECRET_LABEL: Record<Kind, string> = {
  email: "SMTP password",
  slack: "Slack incoming-webhook URL",
  webhook: "HMAC-SHA256 signing key (optional)",
};

export function ContactPointForm({
  contactPoint,
  onDone,
}: {
  contactPoint: ContactPointInfo | null;
  onDone: () => void;
}) {
  const [d, setD] = useState<Draft>(() => draftOf(contactPoint));
  const save = useSaveContactPoint(contactPoint?.id ?? null);
  const set = (patch: Partial<Draft>) => setD((cur) => ({ ...cur, ...patch }));
  const stored = contactPoint?.hasSecret && contactPoint.kind === d.kind;

  return (
    <form
      className="min-w-0 space-y-3 rounded-lg border border-border bg-surface p-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(bodyOf(d), { onSuccess: onDone });
      }}
      data-testid="contact-point-form"
    >
      <h2 className="text-sm font-semibold">
        {contactPoint ? `Edit ${contactPoint.name}` : "New contact point"}
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" field="cp-name">
          {(p) => (
            <input
              {...p}
              className={controlClass}
              value={d.name}
              placeholder="ml-oncall"
              onChange={(e) => set({ name: e.target.value })}
            />
          )}
        </Field>
        <Field label="Kind" field="cp-kind">
          {(p) => (
            <select
              {...p}
              className={controlClass}
              value={d.kind}
              onChange={(e) => set({ kind: e.target.value as Kind })}
            >
              <option value="webhook">Webhook (Alertmanager JSON)</option>
              <option value="slack">Slack</option>
              <option value="email">Email (SMTP)</option>
            </select>
          )}
        </Field>
      </div>
      {d.kind === "webhook" && (
        <Field
          label="URL"
          hint="must be allowed by VIGIL_OUTBOUND_ALLOWLIST for private addresses"
          field="cp-url"
        >
          {(p) => (
            <input
              {...p}
              className={`${controlClass} font-mono`}
              value={d.url}
              placeholder="https://example.com/alerts"
              onChange={(e) => set({ url: e.target.value })}
            />
          )}
        </Field>
      )}
      {d.kind === "email" && (
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="SMTP host" field="cp-host">
            {(p) => (
              <input
                {...p}
                className={controlClass}
                value={d.host}
                onChange={(e) => set({ host: e.target.value })}
              />
            )}
          </Field>
          <Field label="Port" field="cp-port">
            {(p) => (
              <input
                {...p}
                className={controlClass}
                inputMode="numeric"
                value={d.port}
                onChange={(e) => set({ port: e.target.value })}
              />
            )}
          </Field>
          <Field label="Security" field="cp-security">
            {(p) => (
              <select
                {...p}
                className={controlClass}
                value={d.security}
                onChange={(e) => set({ security: e.target.value as Draft["security"] })}
              >
                {SMTP_SECURITY.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Username" field="cp-user">
            {(p) => (
              <input
                {...p}
                className={controlClass}
                value={d.username}
                onChange={(e) => set({ username: e.target.value })}
              />
            )}
          </Field>
          <Field label="From" field="cp-from">
            {(p) => (
              <input
                {...p}
                className={controlClass}
                value={d.from}
                placeholder="vigil@example.com"
                onChange={(e) => set({ from: e.target.value })}
              />
            )}
          </Field>
          <Field label="To (comma-separated)" field="cp-to">
            {(p) => (
              <input
                {...p}
                className={controlClass}
                value={d.to}
                onChange={(e) => set({ to: e.target.value })}
              />
            )}
          </Field>
          <label className="flex items-center gap-2 text-sm sm:col-span-3">
            <input
              type="checkbox"
              checked={d.rejectUnauthorized}
              onChange={(e) => set({ rejectUnauthorized: e.target.checked })}
            />
            Verify the server's TLS certificate
          </label>
        </div>
      )}
      <Field
        label={SECRET_LABEL[d.kind]}
        hint={
          stored
            ? "Set (never shown). Leave empty to keep it, or type a new one to replace it."
            : "Stored encrypted; never shown again."
        }
        field="cp-secret"
      >
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            className={`${controlClass} font-mono`}
            value={d.secret}
            disabled={d.removeSecret}
            placeholder={stored ? "•••••• (set)" : ""}
            onChange={(e) => set({ secret: e.target.value })}
          />
        )}
      </Field>
      {stored && d.kind !== "slack" && (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={d.removeSecret}
            onChange={(e) => set({ removeSecret: e.target.checked })}
          />
          Remove the stored secret
        </label>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={d.sendResolved}
          onChange={(e) => set({ sendResolved: e.target.checked })}
        />
        Also notify when alerts resolve
      </label>
      {save.error && (
        <p role="alert" className="break-words text-sm text-bad" data-testid="cp-error">
          {save.error.message}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primaryButton} disabled={save.isPending} data-testid="cp-save">
          {save.isPending ? "Saving…" : "Save contact point"}
        </button>
        <button type="button" className={secondaryButton} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
