// Users, invites and reset links through the real route handlers: an admin invites by link, the invitee picks
// a username and password and is signed in with the invite's role; roles change, users are disabled (their
// sessions end, login is refused) and deleted, never leaving Vigil without an enabled admin; reset links set a
// new password once and end the user's other sessions. Every change lands in the audit log.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as acceptInvite } from "@/app/api/auth/invite/route";
import { POST as login } from "@/app/api/auth/login/route";
import { GET as me } from "@/app/api/auth/me/route";
import { POST as resetPassword } from "@/app/api/auth/reset/route";
import { DELETE as revokeInvite } from "@/app/api/v1/invites/[id]/route";
import { POST as createInvite, GET as listInvites } from "@/app/api/v1/invites/route";
import { GET as listModels } from "@/app/api/v1/models/route";
import { POST as resetLink } from "@/app/api/v1/users/[id]/reset-link/route";
import { DELETE as deleteUser, PATCH as patchUser } from "@/app/api/v1/users/[id]/route";
import { GET as listUsers } from "@/app/api/v1/users/route";
import type { Database } from "@/lib/db/client";
import { createUserWithRole, SAME_ORIGIN, sessionCookie } from "../authz/principals";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
let adminCookie: string;
let adminId: number;
beforeAll(async () => {
  database = await useTestDatabase();
  const admin = await createUserWithRole(database, "admin", "root-admin");
  adminId = admin.id;
  adminCookie = await sessionCookie(database, admin.id);
});

/** As the signed-in admin from the dashboard (cookie + same-origin headers). */
const asAdmin = (cookie = adminCookie) => ({ key: null, headers: { cookie, ...SAME_ORIGIN } });

const tokenOf = (path: unknown) => String(path).split("/").pop()!;
const cookieOf = (res: Response) =>
  /vigil_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0] ?? "";

