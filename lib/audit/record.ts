// The audit log: one row per change to rules, channels, keys, users, data sources, embeds… saying who did
// what to which thing. Written by the route that made the change, in the same transaction where it can
// (auditStatement) or right after it (recordAudit). Details are JSON with secrets removed.
import type { Database, Db } from "../db/client";
import type { Principal } from "../http/principal";

/** Who acted: a dashboard user or API key (the route's principal), the CLI, or Vigil itself. */
export type AuditActor =
  | Principal
  | { kind: "cli"; name?: string }
  | { kind: "system"; name?: string }
  | null;

export interface AuditInput {
  /** "<target type>.<verb>", e.g. rule-group.update, api-key.create, user.role */
  action: string;
  /** e.g. rule-group, silence, contact-point, api-key, user, invite, dashboard, embed */
  targetType: string;
  targetId?: string | number | null;
  /** one line a person reads in the audit table */
  summary: string;
  /** what changed; secrets are removed before it is stored */
  details?: Record<string, unknown>;
}

/** Keys whose values never reach the log, at any depth: passwords, tokens, webhook URLs, credentials. */
const SECRET_KEY =
  /pass(word)?|secret|token|hash|authori[sz]ation|credential|cookie|webhook|api_?key|^key$|^url$/i;
const MAX_DETAILS = 8_000;

/** A copy of `value` with every secret-looking field replaced by "[redacted]". */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[nested]";
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k) && v !== null && v !== undefined ? "[redacted]" : redactSecrets(v, depth + 1),
      ]),
    );
  }
  return value;
}

function actorFields(actor: AuditActor): {
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
} {
  if (actor === null) return { actorKind: "system", actorId: null, actorName: null };
  if (actor.kind === "user")
    return { actorKind: "user", actorId: String(actor.id), actorName: actor.username };
  if (actor.kind === "apiKey")
    return { actorKind: "apiKey", actorId: String(actor.id), actorName: actor.name };
  return { actorKind: actor.kind, actorId: null, actorName: actor.name ?? null };
}

function detailsText(details: Record<string, unknown> | undefined): string | null {
  if (!details) return null;
  const text = JSON.stringify(redactSecrets(details));
  return text.length > MAX_DETAILS
    ? JSON.stringify({ truncated: true, preview: text.slice(0, MAX_DETAILS) })
    : text;
}

/** The insert, unexecuted: put it in `db.$transaction([change, auditStatement(…)])` to log atomically. */
export function auditStatement(db: Db, actor: AuditActor, event: AuditInput) {
  return db.auditEvent.create({
    data: {
      ...actorFields(actor),
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId === undefined || event.targetId === null ? null : String(event.targetId),
      summary: event.summary.slice(0, 500),
      details: detailsText(event.details),
    },
  });
}

/** Logs one change made by `actor` (the route's principal; null for Vigil itself). */
export async function recordAudit(
  database: Pick<Database, "db">,
  actor: AuditActor,
  event: AuditInput,
): Promise<void> {
  await auditStatement(database.db, actor, event);
}
