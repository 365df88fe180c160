import type { Metadata } from "next";
import { LinkProblem } from "@/components/auth/link-problem";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { checkToken } from "@/lib/auth/invites";
import { getDatabase } from "@/lib/runtime/instance";

export const metadata: Metadata = { title: "Set a new password" };

/** Public: the reset link itself is the credential. */
export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const check = await checkToken((await getDatabase()).db, "reset", token);
  if (!check.ok) return <LinkProblem title="This reset link cannot be used" reason={check.reason} />;
  return (
    <div className="mx-auto mt-12 max-w-sm rounded-lg border border-border bg-surface p-6 shadow-sm">
      <h1 className="text-xl font-semibold tracking-tight">Set a new password</h1>
      <p className="mt-1 mb-6 text-sm text-muted">
        For <span className="font-medium text-fg">{check.invite.username}</span>. Your other sessions end when
        it is set.
      </p>
      <ResetPasswordForm token={token} username={check.invite.username ?? ""} />
    </div>
  );
}
