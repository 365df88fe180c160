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

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The CLI's `user set-password`: sets the password (creating an admin of that name if none exists) and ends the user's sessions. */
export async function setUserPassword(db: Db, username: string, password: string): Promise<void> {
  if (password.length < 8) throw new Error("password must be at least 8 characters");
  const passwordHash = await hashPassword(password);
  const user = await db.user.upsert({
    where: { username },
    create: { username, passwordHash, role: "admin" },
    update: { passwordHash },
  });
  await db.session.deleteMany({ where: { userId: user.id } });
}

/** The operator's VIGIL_ADMIN_PASSWORD wins at start: set it unless it already matches. */
export async function ensureAdminUser(db: Db, username: string, password: string): Promise<void> {
  const user = await db.user.findUnique({ where: { username } });
  if (user && (await verifyPassword(password, user.passwordHash))) return;
  await setUserPassword(db, username, password);
}

export type CredentialCheck = { ok: true; user: SessionUser } | { ok: false; reason: "wrong" | "disabled" };

export async function checkCredentials(db: Db, username: string, password: string): Promise<CredentialCheck> {
  const user = await db.user.findUnique({ where: { username } });
  if (!user) {
    // Spend the same time as a real check, so response time does not reveal which usernames exist.
    await hashPassword(password);
    return { ok: false, reason: "wrong" };
  }
  if (!(await verifyPassword(password, user.passwordHash))) return { ok: false, reason: "wrong" };
  // Said only to someone who knows the password, so it reveals nothing to a guesser.
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  return { ok: true, user: { id: user.id, username: user.username, role: user.role } };
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

/** After a successful login: a new session, and the time shown in the Users table. */
export async function startSession(
  db: Db,
  userId: number,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const session = await createSession(db, userId, ttlHours);
  await db.user.update({ where: { id: userId }, data: { lastLoginAt: new Date() } });
  return session;
}

/** The session's user; null for an unknown or expired session, or a disabled user. */
export async function sessionUser(db: Db, token: string): Promise<SessionUser | null> {
  const session = await db.session.findUnique({ where: { id: hashToken(token) }, include: { user: true } });
  if (!session || session.expiresAt.getTime() < Date.now() || session.user.disabledAt) return null;
  return { id: session.user.id, username: session.user.username, role: session.user.role };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashToken(token) } });
}

/** Ends every session of a user (disabled, password reset), except the one holding `keepToken`. */
export async function endSessions(db: Db, userId: number, keepToken?: string): Promise<number> {
  const res = await db.session.deleteMany({
    where: { userId, ...(keepToken ? { id: { not: hashToken(keepToken) } } : {}) },
  });
  return res.count;
}
