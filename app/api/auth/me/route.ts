import { SESSION_COOKIE, sessionUser } from "@/lib/auth/users";
import { handle } from "@/lib/http/handler";
import { readCookie } from "@/lib/http/principal";

/** Who is signed in (for the navigation's Admin link): the session's user, or null. */
export const GET = handle(
  { method: "GET", path: "/api/auth/me", summary: "The signed-in dashboard user, or null", permission: null },
  async ({ req, database }) => {
    const token = readCookie(req, SESSION_COOKIE);
    const user = token ? await sessionUser(database.db, token) : null;
    return { user: user && { username: user.username, role: user.role } };
  },
);
