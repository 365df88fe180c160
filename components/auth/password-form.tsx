"use client";
// The shared form of the invite and reset pages: fields, the API's problems under the field they name, and a
// redirect to the overview once the server has signed the user in.
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useState } from "react";
import { fieldIssues } from "@/lib/charts/cluster-fields";
import { Issues } from "../experiments/form-fields";
import { AlertIcon } from "../icons";

export const authInput =
  "block w-full rounded-md border border-border bg-surface px-3 py-2 text-sm text-fg placeholder:text-muted focus:border-accent focus:outline-2 focus:outline-accent aria-invalid:border-bad";

export function PasswordForm({
  action,
  fields,
  submitLabel,
  busyLabel,
  children,
}: {
  /** the route to POST the form's fields (plus the token) to */
  action: { url: string; token: string };
  fields: readonly string[];
  submitLabel: string;
  busyLabel: string;
  children: (issues: Record<string, string[] | undefined>) => ReactNode;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<Record<string, string[] | undefined>>({});
  const [general, setGeneral] = useState<string[]>([]);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body: Record<string, string> = { token: action.token };
    for (const f of fields) body[f] = String(form.get(f) ?? "");
    if (form.has("confirm") && form.get("confirm") !== body.password) {
      setIssues({ confirm: ["the two passwords differ"] });
      setGeneral([]);
      return;
    }
    setBusy(true);
    try {
      const res = await fetch(action.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.ok) {
        router.replace("/");
        router.refresh();
        return;
      }
      const data: unknown = await res.json().catch(() => null);
      const message =
        data && typeof data === "object" && "error" in data && typeof data.error === "string"
          ? data.error
          : `The request failed (HTTP ${res.status}).`;
      const split = fieldIssues(message, fields);
      setIssues(split.byField);
      setGeneral(split.general.map((g) => g.replace(/^token: /, "")));
    } catch {
      setGeneral(["Cannot reach the server. Check your connection and try again."]);
    }
    setBusy(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {children(issues)}
      {general.length > 0 && (
        <div
          role="alert"
          className="flex items-start gap-2 rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-sm text-bad"
        >
          <AlertIcon className="mt-0.5 shrink-0" />
          <Issues messages={general} />
        </div>
      )}
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded-md bg-accent px-3 py-2 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-60"
      >
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}

/** A labelled input with its problems under it, tied together for screen readers. */
export function AuthField({
  id,
  label,
  issues,
  hint,
  ...input
}: {
  id: string;
  label: string;
  issues?: string[];
  hint?: string;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  const invalid = (issues?.length ?? 0) > 0;
  const describedBy = [hint ? `${id}-hint` : "", invalid ? `${id}-issues` : ""].filter(Boolean).join(" ");
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={invalid}
        aria-describedby={describedBy || undefined}
        className={authInput}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      )}
      <Issues id={`${id}-issues`} messages={issues} />
    </div>
  );
}

/** A new password and its repetition (checked against each other before sending). */
export function NewPasswordFields({
  id,
  issues,
  label,
  hint,
}: {
  id: string;
  issues: Record<string, string[] | undefined>;
  label: string;
  hint: string;
}) {
  return (
    <>
      <AuthField
        id={`${id}-password`}
        name="password"
        type="password"
        label={label}
        autoComplete="new-password"
        hint={hint}
        issues={issues.password}
        required
      />
      <AuthField
        id={`${id}-confirm`}
        name="confirm"
        type="password"
        label="Repeat the password"
        autoComplete="new-password"
        issues={issues.confirm}
        required
      />
    </>
  );
}
