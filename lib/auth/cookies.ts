// The session cookie: httpOnly (no script can read it), SameSite=Lax, Secure on HTTPS.
import { SESSION_COOKIE } from "./users";

export function sessionCookie(
  req: Request,
  token: string,
  expiresAt: Date,
  secureSetting: "auto" | "0" | "1",
): string {
  const secure =
    secureSetting === "1" ||
    (secureSetting === "auto" &&
      (new URL(req.url).protocol === "https:" || req.headers.get("x-forwarded-proto") === "https"));
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export const clearedSessionCookie = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
