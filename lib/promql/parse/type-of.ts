// The value type of an expression, as Prometheus' Expr.Type() defines it.
import type { Expr, ValueType } from "../ast";
import { getFunction } from "../functions";

export function typeOf(e: Expr): ValueType {
  switch (e.type) {
    case "number":
      return "scalar";
    case "string":
      return "string";
    case "vectorSelector":
    case "aggregate":
      return "vector";
    case "matrixSelector":
    case "subquery":
      return "matrix";
    case "paren":
    case "unary":
      return typeOf(e.expr);
    case "binary":
      return typeOf(e.lhs) === "scalar" && typeOf(e.rhs) === "scalar" ? "scalar" : "vector";
    case "call":
      return getFunction(e.func)?.returnType ?? "vector";
  }
}
