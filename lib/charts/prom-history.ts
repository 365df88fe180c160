// Query history of the explore page: the last N distinct queries, newest first, stored as JSON.

export const HISTORY_LIMIT = 20;

export function pushHistory(history: readonly string[], query: string, limit = HISTORY_LIMIT): string[] {
  const q = query.trim();
  if (!q) return [...history];
  return [q, ...history.filter((h) => h !== q)].slice(0, limit);
}

/** Stored JSON → history; anything malformed reads as empty. */
export function parseHistory(json: string | null, limit = HISTORY_LIMIT): string[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.filter((v): v is string => typeof v === "string" && v.trim() !== "").slice(0, limit);
  } catch {
    return [];
  }
}
