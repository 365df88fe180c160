"use client";
// Using a reset link: the new password (twice) → POST /api/auth/reset, which ends the user's other sessions
// and signs them in here.
import { useId } from "react";
import { NewPasswordFields, PasswordForm } from "./password-form";

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
          <NewPasswordFields id={id} issues={issues} label="New password" hint="At least 12 characters." />
        </>
      )}
    </PasswordForm>
  );
}
