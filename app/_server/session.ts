import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE, type SessionUser, sessionUser } from "@/lib/auth/users";
import { getDatabase } from "@/lib/runtime/instance";

/** The logged-in dashboard user, or null. For server components and server actions. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const database = await getDatabase();
  return sessionUser(database.db, token);
}

/** Redirects to the login page (coming back to `path` afterwards) when nobody is logged in. */
export async function requireUser(path: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(path)}`);
  return user;
}
