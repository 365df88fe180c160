"use client";
// Accepting an invite: a username and a password (twice) → POST /api/auth/invite, which signs the user in.
import { useId } from "react";
import { AuthField, NewPasswordFields, PasswordForm } from "./password-form";

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
          <NewPasswordFields
            id={id}
            issues={issues}
            label="Password"
            hint="At least 12 characters; a few unrelated words work well."
          />
        </>
      )}
    </PasswordForm>
  );
}
