// The answer of a route that signs someone in (login, accepted invite, reset link): a new session in the
// httpOnly cookie and who it is.
import { env } from "../config/env";
import type { Db } from "../db/client";
import { json } from "../http/handler";
import { sessionCookie } from "./cookies";
import { type SessionUser, startSession } from "./users";

export async function signedIn(req: Request, db: Db, user: SessionUser, status = 200): Promise<Response> {
  const settings = env();
  const session = await startSession(db, user.id, settings.VIGIL_SESSION_TTL_HOURS);
  return json({ ok: true, user: { username: user.username, role: user.role } }, status, {
    "set-cookie": sessionCookie(req, session.token, session.expiresAt, settings.VIGIL_SECURE_COOKIES),
  });
}
