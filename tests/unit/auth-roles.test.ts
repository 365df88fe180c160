// Who may do what: roles and key scopes against each permission, API key expiry input, invite link states.
import { describe, expect, it } from "vitest";
import { type Permission, scopeAllows } from "@/lib/auth/api-keys";
import { inviteState } from "@/lib/auth/invites";
import { roleAllows } from "@/lib/auth/roles";
import { apiKeyExpiry, apiKeyInput, userPatch } from "@/lib/auth/schemas";

const PERMISSIONS: Permission[] = ["read", "edit", "admin", "ingest"];

describe("roles and scopes", () => {
  it.each([
    ["viewer", [true, false, false, false]],
    ["editor", [true, true, false, false]],
    ["admin", [true, true, true, true]],
    ["unknown", [false, false, false, false]],
  ] as const)("role %s", (role, allowed) => {
    expect(PERMISSIONS.map((p) => roleAllows(role, p))).toEqual(allowed);
  });

  it.each([
    ["read", [true, false, false, false]],
    ["ingest", [false, false, false, true]],
    ["admin", [true, true, true, true]],
  ] as const)("key scope %s (no key has an edit scope; admin covers it)", (scope, allowed) => {
    expect(PERMISSIONS.map((p) => scopeAllows(scope, p))).toEqual(allowed);
  });
});

describe("API key expiry", () => {
  const now = Date.parse("2026-06-01T00:00:00Z");
  it("from days, from a date, or none; never in the past", () => {
    expect(apiKeyExpiry({ expiresInDays: 30 }, now)).toEqual({ expiresAt: new Date("2026-07-01T00:00:00Z") });
    expect(apiKeyExpiry({ expiresAt: "2027-01-01T00:00:00+01:00" }, now)).toEqual({
      expiresAt: new Date("2026-12-31T23:00:00Z"),
    });
    expect(apiKeyExpiry({}, now)).toEqual({ expiresAt: null });
    expect(apiKeyExpiry({ expiresAt: "2026-05-31T00:00:00Z" }, now)).toEqual({
      error: "expiresAt: must be in the future",
    });
  });

  it("the input names its fields", () => {
    const bad = apiKeyInput.safeParse({ name: "k", scope: "read", expiresAt: "next week" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["expiresAt"]);
    expect(apiKeyInput.safeParse({ name: "k", scope: "read", extra: 1 }).success).toBe(false);
    expect(userPatch.safeParse({}).success).toBe(false);
    expect(userPatch.safeParse({ disabled: true }).success).toBe(true);
  });
});

describe("invite states", () => {
  const now = Date.now();
  const at = (ms: number) => new Date(now + ms);
  it("pending until used, revoked or expired", () => {
    expect(inviteState({ usedAt: null, revokedAt: null, expiresAt: at(1000) }, now)).toBe("pending");
    expect(inviteState({ usedAt: at(-5), revokedAt: null, expiresAt: at(-1) }, now)).toBe("used");
    expect(inviteState({ usedAt: null, revokedAt: at(-5), expiresAt: at(1000) }, now)).toBe("revoked");
    expect(inviteState({ usedAt: null, revokedAt: null, expiresAt: at(0) }, now)).toBe("expired");
  });
});
