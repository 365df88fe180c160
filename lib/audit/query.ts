// Reading the audit log: newest first, filtered by time, actor and target type, paged by a cursor (the id
// of the last row seen — ids grow with time, so "older than the cursor" is "id below it").
import type { Database } from "../db/client";

export interface AuditQuery {
  from?: Date;
  to?: Date;
  /** the actor's name (username or key name) or kind ("cli", "system") */
  actor?: string;
  targetType?: string;
  limit: number;
  cursor?: number;
}

export interface AuditEventInfo {
  id: number;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  details: unknown;
}

function parseDetails(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function listAuditEvents(
  database: Database,
  q: AuditQuery,
): Promise<{ events: AuditEventInfo[]; nextCursor: string | null }> {
  const rows = await database.db.auditEvent.findMany({
    where: {
      ...(q.from || q.to
        ? { at: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } }
        : {}),
      ...(q.actor ? { OR: [{ actorName: q.actor }, { actorKind: q.actor }] } : {}),
      ...(q.targetType ? { targetType: q.targetType } : {}),
      ...(q.cursor !== undefined ? { id: { lt: q.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    events: page.map((r) => ({ ...r, at: r.at.toISOString(), details: parseDetails(r.details) })),
    nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
  };
}
