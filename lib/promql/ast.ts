// The PromQL syntax tree Vigil evaluates, built from @prometheus-io/lezer-promql's parse tree by
// lib/promql/parse. Shapes follow Prometheus' own parser (promql/parser/ast.go) so its semantics map 1:1.
import type { LabelMatcher } from "../series/labels";

export type { LabelMatcher };

export type ValueType = "scalar" | "vector" | "matrix" | "string";

/** Character offsets in the query text, [start, end). */
export interface Pos {
  start: number;
  end: number;
}

export type AtModifier = { kind: "timestamp"; ms: number } | { kind: "start" } | { kind: "end" };

export interface NumberLiteral {
  type: "number";
  value: number;
  pos: Pos;
}

export interface StringLiteral {
  type: "string";
  value: string;
  pos: Pos;
}

export interface VectorSelector {
  type: "vectorSelector";
  /** Metric name if written before the braces (it also appears in `matchers` as __name__="…"). */
  name: string | null;
  matchers: LabelMatcher[];
  offsetMs: number;
  at: AtModifier | null;
  pos: Pos;
}

export interface MatrixSelector {
  type: "matrixSelector";
  vector: VectorSelector;
  rangeMs: number;
  pos: Pos;
}

export interface SubqueryExpr {
  type: "subquery";
  expr: Expr;
  rangeMs: number;
  /** null: the engine default (Prometheus uses its global evaluation interval, 1m, for range queries too). */
  stepMs: number | null;
  offsetMs: number;
  at: AtModifier | null;
  pos: Pos;
}

export interface ParenExpr {
  type: "paren";
  expr: Expr;
  pos: Pos;
}

export interface UnaryExpr {
  type: "unary";
  op: "+" | "-";
  expr: Expr;
  pos: Pos;
}

export type ArithmeticOp = "+" | "-" | "*" | "/" | "%" | "^" | "atan2";
export type ComparisonOp = "==" | "!=" | ">" | "<" | ">=" | "<=";
export type SetOp = "and" | "or" | "unless";
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

export interface VectorMatching {
  card: "one-to-one" | "many-to-one" | "one-to-many" | "many-to-many";
  /** true: `on(labels)`; false: `ignoring(labels)` (also the default with an empty list). */
  on: boolean;
  labels: string[];
  /** Extra labels of group_left/group_right(…). */
  include: string[];
}

export interface BinaryExpr {
  type: "binary";
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  /** The `bool` modifier of comparisons. */
  bool: boolean;
  /** Set when both sides are vectors (Prometheus fills a default one-to-one / many-to-many). */
  matching: VectorMatching | null;
  pos: Pos;
}

export type AggregateOp =
  | "sum"
  | "avg"
  | "min"
  | "max"
  | "count"
  | "stddev"
  | "stdvar"
  | "topk"
  | "bottomk"
  | "quantile"
  | "count_values"
  | "group";

export interface AggregateExpr {
  type: "aggregate";
  op: AggregateOp;
  expr: Expr;
  /** topk/bottomk k, quantile φ, count_values label name. */
  param: Expr | null;
  grouping: string[];
  without: boolean;
  pos: Pos;
}

export interface Call {
  type: "call";
  func: string;
  args: Expr[];
  pos: Pos;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | ParenExpr
  | UnaryExpr
  | BinaryExpr
  | AggregateExpr
  | Call;

/** A problem in a query, located in its text (for the editor and for API error messages). */
export class PromQLError extends Error {
  constructor(
    message: string,
    readonly pos: Pos | null,
    readonly kind: "bad_data" | "execution" | "timeout" | "unsupported" = "bad_data",
  ) {
    super(message);
    this.name = "PromQLError";
  }
}
