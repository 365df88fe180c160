"use client";
// The users: role (a select that saves at once), status, last login, and per user: disable/enable, a password
// reset link (shown once) and delete (asks first). The API's refusals (the last admin, yourself) show in the row.
import { useState } from "react";
import { formatDateTime } from "@/lib/charts/format";
import { ConfirmButton, controlBase, secondaryButton } from "../experiments/form-fields";
import { Badge } from "../ui/badge";
import { ROLES, type Role, type UserRow } from "./admin-types";
import { ShownOnce } from "./shown-once";
import { useChangeUser, useDeleteUser, useResetLink } from "./use-admin";

function UserRowView({ user, isMe }: { user: UserRow; isMe: boolean }) {
  const change = useChangeUser();
  const remove = useDeleteUser();
  const reset = useResetLink();
  const [confirming, setConfirming] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const error = change.error ?? remove.error ?? reset.error;
  const disabled = user.disabledAt !== null;

  return (
    <>
      <tr className="border-b border-border align-top" data-testid={`user-${user.username}`}>
        <td className="py-2 pr-3 font-medium">
          {user.username}
          {isMe && <span className="ml-1 text-xs text-muted">(you)</span>}
        </td>
        <td className="py-2 pr-3">
          <label className="sr-only" htmlFor={`role-${user.id}`}>
            Role of {user.username}
          </label>
          <select
            id={`role-${user.id}`}
            value={user.role}
            disabled={change.isPending}
            onChange={(e) => change.mutate({ id: user.id, role: e.target.value as Role })}
            className={controlBase}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </td>
        <td className="py-2 pr-3">
          {disabled ? <Badge tone="bad">disabled</Badge> : <Badge tone="good">active</Badge>}
        </td>
        <td className="py-2 pr-3 text-muted">
          {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "never"}
        </td>
        <td className="py-2">
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={secondaryButton}
              disabled={change.isPending}
              onClick={() => change.mutate({ id: user.id, disabled: !disabled })}
            >
              {disabled ? "Enable" : "Disable"}
            </button>
            <button
              type="button"
              className={secondaryButton}
              disabled={reset.isPending || disabled}
              onClick={() => reset.mutate(user.id, { onSuccess: (issued) => setLink(issued.url) })}
            >
              Reset link
            </button>
            <ConfirmButton
              label="Delete"
              question={`Delete ${user.username}? Their sessions end at once.`}
              confirmLabel="Delete user"
              danger
              busy={remove.isPending}
              open={confirming}
              onOpenChange={setConfirming}
              onConfirm={() => remove.mutate(user.id, { onSettled: () => setConfirming(false) })}
              testId={`delete-${user.username}`}
            />
          </div>
          {error && (
            <p role="alert" className="mt-1 text-xs text-bad">
              {error.message}
            </p>
          )}
        </td>
      </tr>
      {link && (
        <tr>
          <td colSpan={5} className="py-2">
            <ShownOnce
              title={`Password reset link for ${user.username}`}
              value={link}
              note="Valid for one day and once. Setting a password with it ends every other session of this user. It is not shown again."
              onDone={() => setLink(null)}
              testId="reset-link"
            />
          </td>
        </tr>
      )}
    </>
  );
}

export function UsersTable({ users, me }: { users: UserRow[]; me: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="py-2 pr-3 font-medium">
              User
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Role
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Status
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Last login
            </th>
            <th scope="col" className="py-2 font-medium">
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRowView key={u.id} user={u} isMe={u.username === me} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
