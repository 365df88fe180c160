import { clearedSessionCookie } from "@/lib/auth/cookies";
import { deleteSession, SESSION_COOKIE } from "@/lib/auth/users";
import { handle, json } from "@/lib/http/handler";
import { checkNotCrossSite, readCookie } from "@/lib/http/principal";

export const POST = handle(
  { method: "POST", path: "/api/auth/logout", summary: "End the dashboard session", permission: null },
  async ({ req, database }) => {
    checkNotCrossSite(req);
    const token = readCookie(req, SESSION_COOKIE);
    if (token) await deleteSession(database.db, token);
    return json({ ok: true }, 200, { "set-cookie": clearedSessionCookie });
  },
);
