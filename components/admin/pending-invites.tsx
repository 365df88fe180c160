"use client";
// Links that can still be used: invites (for a role) and reset links (for a user), with who made them, when
// they expire, and a revoke button. The links themselves are never shown again.
import { formatDateTime } from "@/lib/charts/format";
import { secondaryButton } from "../experiments/form-fields";
import { Badge } from "../ui/badge";
import type { InviteRow } from "./admin-types";
import { useRevokeInvite } from "./use-admin";

export function PendingInvites({ invites }: { invites: InviteRow[] }) {
  const revoke = useRevokeInvite();
  if (invites.length === 0) return <p className="text-sm text-muted">No unused links. Create one above.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label="Unused links">
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="py-2 pr-3 font-medium">
              Link
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Created by
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Expires
            </th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invites.map((i) => (
            <tr key={i.id} className="border-b border-border" data-testid={`pending-${i.id}`}>
              <td className="py-2 pr-3">
                {i.kind === "invite" ? (
                  <>
                    Invite <Badge tone="info">{i.role}</Badge>
                  </>
                ) : (
                  <>Password reset for {i.username}</>
                )}
              </td>
              <td className="py-2 pr-3 text-muted">{i.createdBy ?? "CLI"}</td>
              <td className="py-2 pr-3 text-muted">{formatDateTime(i.expiresAt)}</td>
              <td className="py-2 text-right">
                <button
                  type="button"
                  className={secondaryButton}
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(i.id)}
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revoke.error && (
        <p role="alert" className="mt-1 text-xs text-bad">
          {revoke.error.message}
        </p>
      )}
    </div>
  );
}
