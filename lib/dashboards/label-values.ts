// A query variable's query, as Grafana writes it: `label_values(<series selector>, <label>)` or
// `label_values(<label>)`. It becomes GET /api/v1/label/<label>/values[?match[]=<selector>]. Pure.

export interface LabelValuesQuery {
  label: string;
  /** the series selector (may still hold variables), or null for every series */
  selector: string | null;
}

const LABEL = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The parsed query, or an error that says what is wrong. */
export function parseLabelValues(query: string): LabelValuesQuery | { error: string } {
  const m = /^\s*label_values\s*\(([\s\S]*)\)\s*$/.exec(query);
  if (!m) return { error: "query must be label_values(<selector>, <label>) or label_values(<label>)" };
  const inner = m[1]!;
  // The label is what follows the last comma outside braces and quotes.
  let depth = 0;
  let quote: string | null = null;
  let split = -1;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if (ch === "{" || ch === "(" || ch === "[") depth++;
    else if (ch === "}" || ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) split = i;
  }
  const label = (split === -1 ? inner : inner.slice(split + 1)).trim();
  const selector = split === -1 ? null : inner.slice(0, split).trim();
  if (!LABEL.test(label)) return { error: `"${label.slice(0, 60)}" is not a label name` };
  if (selector !== null && selector === "") return { error: "the series selector before the comma is empty" };
  return { label, selector };
}

/** GET path + query of the label values call (datasource: an external source's name, or null for Vigil). */
export function labelValuesUrl(
  q: LabelValuesQuery,
  selector: string | null,
  datasource: string | null,
): string {
  const p = new URLSearchParams();
  if (selector) p.append("match[]", selector);
  if (datasource) p.set("datasource", datasource);
  const qs = p.toString();
  return `/api/v1/label/${encodeURIComponent(q.label)}/values${qs ? `?${qs}` : ""}`;
}
