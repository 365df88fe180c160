"use client";
// Using a reset link: the new password (twice) → POST /api/auth/reset, which ends the user's other sessions
// and signs them in here.
import { useId } from "react";
import { AuthField, PasswordForm } from "./password-form";

export function ResetPasswordForm({ token, username }: { token: string; username: string }) {
  const id = useId();
  return (
    <PasswordForm
      action={{ url: "/api/auth/reset", token }}
      fields={["password"]}
      submitLabel="Set password"
      busyLabel="Saving…"
    >
      {(issues) => (
        <>
          {/* For password managers: which account this password belongs to. */}
          <input type="hidden" name="username" value={username} autoComplete="username" />
          <AuthField
            id={`${id}-password`}
            name="password"
            type="password"
            label="New password"
            autoComplete="new-password"
            hint="At least 12 characters."
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