async function invite(role: string, extra: Record<string, unknown> = {}) {
  const res = await call(createInvite, { path: "/api/v1/invites", body: { role, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { invite: { id: number; role: string; expiresAt: string }; path: string; url: string };
}

function raw(handler: (req: Request) => Promise<Response>, path: string, body: unknown) {
  return handler(
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

const audit = () => database.db.auditEvent.findMany({ orderBy: { id: "asc" } });

describe("invites", () => {
  it("creates a link shown once (only its hash is stored) that expires in 7 days by default", async () => {
    const before = Date.now();
    const created = await invite("editor");
    expect(created.path).toMatch(/^\/invite\/[\w-]{43}$/);
    expect(created.url).toBe(`http://localhost${created.path}`);
    const expires = Date.parse(created.invite.expiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    expect(expires - before).toBeLessThan(7 * 86_400_000 + 60_000);
    const stored = await database.db.invite.findUniqueOrThrow({ where: { id: created.invite.id } });
    expect(stored.tokenHash).not.toContain(tokenOf(created.path));
    const listed = await call(listInvites, { path: "/api/v1/invites" });
    expect(JSON.stringify(listed.body)).not.toContain(tokenOf(created.path));
    expect((listed.body.invites as Array<{ id: number }>).map((i) => i.id)).toContain(created.invite.id);
  });

  it("names the bad field", async () => {
    const bad = await call(createInvite, {
      path: "/api/v1/invites",
      body: { role: "owner", expiresInDays: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/role must be viewer, editor or admin/);
    expect(bad.body.error).toMatch(/expiresInDays must be at least 1 day/);
  });

  it("accepting creates the user with the invite's role and signs them in; the link then stops working", async () => {
    const created = await invite("editor", { expiresInDays: 2 });
    const token = tokenOf(created.path);
    const res = await raw(acceptInvite, "/api/auth/invite", {
      token,
      username: "erin",
      password: "a-long-enough-password",
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true, user: { username: "erin", role: "editor" } });
    const cookie = cookieOf(res);
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Lax/);
    const who = await call(me, { path: "/api/auth/me", key: null, headers: { cookie } });
    expect(who.body).toEqual({ user: { username: "erin", role: "editor" } });
    const again = await raw(acceptInvite, "/api/auth/invite", {
      token,
      username: "erin2",
      password: "another-long-password",
    });
    expect(again.status).toBe(410);
    expect((await again.json()).error).toMatch(/has been used/);
    const events = await audit();
    expect(
      events.some((e) => e.action === "user.create" && e.actorName === "erin" && e.targetId === "erin"),
    ).toBe(true);
  });

  it("refuses short passwords, taken usernames, unknown, revoked and expired links", async () => {
    const { path, invite: info } = await invite("viewer");
    const token = tokenOf(path);
    const short = await raw(acceptInvite, "/api/auth/invite", { token, username: "vic", password: "short" });
    expect(short.status).toBe(400);
    expect((await short.json()).error).toMatch(/password must be at least 12 characters/);
    const taken = await raw(acceptInvite, "/api/auth/invite", {
      token,
      username: "erin",
      password: "a-long-enough-password",
    });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error).toMatch(/^username: "erin" is taken/);
    const unknown = await raw(acceptInvite, "/api/auth/invite", {
      token: "nope",
      username: "x",
      password: "a-long-enough-password",
    });
    expect(unknown.status).toBe(404);
    // Still usable after those refusals; revoked, it is not.
    const revoked = await call(revokeInvite, {
      method: "DELETE",
      path: `/api/v1/invites/${info.id}`,
      params: { id: String(info.id) },
    });
    expect(revoked.status).toBe(200);
    expect((revoked.body.invite as { state: string }).state).toBe("revoked");
    const afterRevoke = await raw(acceptInvite, "/api/auth/invite", {
      token,
      username: "vic",
      password: "a-long-enough-password",
    });
    expect(afterRevoke.status).toBe(410);
    expect((await afterRevoke.json()).error).toMatch(/revoked/);
    const old = await invite("viewer");
    await database.db.invite.update({
      where: { id: old.invite.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await raw(acceptInvite, "/api/auth/invite", {
      token: tokenOf(old.path),
      username: "late",
      password: "a-long-enough-password",
    });
    expect(expired.status).toBe(410);
    expect((await expired.json()).error).toMatch(/expired/);
  });

  it("is refused to viewers and editors", async () => {
    const viewer = await createUserWithRole(database, "viewer");
    const editor = await createUserWithRole(database, "editor");
    for (const user of [viewer, editor]) {
      const cookie = await sessionCookie(database, user.id);
      const res = await call(createInvite, {
        path: "/api/v1/invites",
        body: { role: "admin" },
        ...asAdmin(cookie),
      });
      expect(res.status).toBe(403);
    }
  });
});

describe("users", () => {
  it("lists users with role, last login and disabled state, never password hashes", async () => {
    const res = await call(listUsers, { path: "/api/v1/users" });
    expect(res.status).toBe(200);
    const users = res.body.users as Array<Record<string, unknown>>;
    expect(users.find((u) => u.username === "erin")).toMatchObject({ role: "editor", disabledAt: null });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|scrypt/);
  });

  it("login records lastLoginAt; a role change applies to live sessions", async () => {
    const res = await raw(login, "/api/auth/login", { username: "erin", password: "a-long-enough-password" });
    expect(res.status).toBe(200);
    const erin = await database.db.user.findUniqueOrThrow({ where: { username: "erin" } });
    expect(erin.lastLoginAt).not.toBeNull();
    const changed = await call(patchUser, {
      method: "PATCH",
      path: `/api/v1/users/${erin.id}`,
      params: { id: String(erin.id) },
      body: { role: "viewer" },
      ...asAdmin(),
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user).toMatchObject({ username: "erin", role: "viewer" });
    const who = await call(me, { path: "/api/auth/me", key: null, headers: { cookie: cookieOf(res) } });
    expect(who.body).toEqual({ user: { username: "erin", role: "viewer" } });
    const event = (await audit()).findLast((e) => e.action === "user.update");
    expect(event).toMatchObject({
      actorKind: "user",
      actorName: "root-admin",
      targetType: "user",
      targetId: "erin",
    });
    expect(JSON.parse(event!.details!)).toEqual({ role: { from: "editor", to: "viewer" } });
  });

  it("disabling ends the user's sessions and refuses their login; enabling lets them back", async () => {
    const erin = await database.db.user.findUniqueOrThrow({ where: { username: "erin" } });
    const cookie = await sessionCookie(database, erin.id);
    const patch = (disabled: boolean) =>
      call(patchUser, {
        method: "PATCH",
        path: `/api/v1/users/${erin.id}`,
        params: { id: String(erin.id) },
        body: { disabled },
        ...asAdmin(),
      });
    expect((await patch(true)).status).toBe(200);
    expect(await database.db.session.count({ where: { userId: erin.id } })).toBe(0);
    expect((await call(listModels, { path: "/api/v1/models", key: null, headers: { cookie } })).status).toBe(
      401,
    );
    const refused = await raw(login, "/api/auth/login", {
      username: "erin",
      password: "a-long-enough-password",
    });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/disabled/);
    expect((await patch(false)).status).toBe(200);
    expect(
      (await raw(login, "/api/auth/login", { username: "erin", password: "a-long-enough-password" })).status,
    ).toBe(200);
    expect((await audit()).map((e) => e.action)).toEqual(
      expect.arrayContaining(["user.disable", "user.enable"]),
    );
  });

  it("never leaves Vigil without an enabled admin; an admin cannot delete, disable or re-role themselves", async () => {
    const params = { id: String(adminId) };
    const path = `/api/v1/users/${adminId}`;
    const demote = await call(patchUser, {
      method: "PATCH",
      path,
      params,
      body: { role: "editor" },
      ...asAdmin(),
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toMatch(/last enabled admin/);
    // Through an admin key (not the user themselves): still the last admin.
    expect((await call(deleteUser, { method: "DELETE", path, params })).status).toBe(409);
    expect((await call(patchUser, { method: "PATCH", path, params, body: { disabled: true } })).status).toBe(
      409,
    );
    const self = await call(deleteUser, { method: "DELETE", path, params, ...asAdmin() });
    expect(self.status).toBe(409);
    // With a second admin, the first may be demoted (by the key) but still not delete themselves.
    await createUserWithRole(database, "admin", "second-admin");
    const ownRole = await call(patchUser, {
      method: "PATCH",
      path,
      params,
      body: { role: "editor" },
      ...asAdmin(),
    });
    expect(ownRole.status).toBe(409);
    expect(ownRole.body.error).toMatch(/your own role/);
    expect((await call(deleteUser, { method: "DELETE", path, params, ...asAdmin() })).body.error).toMatch(
      /your own account/,
    );
    expect(
      (await call(patchUser, { method: "PATCH", path, params, body: { disabled: true }, ...asAdmin() }))
        .status,
    ).toBe(409);
  });

  it("deletes users (404 after), and refuses bad input by field", async () => {
    const temp = await createUserWithRole(database, "viewer", "temp-user");
    const params = { id: String(temp.id) };
    const bad = await call(patchUser, {
      method: "PATCH",
      path: `/api/v1/users/${temp.id}`,
      params,
      body: { role: "root" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/role must be viewer, editor or admin/);
    const empty = await call(patchUser, {
      method: "PATCH",
      path: `/api/v1/users/${temp.id}`,
      params,
      body: {},
    });
    expect(empty.status).toBe(400);
    expect(
      (await call(deleteUser, { method: "DELETE", path: `/api/v1/users/${temp.id}`, params })).status,
    ).toBe(200);
    expect(
      (await call(deleteUser, { method: "DELETE", path: `/api/v1/users/${temp.id}`, params })).status,
    ).toBe(404);
    expect(
      (await call(deleteUser, { method: "DELETE", path: "/api/v1/users/abc", params: { id: "abc" } })).status,
    ).toBe(400);
    const event = (await audit()).findLast((e) => e.action === "user.delete");
    expect(event).toMatchObject({ actorKind: "apiKey", actorName: "bootstrap", targetId: "temp-user" });
  });
});

describe("reset links", () => {
  it("set a new password once, end the user's other sessions and sign them in", async () => {
    const user = await createUserWithRole(database, "editor", "forgetful", "the-old-password-1");
    const otherSession = await sessionCookie(database, user.id);
    const created = await call(resetLink, {
      method: "POST",
      path: `/api/v1/users/${user.id}/reset-link`,
      params: { id: String(user.id) },
      ...asAdmin(),
    });
    expect(created.status).toBe(201);
    expect(created.body.path).toMatch(/^\/reset\//);
    const info = created.body.invite as { kind: string; username: string; expiresAt: string };
    expect(info).toMatchObject({ kind: "reset", username: "forgetful" });
    expect(Date.parse(info.expiresAt) - Date.now()).toBeLessThanOrEqual(86_400_000);
    const token = tokenOf(created.body.path);
    const short = await raw(resetPassword, "/api/auth/reset", { token, password: "short" });
    expect(short.status).toBe(400);
    const res = await raw(resetPassword, "/api/auth/reset", { token, password: "the-new-password-2" });
    expect(res.status).toBe(200);
    const fresh = cookieOf(res);
    expect(fresh).not.toBe("");
    expect(
      (await call(listModels, { path: "/api/v1/models", key: null, headers: { cookie: otherSession } }))
        .status,
    ).toBe(401);
    expect(
      (await call(listModels, { path: "/api/v1/models", key: null, headers: { cookie: fresh } })).status,
    ).toBe(200);
    expect(
      (await raw(login, "/api/auth/login", { username: "forgetful", password: "the-old-password-1" })).status,
    ).toBe(401);
    expect(
      (await raw(login, "/api/auth/login", { username: "forgetful", password: "the-new-password-2" })).status,
    ).toBe(200);
    const again = await raw(resetPassword, "/api/auth/reset", { token, password: "the-third-password" });
    expect(again.status).toBe(410);
    const actions = (await audit()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["user.reset-link", "user.password-reset"]));
  });

  it("a new reset link replaces the earlier unused one; an invite token is no reset token", async () => {
    const user = await createUserWithRole(database, "viewer", "twice");
    const make = async () =>
      tokenOf(
        (
          await call(resetLink, {
            method: "POST",
            path: `/api/v1/users/${user.id}/reset-link`,
            params: { id: String(user.id) },
          })
        ).body.path,
      );
    const first = await make();
    const second = await make();
    expect(
      (await raw(resetPassword, "/api/auth/reset", { token: first, password: "a-long-enough-password" }))
        .status,
    ).toBe(410);
    expect(
      (await raw(resetPassword, "/api/auth/reset", { token: second, password: "a-long-enough-password" }))
        .status,
    ).toBe(200);
    const inviteToken = tokenOf((await invite("viewer")).path);
    expect(
      (
        await raw(resetPassword, "/api/auth/reset", {
          token: inviteToken,
          password: "a-long-enough-password",
        })
      ).status,
    ).toBe(404);
  });
});
