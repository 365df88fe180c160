import { z } from "zod";
import { sessionCookie } from "@/lib/auth/cookies";
import { clearLoginFailures, loginBlocked, recordLoginFailure } from "@/lib/auth/login-throttle";
import { checkCredentials, createSession } from "@/lib/auth/users";
import { env } from "@/lib/config/env";
import { readJsonBody } from "@/lib/http/body";
import { HttpError } from "@/lib/http/errors";
import { handle, json } from "@/lib/http/handler";

const credentials = z.object({
  username: z.string({ error: "username is required" }).min(1, "username is required").max(200),
  password: z.string({ error: "password is required" }).min(1, "password is required").max(1000),
});

export const POST = handle(
  { method: "POST", path: "/api/auth/login", summary: "Log in to the dashboard", permission: null },
  async ({ req, database }) => {
    const { username, password } = credentials.parse(await readJsonBody(req, 16 * 1024));
    if (loginBlocked(username)) throw new HttpError(429, "too many failed attempts; try again in 15 minutes");
    const user = await checkCredentials(database.db, username, password);
    if (!user) {
      recordLoginFailure(username);
      if ((await database.db.user.count()) === 0)
        throw new HttpError(
          401,
          "no dashboard account exists yet: set VIGIL_ADMIN_PASSWORD, or run `npm run vigil -- user set-password --username admin`",
        );
      throw new HttpError(401, "wrong username or password");
    }
    clearLoginFailures(username);
    const settings = env();
    const session = await createSession(database.db, user.id, settings.VIGIL_SESSION_TTL_HOURS);
    return json({ ok: true, user: { username: user.username, role: user.role } }, 200, {
      "set-cookie": sessionCookie(req, session.token, session.expiresAt, settings.VIGIL_SECURE_COOKIES),
    });
  },
);
