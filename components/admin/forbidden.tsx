// The 403 page of the administration area: says why, and where to go instead.
import Link from "next/link";

export function Forbidden({ role }: { role: string }) {
  return (
    <div
      className="mx-auto mt-12 max-w-md space-y-3 rounded-lg border border-border bg-surface p-6 text-center shadow-sm"
      data-testid="forbidden"
    >
      <p className="font-mono text-sm text-muted">403</p>
      <h1 className="text-xl font-semibold tracking-tight">Admins only</h1>
      <p className="text-sm text-muted">
        Users, API keys and the audit log are managed by admins. You are signed in as{" "}
        <span className="font-medium text-fg">{role}</span>; ask an admin if you need a change here.
      </p>
      <Link href="/" className="inline-block text-sm text-accent underline">
        Back to the overview
      </Link>
    </div>
  );
}
