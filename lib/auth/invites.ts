// Invite and password-reset links. The link carries a random token; the database keeps only its SHA-256,
// so the link is shown once. A token is claimed atomically with the change it allows (a conditional update
// inside the transaction), so it works once, before it expires, unless revoked.
import { randomBytes } from "node:crypto";
import { type AuditActor, auditStatement, recordAudit } from "../audit/record";
import type { Database, Db } from "../db/client";
import { HttpError } from "../http/errors";
import { hashPassword } from "./passwords";
import type { UserRole } from "./schemas";
import { hashToken, type SessionUser } from "./users";

export type InviteKind = "invite" | "reset";
export type InviteState = "pending" | "used" | "expired" | "revoked";

export interface InviteInfo {
  id: number;
  kind: InviteKind;
  role: string;
  /** reset links: the user whose password it sets */
  userId: number | null;
  username: string | null;
  createdById: number | null;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  state: InviteState;
}

type InviteRow = Awaited<ReturnType<Db["invite"]["findFirstOrThrow"]>>;

/** Reset links are short-lived: one day. */
export const RESET_LINK_DAYS = 1;

export function inviteState(
  row: Pick<InviteRow, "usedAt" | "revokedAt" | "expiresAt">,
  now = Date.now(),
): InviteState {
  if (row.usedAt) return "used";
  if (row.revokedAt) return "revoked";
  return row.expiresAt.getTime() <= now ? "expired" : "pending";
}

export const linkPath = (kind: InviteKind, token: string) => `/${kind}/${token}`;

async function withNames(db: Db, rows: InviteRow[]): Promise<InviteInfo[]> {
  const ids = [
    ...new Set(rows.flatMap((r) => [r.userId, r.createdById]).filter((id): id is number => id !== null)),
  ];
  const users = ids.length
    ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, username: true } })
    : [];
  const names = new Map(users.map((u) => [u.id, u.username]));
  const name = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as InviteKind,
    role: r.role,
    userId: r.userId,
    username: name(r.userId),
    createdById: r.createdById,
    createdBy: name(r.createdById),
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    usedAt: r.usedAt,
    revokedAt: r.revokedAt,
    state: inviteState(r),
  }));
}

/** Links that can still be used, newest first. */
export async function listPendingInvites(db: Db, now = new Date()): Promise<InviteInfo[]> {
  const rows = await db.invite.findMany({
    where: { usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { id: "desc" },
  });
  return withNames(db, rows);
}

const actorUserId = (actor: AuditActor) => (actor && actor.kind === "user" ? actor.id : null);

/** A new invite: whoever opens the link before it expires chooses a username and password and gets `role`. */
export async function createInvite(
  database: Database,
  actor: AuditActor,
  input: { role: UserRole; expiresInDays: number },
): Promise<{ token: string; invite: InviteInfo }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const { db } = database;
  const [row] = await db.$transaction([
    db.invite.create({
      data: {
        tokenHash: hashToken(token),
        kind: "invite",
        role: input.role,
        createdById: actorUserId(actor),
        expiresAt,
      },
    }),
    auditStatement(db, actor, {
      action: "invite.create",
      targetType: "invite",
      summary: `invited a new ${input.role}, link valid until ${expiresAt.toISOString()}`,
      details: { role: input.role, expiresAt: expiresAt.toISOString() },
    }),
  ]);
  const [invite] = await withNames(db, [row]);
  return { token, invite: invite! };
}

/** A reset link for one user (replacing any earlier unused one): it sets a new password and ends their sessions. */
export async function createResetLink(
  database: Database,
  actor: AuditActor,
  userId: number,
): Promise<{ token: string; invite: InviteInfo }> {
  const { db } = database;
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new HttpError(404, `no user with id ${userId}`);
  if (user.disabledAt) throw new HttpError(409, `${user.username} is disabled: enable the account first`);
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + RESET_LINK_DAYS * 86_400_000);
  const [, row] = await db.$transaction([
    db.invite.updateMany({
      where: { kind: "reset", userId, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    }),
    db.invite.create({
      data: {
        tokenHash: hashToken(token),
        kind: "reset",
        role: user.role,
        userId,
        createdById: actorUserId(actor),
        expiresAt,
      },
    }),
    auditStatement(db, actor, {
      action: "user.reset-link",
      targetType: "user",
      targetId: user.username,
      summary: `created a password reset link for ${user.username}`,
      details: { expiresAt: expiresAt.toISOString() },
    }),
  ]);
  const [invite] = await withNames(db, [row]);
  return { token, invite: invite! };
}

