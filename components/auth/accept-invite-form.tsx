"use client";
// Accepting an invite: a username and a password (twice) → POST /api/auth/invite, which signs the user in.
import { useId } from "react";
import { AuthField, PasswordForm } from "./password-form";

export function AcceptInviteForm({ token }: { token: string }) {
  const id = useId();
  return (
    <PasswordForm
      action={{ url: "/api/auth/invite", token }}
      fields={["username", "password"]}
      submitLabel="Create account"
      busyLabel="Creating…"
    >
      {(issues) => (
        <>
          <AuthField
            id={`${id}-username`}
            name="username"
            label="Username"
            autoComplete="username"
            hint="Letters, digits, '.', '_', '@' and '-'."
            issues={issues.username}
            required
          />
          <AuthField
            id={`${id}-password`}
            name="password"
            type="password"
            label="Password"
            autoComplete="new-password"
            hint="At least 12 characters; a few unrelated words work well."
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
      )}
    </PasswordForm>
  );
}
