// Alert label and annotation templates: the part of Go's text/template that Prometheus rule files use —
// `{{ $labels.instance }}`, `{{ $value | humanizePercentage }}`, `{{ printf "%.2f" $value }}`,
// `{{ if gt $value 0.9 }}…{{ else }}…{{ end }}`, `{{- trim -}}`, comments — with Prometheus' functions.
// Templates are compiled once (compileTemplate throws TemplateError with the position) and rendered per alert.
import { formatValue, sprintf } from "./go-format";
import { humanize, humanize1024, humanizeDuration, humanizePercentage, humanizeTimestamp } from "./humanize";

export class TemplateError extends Error {}

export interface TemplateData {
  labels: Record<string, string>;
  value: number;
  externalLabels?: Record<string, string>;
  externalURL?: string;
}

type Value = string | number | boolean | Record<string, string> | null;
type Expr =
  | { kind: "literal"; value: Value }
  | { kind: "path"; root: string; fields: string[] }
  | { kind: "call"; name: string; args: Expr[] }
  | { kind: "pipe"; stages: Expr[] };
type Node =
  | { kind: "text"; text: string }
  | { kind: "print"; expr: Expr }
  | { kind: "if"; branches: Array<{ cond: Expr | null; body: Node[] }> };

const num = (v: Value): number => (typeof v === "number" ? v : Number(v));
const str = (v: Value): string =>
  typeof v === "number"
    ? formatValue(v)
    : v === null
      ? "<no value>"
      : typeof v === "object"
        ? "map"
        : String(v);
const truthy = (v: Value) =>
  !(
    v === null ||
    v === false ||
    v === 0 ||
    v === "" ||
    (typeof v === "object" && Object.keys(v).length === 0)
  );
const compare = (a: Value, b: Value) =>
  typeof a === "number" || typeof b === "number"
    ? num(a) - num(b)
    : str(a) < str(b)
      ? -1
      : str(a) > str(b)
        ? 1
        : 0;

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  humanize: (v) => humanize(num(v)),
  humanize1024: (v) => humanize1024(num(v)),
  humanizeDuration: (v) => humanizeDuration(num(v)),
  humanizePercentage: (v) => humanizePercentage(num(v)),
  humanizeTimestamp: (v) => humanizeTimestamp(num(v)),
  printf: (format, ...args) =>
    sprintf(
      str(format),
      args.map((a) => (typeof a === "number" || typeof a === "boolean" ? a : str(a))),
    ),
  toUpper: (v) => str(v).toUpperCase(),
  toLower: (v) => str(v).toLowerCase(),
  title: (v) => str(v).replace(/\b\w/g, (c) => c.toUpperCase()),
  reReplaceAll: (pattern, repl, text) =>
    str(text).replace(
      new RegExp(str(pattern).replace(/\(\?P</g, "(?<"), "g"),
      str(repl)
        .replace(/\$\{?(\w+)\}?/g, "$$<$1>")
        .replace(/\$<(\d+)>/g, "$$$1"),
    ),
  match: (pattern, text) => new RegExp(str(pattern)).test(str(text)),
  stripPort: (v) => str(v).replace(/:\d+$/, ""),
  stripDomain: (v) => str(v).replace(/^([^.:]+)\.[^:]*/, "$1"),
  safeHtml: (v) => str(v),
  len: (v) => (v !== null && typeof v === "object" ? Object.keys(v).length : str(v).length),
  index: (m, k) => (m !== null && typeof m === "object" ? (m[str(k)] ?? "") : null),
  eq: (a, ...bs) => bs.some((b) => compare(a, b) === 0),
  ne: (a, b) => compare(a, b) !== 0,
  lt: (a, b) => compare(a, b) < 0,
  le: (a, b) => compare(a, b) <= 0,
  gt: (a, b) => compare(a, b) > 0,
  ge: (a, b) => compare(a, b) >= 0,
  not: (v) => !truthy(v),
  and: (...vs) => vs.find((v) => !truthy(v)) ?? vs[vs.length - 1] ?? null,
  or: (...vs) => vs.find(truthy) ?? vs[vs.length - 1] ?? null,
};

const TOKEN =
  /\s*(?:("(?:[^"\\]|\\.)*")|(`[^`]*`)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(\$\w*(?:\.\w+)*|\.\w+(?:\.\w+)*|\.)|(\w+)|(\|)|(\()|(\)))/y;

function tokenize(src: string, at: number): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m)
      throw new TemplateError(`unexpected "${src.slice(start).trim().slice(0, 20)}" at offset ${at + start}`);
    out.push(m[0].trim());
  }
  return out;
}

function parseExpr(tokens: string[], pos: { i: number }, at: number): Expr {
  const stages: Expr[] = [];
  for (;;) {
    const parts: Expr[] = [];
    while (pos.i < tokens.length && tokens[pos.i] !== "|" && tokens[pos.i] !== ")") {
      const t = tokens[pos.i++] as string;
      if (t === "(") {
        parts.push(parseExpr(tokens, pos, at));
        if (tokens[pos.i++] !== ")") throw new TemplateError(`missing ")" at offset ${at}`);
      } else if (t.startsWith('"')) parts.push({ kind: "literal", value: JSON.parse(t) as string });
      else if (t.startsWith("`")) parts.push({ kind: "literal", value: t.slice(1, -1) });
      else if (/^-?\d/.test(t)) parts.push({ kind: "literal", value: Number(t) });
      else if (t === "true" || t === "false") parts.push({ kind: "literal", value: t === "true" });
      else if (t.startsWith("$") || t.startsWith(".")) {
        const [root = "", ...fields] = t.split(".");
        parts.push({ kind: "path", root: t.startsWith(".") ? "." : root, fields: fields.filter(Boolean) });
      } else if (FUNCTIONS[t]) parts.push({ kind: "call", name: t, args: [] });
      else throw new TemplateError(`function "${t}" not defined (offset ${at})`);
    }
    if (parts.length === 0) throw new TemplateError(`missing value in pipeline at offset ${at}`);
    const [head, ...rest] = parts as [Expr, ...Expr[]];
    if (head.kind === "call") stages.push({ ...head, args: rest });
    else if (rest.length > 0)
      throw new TemplateError(`can't give arguments to a non-function at offset ${at}`);
    else stages.push(head);
    if (tokens[pos.i] !== "|") break;
    pos.i++;
  }
  return stages.length === 1 ? (stages[0] as Expr) : { kind: "pipe", stages };
}

