"use client";
import { Panel } from "../ui/panel";
// Administration → Users: invite by link, the users table, and the links not used yet.
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { InviteForm } from "./invite-form";
import { PendingInvites } from "./pending-invites";
import { useInvites, useUsers } from "./use-admin";
import { UsersTable } from "./users-table";

export function UsersView({ me }: { me: string }) {
  const users = useUsers();
  const invites = useInvites();
  return (
    <div className="space-y-4">
      <Panel
        title="Invite someone"
        description="Whoever opens the link chooses a username and a password (at least 12 characters) and gets the role."
      >
        <InviteForm />
      </Panel>
      <Panel
        title="Users"
        description="Disabling a user ends their sessions; there is always at least one enabled admin."
      >
        {users.error ? (
          <p role="alert" className="text-sm text-bad">
            {users.error.message}
          </p>
        ) : users.data ? (
          <UsersTable users={users.data.users} me={me} />
        ) : (
          <LoadingRegion label="Loading users">
            <Skeleton className="h-24 w-full" />
          </LoadingRegion>
        )}
      </Panel>
      <Panel
        title="Unused links"
        description="Invite and reset links that still work. Revoke one that went astray."
      >
        {invites.data ? (
          <PendingInvites invites={invites.data.invites} />
        ) : (
          <Skeleton className="h-10 w-full" />
        )}
      </Panel>
    </div>
  );
}
