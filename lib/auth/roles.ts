// What each dashboard role may do. Pure, so server pages and the authorisation check share one answer.
import type { Permission } from "./api-keys";

/** viewer: read; editor: read and edit; admin: everything. Ingest through the UI (imports) is admin's. */
export function roleAllows(role: string, permission: Permission): boolean {
  if (role === "admin") return true;
  if (permission === "read") return role === "viewer" || role === "editor";
  if (permission === "edit") return role === "editor";
  return false;
}
