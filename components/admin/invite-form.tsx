"use client";
// Invite by link: a role and how many days the link stays valid; the link is shown once.
import { type FormEvent, useState } from "react";
import { fieldIssues } from "@/lib/charts/cluster-fields";
import { controlClass, Field, Issues, primaryButton } from "../experiments/form-fields";
import { ApiError } from "../hooks/fetch-json";
import { ROLES, type Role } from "./admin-types";
import { ShownOnce } from "./shown-once";
import { useCreateInvite } from "./use-admin";

const ROLE_HELP: Record<Role, string> = {
  viewer: "reads everything",
  editor: "also edits rules, silences, experiments, shadows, dashboards",
  admin: "also manages channels, cluster, users, keys",
};

export function InviteForm() {
  const [role, setRole] = useState<Role>("viewer");
  const [days, setDays] = useState("7");
  const [link, setLink] = useState<string | null>(null);
  const create = useCreateInvite();
  const issues =
    create.error instanceof ApiError ? fieldIssues(create.error.message, ["role", "expiresInDays"]) : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    setLink(null);
    create.mutate({ role, expiresInDays: Number(days) }, { onSuccess: (issued) => setLink(issued.url) });
  }

  return (
    <div className="space-y-3">
      <form
        onSubmit={submit}
        aria-label="Invite a user"
        className="flex flex-wrap items-end gap-3"
        noValidate
      >
        <Field label="Role" field="role" issues={issues?.byField.role} className="w-96 max-w-full">
          {(p) => (
            <select
              {...p}
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              className={controlClass}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r} — {ROLE_HELP[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Link valid for (days)"
          field="expiresInDays"
          issues={issues?.byField.expiresInDays}
          className="w-40"
        >
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              value={days}
              onChange={(e) => setDays(e.target.value)}
              className={controlClass}
            />
          )}
        </Field>
        <button type="submit" className={primaryButton} disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create invite link"}
        </button>
      </form>
      <Issues messages={issues?.general ?? (create.error && !issues ? [create.error.message] : undefined)} />
      {link && (
        <ShownOnce
          title={`Invite link for a new ${role}`}
          value={link}
          note="Send it to the person you invite. It works once, and this is the only time it is shown: Vigil keeps only a hash."
          onDone={() => setLink(null)}
          testId="invite-link"
        />
      )}
    </div>
  );
}
