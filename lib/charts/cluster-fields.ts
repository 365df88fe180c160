// Shared bits of the Cluster page's forms: the API's 400 message split into the fields it names (so each
// problem shows next to its field), numbers typed in text boxes, and which URLs may become links.

export interface FieldIssues {
  /** field name (as the API spells it, "links.grafana" for nested ones) → its problems */
  byField: Record<string, string[]>;
  /** problems that name no known field (a 409, an unknown key …) */
  general: string[];
}

/**
 * The API's `error` text → problems per field. The server joins zod issues with "; " and writes each as
 * "field: message" (sometimes "field: field: message", sometimes "field is required"); a field that the form
 * does not know stays a general problem, in full.
 */
export function fieldIssues(message: string, fields: readonly string[]): FieldIssues {
  const out: FieldIssues = { byField: {}, general: [] };
  const known = [...fields].sort((a, b) => b.length - a.length); // "links.grafana" before "links"
  for (const part of message.split("; ")) {
    const text = part.trim();
    if (!text) continue;
    const field = known.find(
      (f) => text.startsWith(`${f}: `) || text.startsWith(`${f} `) || text.startsWith(`body.${f}: `),
    );
    if (!field) {
      out.general.push(text);
      continue;
    }
    let rest = text.startsWith("body.") ? text.slice(5) : text;
    // "field: field: message" → "message"; "field is required" → "is required"
    while (rest.startsWith(`${field}: `)) rest = rest.slice(field.length + 2);
    if (rest.startsWith(`${field} `)) rest = rest.slice(field.length + 1);
    addIssue(out.byField, field, rest);
  }
  return out;
}

/** A number typed in a form ("" → undefined; anything else that is not a finite number → NaN). */
export function numberField(text: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** A number as a form's text: "" for none, the shortest text otherwise. */
export function numberText(n: number | null | undefined): string {
  return typeof n === "number" && Number.isFinite(n) ? String(n) : "";
}

/** The URL when it is http(s) (only those become links: no javascript:, data:, file:), else null. */
export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Client-side issues collected while building a body; empty = ready to send. */
export type Issues = Record<string, string[]>;

export function addIssue(issues: Issues, field: string, message: string): void {
  const list = issues[field] ?? [];
  list.push(message);
  issues[field] = list;
}

/** A typed number field: undefined when empty, an issue when not a number, else the number. */
export function readNumber(issues: Issues, field: string, text: string, what: string): number | undefined {
  const n = numberField(text);
  if (n !== undefined && Number.isNaN(n)) addIssue(issues, field, what);
  return n !== undefined && !Number.isNaN(n) ? n : undefined;
}
