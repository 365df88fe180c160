// Label-set helpers with Prometheus' conventions: canonical keys, __name__ dropping, Labels.String() text and
// labels.Compare ordering (used to sort range-query output).
import type { Labels } from "./types";

const SEP = "\u0000";

/** Canonical identity of a label set (sorted names); empty values are not labels in Prometheus. */
export function labelsKey(labels: Labels): string {
  const names = Object.keys(labels).sort();
  let out = "";
  for (const n of names) out += `${n}${SEP}${labels[n]}${SEP}`;
  return out;
}

export function sortedEntries(labels: Labels): Array<[string, string]> {
  return Object.keys(labels)
    .sort()
    .map((n) => [n, labels[n]!]);
}

export function dropName(labels: Labels): Labels {
  if (!("__name__" in labels)) return labels;
  const { __name__: _dropped, ...rest } = labels;
  return rest;
}

/** Go's strconv.Quote for the characters label values realistically contain. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Prometheus' labels.Labels.String(): {a="1", b="2"}. */
export function labelsString(labels: Labels): string {
  return `{${sortedEntries(labels)
    .map(([n, v]) => `${n}=${goQuote(v)}`)
    .join(", ")}}`;
}

/** Prometheus' labels.Compare: pairwise by name then value, shorter set first. */
export function compareLabels(a: Labels, b: Labels): number {
  const ea = sortedEntries(a);
  const eb = sortedEntries(b);
  const l = Math.min(ea.length, eb.length);
  for (let i = 0; i < l; i++) {
    const [an, av] = ea[i]!;
    const [bn, bv] = eb[i]!;
    if (an !== bn) return an < bn ? -1 : 1;
    if (av !== bv) return av < bv ? -1 : 1;
  }
  return ea.length - eb.length;
}

/** Keep only `names` (Prometheus' Builder.Keep). */
export function keepLabels(labels: Labels, names: readonly string[]): Labels {
  const out: Labels = {};
  for (const n of names) {
    const v = labels[n];
    if (v !== undefined && v !== "") out[n] = v;
  }
  return out;
}

export function deleteLabels(labels: Labels, names: readonly string[]): Labels {
  const out: Labels = { ...labels };
  for (const n of names) delete out[n];
  return out;
}

/** Matching signature: with `on` only the listed labels; with `ignoring` all but the listed ones and __name__. */
export function signature(labels: Labels, on: boolean, names: readonly string[]): string {
  if (on) return labelsKey(keepLabels(labels, names));
  return labelsKey(deleteLabels(labels, [...names, "__name__"]));
}

/** Label names Prometheus accepts (model.LabelNameRE). */
export function validLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}
