// Managing dashboard users: list, create, change role, disable, delete. Every change is audited in the same
// transaction, and no change may leave Vigil without an enabled admin (409).
import { type AuditActor, auditStatement } from "../audit/record";
import type { Database, Db } from "../db/client";
import { HttpError } from "../http/errors";
import { hashPassword } from "./passwords";
import type { UserRole } from "./schemas";

export interface UserInfo {
  id: number;
  username: string;
  role: string;
  createdAt: Date;
  lastLoginAt: Date | null;
  disabledAt: Date | null;
}

const userSelect = {
  id: true,
  username: true,
  role: true,
  createdAt: true,
  lastLoginAt: true,
  disabledAt: true,
} as const;

export function listUsers(db: Db): Promise<UserInfo[]> {
  return db.user.findMany({ select: userSelect, orderBy: { username: "asc" } });
}

export async function findUser(db: Db, id: number): Promise<UserInfo> {
  const user = await db.user.findUnique({ where: { id }, select: userSelect });
  if (!user) throw new HttpError(404, `no user with id ${id}`);
  return user;
}

/** The username is free, or a 409 naming it. */
export async function assertUsernameFree(db: Db, username: string): Promise<void> {
  if (await db.user.findUnique({ where: { username }, select: { id: true } }))
    throw new HttpError(409, `username: "${username}" is taken; choose another`);
}

/** The create statement for a new user with a hashed password (callers add it to their transaction). */
export async function userCreateData(username: string, password: string, role: UserRole) {
  return { username, role, passwordHash: await hashPassword(password) };
}

/** CLI `user create`: a user with a role, audited. */
export async function createUser(
  database: Database,
  actor: AuditActor,
  input: { username: string; password: string; role: UserRole },
): Promise<UserInfo> {
  await assertUsernameFree(database.db, input.username);
  const data = await userCreateData(input.username, input.password, input.role);
  const [user] = await database.db.$transaction([
    database.db.user.create({ data, select: userSelect }),
    auditStatement(database.db, actor, {
      action: "user.create",
      targetType: "user",
      targetId: input.username,
      summary: `created user ${input.username} (${input.role})`,
      details: { role: input.role },
    }),
  ]);
  return user;
}

/** Enabled admins other than `exceptId`: a change that would leave none is refused. */
async function otherAdmins(db: Db, exceptId: number): Promise<number> {
  return db.user.count({ where: { role: "admin", disabledAt: null, id: { not: exceptId } } });
}

function lastAdmin(what: string): HttpError {
  return new HttpError(409, `cannot ${what} the last enabled admin: make another user admin first`);
}

const actorUserId = (actor: AuditActor) => (actor && actor.kind === "user" ? actor.id : null);

export async function changeUser(
  database: Database,
  actor: AuditActor,
  id: number,
  patch: { role?: UserRole; disabled?: boolean },
): Promise<UserInfo> {
  const { db } = database;
  const user = await findUser(db, id);
  const wasActiveAdmin = user.role === "admin" && user.disabledAt === null;
  const demoted = patch.role !== undefined && patch.role !== "admin";
  if (wasActiveAdmin && (demoted || patch.disabled) && (await otherAdmins(db, id)) === 0)
    throw lastAdmin(patch.disabled ? "disable" : "demote");
  // Nobody locks themselves out by a slip: another admin makes these changes.
  if (patch.disabled && actorUserId(actor) === id)
    throw new HttpError(409, "you cannot disable your own account");
  if (patch.role !== undefined && patch.role !== user.role && actorUserId(actor) === id)
    throw new HttpError(409, "you cannot change your own role; ask another admin");
  const changes: string[] = [];
  if (patch.role !== undefined && patch.role !== user.role) changes.push(`role ${user.role} → ${patch.role}`);
  if (patch.disabled !== undefined && patch.disabled !== (user.disabledAt !== null))
    changes.push(patch.disabled ? "disabled" : "enabled");
  if (changes.length === 0) return user;
  const disabledAt = patch.disabled === undefined ? undefined : patch.disabled ? new Date() : null;
  const results = await db.$transaction([
    db.user.update({ where: { id }, data: { role: patch.role, disabledAt }, select: userSelect }),
    // Disabling ends the user's sessions at once; a role change applies to live sessions on their next request.
    ...(patch.disabled ? [db.session.deleteMany({ where: { userId: id } })] : []),
    auditStatement(db, actor, {
      action: patch.role === undefined ? (patch.disabled ? "user.disable" : "user.enable") : "user.update",
      targetType: "user",
      targetId: user.username,
      summary: `${user.username}: ${changes.join(", ")}`,
      details: {
        ...(patch.role !== undefined ? { role: { from: user.role, to: patch.role } } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
      },
    }),
  ]);
  return results[0] as UserInfo;
}

export async function deleteUser(database: Database, actor: AuditActor, id: number): Promise<void> {
  const { db } = database;
  const user = await findUser(db, id);
  if (actorUserId(actor) === id) throw new HttpError(409, "you cannot delete your own account");
  if (user.role === "admin" && user.disabledAt === null && (await otherAdmins(db, id)) === 0)
    throw lastAdmin("delete");
  await db.$transaction([
    // Sessions go with the user (cascade); its invites and reset links cannot be used any more.
    db.invite.updateMany({
      where: { userId: id, usedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    }),
    db.user.delete({ where: { id } }),
    auditStatement(db, actor, {
      action: "user.delete",
      targetType: "user",
      targetId: user.username,
      summary: `deleted user ${user.username} (${user.role})`,
    }),
  ]);
}
