// Input rules for users, invites and API keys, shared by the routes, the CLI and the forms' messages.
import { z } from "zod";
import { API_KEY_SCOPES } from "./api-keys";

export const USER_ROLES = ["viewer", "editor", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Passwords people choose (invite, reset): long beats complex. The CLI and VIGIL_ADMIN_PASSWORD allow 8. */
export const PASSWORD_MIN_LENGTH = 12;

export const roleSchema = z.enum(USER_ROLES, { error: "role must be viewer, editor or admin" });

export const usernameSchema = z
  .string({ error: "username is required" })
  .trim()
  .min(1, "username is required")
  .max(64, "username must be at most 64 characters")
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@-]*$/,
    "username may use letters, digits, '.', '_', '@' and '-', starting with a letter or digit",
  );

export const newPasswordSchema = z
  .string({ error: "password is required" })
  .min(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(1000, "password must be at most 1000 characters");

const days = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a number of days` })
    .int(`${what} must be a whole number of days`)
    .min(1, `${what} must be at least 1 day`)
    .max(max, `${what} must be at most ${max} days`);

export const inviteInput = z
  .object({
    role: roleSchema,
    expiresInDays: days("expiresInDays", 90).default(7),
  })
  .strict();

export const userPatch = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean({ error: "disabled must be true or false" }).optional(),
  })
  .strict()
  .refine((p) => p.role !== undefined || p.disabled !== undefined, "name role or disabled to change");

export const apiKeyInput = z
  .object({
    name: z
      .string({ error: "name is required" })
      .trim()
      .min(1, "name is required")
      .max(100, "name must be at most 100 characters"),
    scope: z.enum(API_KEY_SCOPES, { error: "scope must be ingest, read or admin" }),
    expiresAt: z.iso
      .datetime({ offset: true, error: "expiresAt must be an ISO-8601 date-time, e.g. 2027-01-31T00:00:00Z" })
      .nullable()
      .optional(),
    expiresInDays: days("expiresInDays", 3650).nullable().optional(),
  })
  .strict()
  .refine((k) => !(k.expiresAt && k.expiresInDays), {
    message: "give expiresAt or expiresInDays, not both",
    path: ["expiresInDays"],
  });

/** The key's expiry from either form; an expiry in the past is refused (it would be born dead). */
export function apiKeyExpiry(
  input: { expiresAt?: string | null; expiresInDays?: number | null },
  now = Date.now(),
): { expiresAt: Date | null } | { error: string } {
  if (input.expiresInDays) return { expiresAt: new Date(now + input.expiresInDays * 86_400_000) };
  if (!input.expiresAt) return { expiresAt: null };
  const at = new Date(input.expiresAt);
  return at.getTime() <= now ? { error: "expiresAt: must be in the future" } : { expiresAt: at };
}
