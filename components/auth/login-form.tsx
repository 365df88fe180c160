"use client";
// Username + password form → POST /api/auth/login; errors show inline, success goes to `next`.
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { AlertIcon } from "../icons";

const input =
  "block w-full rounded-md border border-border bg-surface px-3 py-2 text-sm text-fg placeholder:text-muted focus:border-accent focus:outline-2 focus:outline-accent";

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/login", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
      });
      if (res.ok) {
        router.replace(next);
        router.refresh();
        return;
      }
      const body: unknown = await res.json().catch(() => null);
      const message =
        body && typeof body === "object" && "error" in body && typeof body.error === "string"
          ? body.error
          : `Sign-in failed (HTTP ${res.status}).`;
      setError(message);
    } catch {
      setError("Cannot reach the server. Check your connection and try again.");
    }
    setBusy(false);
  }

  return (
    <form
      onSubmit={onSubmit}
      className="space-y-4"
      aria-describedby={error ? `${id}-error` : undefined}
      noValidate
    >
      <div className="space-y-1.5">
        <label htmlFor={`${id}-username`} className="block text-sm font-medium">
          Username
        </label>
        <input id={`${id}-username`} name="username" autoComplete="username" required className={input} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor={`${id}-password`} className="block text-sm font-medium">
          Password
        </label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={input}
        />
      </div>
      {error && (
        <p
          id={`${id}-error`}
          role="alert"
          className="flex items-start gap-2 rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-sm text-bad"
        >
          <AlertIcon className="mt-0.5 shrink-0" />
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded-md bg-accent px-3 py-2 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-60"
      >
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
