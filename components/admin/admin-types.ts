// What the administration routes answer (lib/api/contract-admin.ts), as the pages use it.
export type Role = "viewer" | "editor" | "admin";
export const ROLES: readonly Role[] = ["viewer", "editor", "admin"];

export interface UserRow {
  id: number;
  username: string;
  role: Role;
  createdAt: string;
  lastLoginAt: string | null;
  disabledAt: string | null;
}

export interface InviteRow {
  id: number;
  kind: "invite" | "reset";
  role: Role;
  userId: number | null;
  username: string | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  state: "pending" | "used" | "expired" | "revoked";
}

export interface IssuedLink {
  invite: InviteRow;
  path: string;
  url: string;
}

export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  scope: "ingest" | "read" | "admin";
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  createdBy: string | null;
}

export interface AuditRow {
  id: number;
  at: string;
  actorKind: "user" | "apiKey" | "cli" | "system";
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  details: unknown;
}

export interface AuditFilters {
  actor: string;
  targetType: string;
  /** datetime-local values ("" = open) */
  from: string;
  to: string;
}
