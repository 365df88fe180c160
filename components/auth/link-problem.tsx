// What an invite or reset page shows when its link is unknown, used, expired or revoked.
import Link from "next/link";

export function LinkProblem({ title, reason }: { title: string; reason: string }) {
  return (
    <div
      className="mx-auto mt-12 max-w-md space-y-3 rounded-lg border border-border bg-surface p-6 text-center shadow-sm"
      data-testid="link-problem"
    >
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <p className="text-sm text-muted">{reason.charAt(0).toUpperCase() + reason.slice(1)}.</p>
      <Link href="/login" className="inline-block text-sm text-accent underline">
        Go to the sign-in page
      </Link>
    </div>
  );
}