function parseAction(src: string, at: number): Expr {
  const tokens = tokenize(src, at);
  const pos = { i: 0 };
  const expr = parseExpr(tokens, pos, at);
  if (pos.i !== tokens.length) throw new TemplateError(`unexpected "${tokens[pos.i]}" at offset ${at}`);
  return expr;
}

/** Parses a template; throws TemplateError naming the offset of the first problem. */
export function compileTemplate(source: string): (data: TemplateData) => string {
  const root: Node[] = [];
  const stack: Array<{ node: Extract<Node, { kind: "if" }>; body: Node[] }> = [];
  let body = root;
  const re = /\{\{(-\s)?([\s\S]*?)(\s-)?\}\}/g;
  let last = 0;
  let trimNext = false;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    let text = source.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, "");
    if (m[1]) text = text.replace(/\s+$/, "");
    if (text) body.push({ kind: "text", text });
    last = re.lastIndex;
    trimNext = Boolean(m[3]);
    const action = (m[2] ?? "").trim();
    const at = m.index;
    if (action.startsWith("/*")) continue;
    const keyword = /^(if|else if|else|end|range|with|define|template|block)\b/.exec(action)?.[1];
    if (keyword === "if") {
      const node: Extract<Node, { kind: "if" }> = {
        kind: "if",
        branches: [{ cond: parseAction(action.slice(2), at), body: [] }],
      };
      body.push(node);
      stack.push({ node, body });
      body = (node.branches[0] as { body: Node[] }).body;
    } else if (keyword === "else if" || keyword === "else") {
      const top = stack[stack.length - 1];
      if (!top) throw new TemplateError(`unexpected {{else}} at offset ${at}`);
      const branch = {
        cond: keyword === "else" ? null : parseAction(action.slice(7), at),
        body: [] as Node[],
      };
      top.node.branches.push(branch);
      body = branch.body;
    } else if (keyword === "end") {
      const top = stack.pop();
      if (!top) throw new TemplateError(`unexpected {{end}} at offset ${at}`);
      body = top.body;
    } else if (keyword)
      throw new TemplateError(`{{${keyword}}} is not supported in alert templates (offset ${at})`);
    else body.push({ kind: "print", expr: parseAction(action, at) });
  }
  if (stack.length > 0) throw new TemplateError("unexpected end of template: an {{if}} has no {{end}}");
  let tail = source.slice(last);
  if (trimNext) tail = tail.replace(/^\s+/, "");
  if (tail) root.push({ kind: "text", text: tail });
  return (data) => render(root, data);
}

function evaluate(expr: Expr, data: TemplateData, piped?: Value): Value {
  if (expr.kind === "literal") return expr.value;
  if (expr.kind === "pipe") {
    let value: Value | undefined;
    for (const stage of expr.stages) value = evaluate(stage, data, value);
    return value ?? null;
  }
  if (expr.kind === "call") {
    const args = expr.args.map((a) => evaluate(a, data));
    if (piped !== undefined) args.push(piped);
    return (FUNCTIONS[expr.name] as (...a: Value[]) => Value)(...args);
  }
  const vars: Record<string, Value> = {
    $labels: data.labels,
    $value: data.value,
    $externalLabels: data.externalLabels ?? {},
    $externalURL: data.externalURL ?? "",
  };
  const fields: Record<string, Value> = {
    Labels: data.labels,
    Value: data.value,
    ExternalLabels: data.externalLabels ?? {},
    ExternalURL: data.externalURL ?? "",
  };
  let value: Value = expr.root === "." ? null : (vars[expr.root] ?? null);
  const path = [...expr.fields];
  if (expr.root === ".") value = path.length ? (fields[path.shift() as string] ?? null) : null;
  for (const f of path) value = value !== null && typeof value === "object" ? (value[f] ?? "") : null;
  return value;
}

function render(nodes: Node[], data: TemplateData): string {
  let out = "";
  for (const node of nodes) {
    if (node.kind === "text") out += node.text;
    else if (node.kind === "print") out += str(evaluate(node.expr, data));
    else {
      const branch = node.branches.find((b) => b.cond === null || truthy(evaluate(b.cond, data)));
      if (branch) out += render(branch.body, data);
    }
  }
  return out;
}

/** A template cache for the state machine's `Expand`: each distinct template is compiled once. */
export function templateExpander(extra: Omit<TemplateData, "labels" | "value"> = {}) {
  const cache = new Map<string, (d: TemplateData) => string>();
  return (template: string, sample: { labels: Record<string, string>; value: number }): string => {
    if (!template.includes("{{")) return template;
    try {
      let compiled = cache.get(template);
      if (!compiled) {
        compiled = compileTemplate(template);
        cache.set(template, compiled);
      }
      return compiled({ ...extra, labels: sample.labels, value: sample.value });
    } catch (error) {
      // As Prometheus: the alert still goes out, with the problem in place of the text.
      return `<error expanding template: ${error instanceof Error ? error.message : String(error)}>`;
    }
  };
}
