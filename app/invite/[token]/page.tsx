import type { Metadata } from "next";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { LinkProblem } from "@/components/auth/link-problem";
import { checkToken } from "@/lib/auth/invites";
import { getDatabase } from "@/lib/runtime/instance";

export const metadata: Metadata = { title: "Join Vigil" };

/** Public: the invite link itself is the credential. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const check = await checkToken((await getDatabase()).db, "invite", token);
  if (!check.ok) return <LinkProblem title="This invite cannot be used" reason={check.reason} />;
  return (
    <div className="mx-auto mt-12 max-w-sm rounded-lg border border-border bg-surface p-6 shadow-sm">
      <h1 className="text-xl font-semibold tracking-tight">Join Vigil</h1>
      <p className="mt-1 mb-6 text-sm text-muted">
        You are invited as <span className="font-medium text-fg">{check.invite.role}</span>
        {check.invite.createdBy ? ` by ${check.invite.createdBy}` : ""}. Choose a username and a password.
      </p>
      <AcceptInviteForm token={token} />
    </div>
  );
}
