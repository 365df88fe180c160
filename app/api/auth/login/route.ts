import { z } from "zod";
import { sessionCookie } from "@/lib/auth/cookies";
import {
  clearLoginFailures,
  clientAddress,
  loginBlocked,
  recordLoginFailure,
} from "@/lib/auth/login-throttle";
import { checkCredentials, startSession } from "@/lib/auth/users";
import { env } from "@/lib/config/env";
import { readJsonBody } from "@/lib/http/body";
import { HttpError } from "@/lib/http/errors";
import { handle, json } from "@/lib/http/handler";
import { checkNotCrossSite } from "@/lib/http/principal";

const credentials = z.object({
  username: z.string({ error: "username is required" }).min(1, "username is required").max(200),
  password: z.string({ error: "password is required" }).min(1, "password is required").max(1000),
});

export const POST = handle(
  { method: "POST", path: "/api/auth/login", summary: "Log in to the dashboard", permission: null },
  async ({ req, database }) => {
    checkNotCrossSite(req);
    const { username, password } = credentials.parse(await readJsonBody(req, 16 * 1024));
    const address = clientAddress(req);
    if (loginBlocked(username, address))
      throw new HttpError(429, "too many failed attempts; try again in 15 minutes");
    const check = await checkCredentials(database.db, username, password);
    if (!check.ok && check.reason === "disabled")
      throw new HttpError(403, "this account is disabled; ask an admin to enable it");
    if (!check.ok) {
      recordLoginFailure(username, address);
      if ((await database.db.user.count()) === 0)
        throw new HttpError(
          401,
          "no dashboard account exists yet: set VIGIL_ADMIN_PASSWORD, or run `npm run vigil -- user set-password --username admin`",
        );
      throw new HttpError(401, "wrong username or password");
    }
    clearLoginFailures(username);
    const settings = env();
    const { user } = check;
    const session = await startSession(database.db, user.id, settings.VIGIL_SESSION_TTL_HOURS);
    return json({ ok: true, user: { username: user.username, role: user.role } }, 200, {
      "set-cookie": sessionCookie(req, session.token, session.expiresAt, settings.VIGIL_SECURE_COOKIES),
    });
  },
);
