import "server-only";
import { requireUser } from "@/app/_server/session";
import type { SessionUser } from "@/lib/auth/users";

/**
 * The admin pages' gate: anonymous visitors go to the login page (back here afterwards); a signed-in user who
 * is not an admin gets `null`, and the page shows the 403 notice instead of its content.
 */
export async function requireAdmin(path: string): Promise<{ user: SessionUser; admin: boolean }> {
  const user = await requireUser(path);
  return { user, admin: user.role === "admin" };
}
