// Dashboard users and their cookie sessions. The session token lives only in the httpOnly cookie;
// the database keeps its SHA-256, so a leaked database does not leak live sessions.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { hashPassword, verifyPassword } from "./passwords";

export interface SessionUser {
  id: number;
  username: string;
  role: string;
}

export const SESSION_COOKIE = "vigil_session";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function setUserPassword(db: Db, username: string, password: string): Promise<void> {
  if (password.length < 8) throw new Error("password must be at least 8 characters");
  const passwordHash = await hashPassword(password);
  await db.user.upsert({
    where: { username },
    create: { username, passwordHash, role: "admin" },
    update: { passwordHash },
  });
}

/** The operator's VIGIL_ADMIN_PASSWORD wins at start: set it unless it already matches. */
export async function ensureAdminUser(db: Db, username: string, password: string): Promise<void> {
  const user = await db.user.findUnique({ where: { username } });
  if (user && (await verifyPassword(password, user.passwordHash))) return;
  await setUserPassword(db, username, password);
}

export async function checkCredentials(
  db: Db,
  username: string,
  password: string,
): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { username } });
  if (!user) {
    // Spend the same time as a real check, so response time does not reveal which usernames exist.
    await hashPassword(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  return { id: user.id, username: user.username, role: user.role };
}

export async function createSession(
  db: Db,
  userId: number,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await db.session.create({ data: { id: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function sessionUser(db: Db, token: string): Promise<SessionUser | null> {
  const session = await db.session.findUnique({ where: { id: hashToken(token) }, include: { user: true } });
  if (!session || session.expiresAt.getTime() < Date.now()) return null;
  return { id: session.user.id, username: session.user.username, role: session.user.role };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashToken(token) } });
}
