// The type checker Prometheus 2.42 runs after parsing (parser.checkAST): argument types of functions and
// aggregations, which operand types binary operators accept, `bool` and vector-matching rules, and the
// non-empty-matcher rule for selectors. It also finalises each BinaryExpr's default vector matching.
import { type BinaryExpr, type Expr, type Pos, PromQLError, type ValueType } from "../ast";
import { getFunction } from "../functions";
import { typeOf } from "./type-of";

const DOCUMENTED: Record<ValueType, string> = {
  scalar: "scalar",
  vector: "instant vector",
  matrix: "range vector",
  string: "string",
};
const COMPARISONS = new Set(["==", "!=", ">", "<", ">=", "<="]);
const SET_OPS = new Set(["and", "or", "unless"]);

function fail(message: string, pos: Pos): never {
  throw new PromQLError(message, pos);
}

function expectType(src: string, e: Expr, want: ValueType, context: string): void {
  const got = check(src, e);
  if (got !== want) fail(`expected type ${DOCUMENTED[want]} in ${context}, got ${DOCUMENTED[got]}`, e.pos);
}

/** The operator and its modifiers: the text between the operands, trimmed (Prometheus' opRange). */
function opRange(src: string, n: BinaryExpr): Pos {
  let start = n.lhs.pos.end;
  let end = n.rhs.pos.start;
  while (start < end && /\s/.test(src[start]!)) start++;
  while (end > start && /\s/.test(src[end - 1]!)) end--;
  return { start, end };
}

function checkBinary(src: string, n: BinaryExpr): void {
  const lt = check(src, n.lhs);
  const rt = check(src, n.rhs);
  const m = n.matching;
  if (n.bool && !COMPARISONS.has(n.op))
    fail("bool modifier can only be used on comparison operators", opRange(src, n));
  if (COMPARISONS.has(n.op) && !n.bool && lt === "scalar" && rt === "scalar") {
    fail("comparisons between scalars must use BOOL modifier", opRange(src, n));
  }
  if (m && SET_OPS.has(n.op) && m.card === "one-to-one") m.card = "many-to-many";
  if (m?.on) {
    const clash = m.labels.find((l) => m.include.includes(l));
    if (clash !== undefined)
      fail(`label "${clash}" must not occur in ON and GROUP clause at once`, opRange(src, n));
  }
  if (lt !== "scalar" && lt !== "vector")
    fail("binary expression must contain only scalar and instant vector types", n.lhs.pos);
  if (rt !== "scalar" && rt !== "vector")
    fail("binary expression must contain only scalar and instant vector types", n.rhs.pos);
  if (m && (lt !== "vector" || rt !== "vector")) {
    if (m.labels.length > 0) fail("vector matching only allowed between instant vectors", n.pos);
    n.matching = null;
  } else if (m && SET_OPS.has(n.op)) {
    if (m.card === "one-to-many" || m.card === "many-to-one")
      fail(`no grouping allowed for "${n.op}" operation`, n.pos);
  }
  if ((lt === "scalar" || rt === "scalar") && SET_OPS.has(n.op)) {
    fail(`set operator "${n.op}" not allowed in binary scalar expression`, n.pos);
  }
}

function checkCall(src: string, n: Expr & { type: "call" }): void {
  const fn = getFunction(n.func);
  if (!fn) fail(`unknown function with name "${n.func}"`, n.pos);
  const nargs = fn.argTypes.length;
  const got = n.args.length;
  if (fn.variadic === 0) {
    if (nargs !== got) fail(`expected ${nargs} argument(s) in call to "${n.func}", got ${got}`, n.pos);
  } else if (nargs - 1 > got) {
    fail(`expected at least ${nargs - 1} argument(s) in call to "${n.func}", got ${got}`, n.pos);
  } else if (fn.variadic > 0 && nargs - 1 + fn.variadic < got) {
    fail(`expected at most ${nargs - 1 + fn.variadic} argument(s) in call to "${n.func}", got ${got}`, n.pos);
  }
  n.args.forEach((arg, i) => {
    const want = fn.argTypes[Math.min(i, nargs - 1)];
    if (want !== undefined) expectType(src, arg, want, `call to function "${n.func}"`);
  });
}

/** A selector must not match every series: at least one matcher must reject the empty string. */
function matchesEmpty(op: string, value: string): boolean {
  switch (op) {
    case "=":
      return value === "";
    case "!=":
      return value !== "";
    case "=~":
      return new RegExp(`^(?:${value})$`).test("");
    default:
      return !new RegExp(`^(?:${value})$`).test("");
  }
}

/** Checks `e` and its children as Prometheus 2.42 does; returns its type. Throws the first problem found. */
export function check(src: string, e: Expr): ValueType {
  switch (e.type) {
    case "aggregate":
      expectType(src, e.expr, "vector", "aggregation expression");
      if (e.op === "topk" || e.op === "bottomk" || e.op === "quantile") {
        expectType(src, e.param!, "scalar", "aggregation parameter");
      } else if (e.op === "count_values") {
        expectType(src, e.param!, "string", "aggregation parameter");
      }
      break;
    case "binary":
      checkBinary(src, e);
      break;
    case "call":
      checkCall(src, e);
      break;
    case "paren":
      check(src, e.expr);
      break;
    case "unary": {
      const t = check(src, e.expr);
      if (t !== "scalar" && t !== "vector") {
        fail(
          `unary expression only allowed on expressions of type scalar or instant vector, got "${DOCUMENTED[t]}"`,
          e.pos,
        );
      }
      break;
    }
    case "subquery": {
      const t = check(src, e.expr);
      if (t !== "vector") fail(`subquery is only allowed on instant vector, got ${t} instead`, e.pos);
      break;
    }
    case "matrixSelector":
      check(src, e.vector);
      break;
    case "vectorSelector":
      if (e.name !== null) {
        const dup = e.matchers.slice(0, -1).find((m) => m.name === "__name__");
        if (dup) fail(`metric name must not be set twice: "${e.name}" or "${dup.value}"`, e.pos);
      } else if (e.matchers.every((m) => matchesEmpty(m.op, m.value))) {
        fail("vector selector must contain at least one non-empty matcher", e.pos);
      }
      break;
    default:
      break;
  }
  return typeOf(e);
}
