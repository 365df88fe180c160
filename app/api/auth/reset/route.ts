import { z } from "zod";
import { redeemResetLink } from "@/lib/auth/invites";
import { newPasswordSchema } from "@/lib/auth/schemas";
import { signedIn } from "@/lib/auth/session-response";
import { readJsonBody } from "@/lib/http/body";
import { handle } from "@/lib/http/handler";
import { checkNotCrossSite } from "@/lib/http/principal";

const body = z.object({
  token: z.string({ error: "token is required" }).min(1, "token is required").max(200),
  password: newPasswordSchema,
});

/** Using a reset link: the new password, every other session of the user ends, and this one begins. */
export const POST = handle(
  {
    method: "POST",
    path: "/api/auth/reset",
    summary: "Set a new password with a reset link",
    permission: null,
  },
  async ({ req, database }) => {
    checkNotCrossSite(req);
    const input = body.parse(await readJsonBody(req, 16 * 1024));
    const user = await redeemResetLink(database, input.token, input.password);
    return signedIn(req, database.db, user);
  },
);