export async function revokeInvite(database: Database, actor: AuditActor, id: number): Promise<InviteInfo> {
  const { db } = database;
  const row = await db.invite.findUnique({ where: { id } });
  if (!row) throw new HttpError(404, `no invite with id ${id}`);
  if (inviteState(row) !== "pending") throw new HttpError(409, `invite ${id} is already ${inviteState(row)}`);
  const [updated] = await db.$transaction([
    db.invite.update({ where: { id }, data: { revokedAt: new Date() } }),
    auditStatement(db, actor, {
      action: `${row.kind}.revoke`,
      targetType: row.kind === "reset" ? "user" : "invite",
      targetId: row.kind === "reset" ? null : id,
      summary: row.kind === "reset" ? `revoked a password reset link` : `revoked invite ${id} (${row.role})`,
    }),
  ]);
  const [invite] = await withNames(db, [updated]);
  return invite!;
}

export type TokenCheck = { ok: true; invite: InviteInfo } | { ok: false; status: 404 | 410; reason: string };

/** What a link's page shows before the form: whether the token is good, and for whom. */
export async function checkToken(db: Db, kind: InviteKind, token: string): Promise<TokenCheck> {
  const row = await db.invite.findUnique({ where: { tokenHash: hashToken(token) } });
  const what = kind === "invite" ? "invite" : "reset link";
  if (!row || row.kind !== kind)
    return { ok: false, status: 404, reason: `this ${what} does not exist; ask an admin for a new one` };
  const state = inviteState(row);
  if (state !== "pending")
    return {
      ok: false,
      status: 410,
      reason: `this ${what} has ${state === "used" ? "been used" : state === "expired" ? "expired" : "been revoked"}; ask an admin for a new one`,
    };
  const [invite] = await withNames(db, [row]);
  return { ok: true, invite: invite! };
}

/** The claim: only matches while the token is unused, unrevoked and unexpired, so it throws (and rolls back) otherwise. */
function claim(db: Db, kind: InviteKind, token: string, now: Date) {
  return db.invite.update({
    where: { tokenHash: hashToken(token), kind, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
}

async function mustBeUsable(db: Db, kind: InviteKind, token: string): Promise<InviteInfo> {
  const check = await checkToken(db, kind, token);
  if (!check.ok) throw new HttpError(check.status, `token: ${check.reason}`);
  return check.invite;
}

function isPrismaError(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}

/** Accepting an invite: a new user with the invite's role. The caller logs them in. */
export async function acceptInvite(
  database: Database,
  token: string,
  input: { username: string; password: string },
): Promise<SessionUser> {
  const { db } = database;
  const invite = await mustBeUsable(db, "invite", token);
  if (await db.user.findUnique({ where: { username: input.username }, select: { id: true } }))
    throw new HttpError(409, `username: "${input.username}" is taken; choose another`);
  const passwordHash = await hashPassword(input.password);
  let user: { id: number; username: string; role: string };
  try {
    [, user] = await db.$transaction([
      claim(db, "invite", token, new Date()),
      db.user.create({
        data: { username: input.username, passwordHash, role: invite.role },
        select: { id: true, username: true, role: true },
      }),
    ]);
  } catch (error) {
    if (isPrismaError(error, "P2025"))
      throw new HttpError(410, "token: this invite has just been used; ask an admin for a new one");
    if (isPrismaError(error, "P2002"))
      throw new HttpError(409, `username: "${input.username}" is taken; choose another`);
    throw error;
  }
  // Right after, not inside: the actor is the user the transaction created.
  await recordAudit(
    database,
    { kind: "user", ...user },
    {
      action: "user.create",
      targetType: "user",
      targetId: user.username,
      summary: `${user.username} joined as ${user.role} (invite ${invite.id}${invite.createdBy ? ` from ${invite.createdBy}` : ""})`,
      details: { role: user.role, inviteId: invite.id },
    },
  );
  return user;
}

/** Using a reset link: the new password, and every existing session of the user ends. The caller logs them in. */
export async function redeemResetLink(
  database: Database,
  token: string,
  password: string,
): Promise<SessionUser> {
  const { db } = database;
  const invite = await mustBeUsable(db, "reset", token);
  const user = invite.userId === null ? null : await db.user.findUnique({ where: { id: invite.userId } });
  if (!user) throw new HttpError(410, "token: the account of this reset link no longer exists");
  if (user.disabledAt)
    throw new HttpError(409, `${user.username} is disabled; ask an admin to enable the account`);
  const passwordHash = await hashPassword(password);
  const actor = { kind: "user" as const, id: user.id, username: user.username, role: user.role };
  try {
    await db.$transaction([
      claim(db, "reset", token, new Date()),
      db.user.update({ where: { id: user.id }, data: { passwordHash } }),
      db.session.deleteMany({ where: { userId: user.id } }),
      auditStatement(db, actor, {
        action: "user.password-reset",
        targetType: "user",
        targetId: user.username,
        summary: `${user.username} set a new password with a reset link; their other sessions ended`,
      }),
    ]);
  } catch (error) {
    if (isPrismaError(error, "P2025"))
      throw new HttpError(410, "token: this reset link has just been used; ask an admin for a new one");
    throw error;
  }
  return { id: user.id, username: user.username, role: user.role };
}
