import { z } from "zod";
import { acceptInvite } from "@/lib/auth/invites";
import { newPasswordSchema, usernameSchema } from "@/lib/auth/schemas";
import { signedIn } from "@/lib/auth/session-response";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";
import { checkNotCrossSite } from "@/lib/http/principal";

const body = z.object({
  token: z.string({ error: "token is required" }).min(1, "token is required").max(200),
  username: usernameSchema,
  password: newPasswordSchema,
});

/** Accepting an invite link: creates the user with the invite's role and signs them in. */
export const POST = handle(
  {
    method: "POST",
    path: "/api/auth/invite",
    summary: "Accept an invite: choose a username and password",
    permission: null,
  },
  async ({ req, database }) => {
    checkNotCrossSite(req);
    const input = body.parse(await readJsonBody(req, 16 * 1024));
    const user = await acceptInvite(database, input.token, input);
    return signedIn(req, database.db, user, 201);
  },
);
