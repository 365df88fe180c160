// Where in the query an API error points: the message text is all the API returns, so the position is
// read from it ("at position 12", or Prometheus' "1:14: parse error: …" line:column prefix).

export interface ErrorSpot {
  /** 0-based offset into the query text, clamped to its length. */
  from: number;
  /** Exclusive end: the offending character, or the end of the text when the error is at the end. */
  to: number;
}

function clampSpot(query: string, offset: number): ErrorSpot {
  const from = Math.max(0, Math.min(offset, query.length));
  if (from >= query.length) return { from: query.length, to: query.length };
  return { from, to: from + 1 };
}

/** Offset of 1-based `line`:`column` in `query`. */
function lineColumnOffset(query: string, line: number, column: number): number {
  const lines = query.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i]!.length + 1;
  return offset + column - 1;
}

export function errorSpot(message: string, query: string, pos?: number | null): ErrorSpot | null {
  if (typeof pos === "number" && Number.isFinite(pos)) return clampSpot(query, pos);
  const at = /\b(?:position|pos|char(?:acter)?)\s+(\d+)/i.exec(message);
  if (at) return clampSpot(query, Number(at[1]));
  const lc = /(?:^|[\s:])(\d+):(\d+):\s*parse error/i.exec(message);
  if (lc) return clampSpot(query, lineColumnOffset(query, Number(lc[1]), Number(lc[2])));
  return null;
}

/** The line holding the spot and a caret line under it, for a monospace error excerpt. */
export function caretExcerpt(query: string, spot: ErrorSpot): { line: string; caret: string } {
  const lineStart = query.lastIndexOf("\n", spot.from - 1) + 1;
  const nl = query.indexOf("\n", spot.from);
  const line = query.slice(lineStart, nl === -1 ? undefined : nl);
  const column = spot.from - lineStart;
  return { line, caret: `${" ".repeat(column)}^` };
}
