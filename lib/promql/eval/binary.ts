// Binary operators: scalar/scalar, vector/scalar (element-wise) and vector/vector with label matching, following
// Prometheus 2.42's VectorBinop / VectorAnd / VectorOr / VectorUnless step by step.
import type { BinaryExpr, BinaryOp, VectorMatching } from "../ast";
import { PromQLError } from "../ast";
import { mapSeries, presentCounts, SeriesBuilder } from "./builder";
import { goPow } from "./gomath";
import { deleteLabels, dropName, keepLabels, labelsKey, labelsString, signature } from "./labels";
import type { Evaluator, Grid, GridSeries, Labels, Value, VectorValue } from "./types";

const COMPARISON = new Set<BinaryOp>(["==", "!=", ">", "<", ">=", "<="]);

/** Prometheus drops __name__ for these only; note atan2 and comparisons keep it. */
function dropsName(op: BinaryOp): boolean {
  return op === "+" || op === "-" || op === "*" || op === "/" || op === "%" || op === "^";
}

/** [value, keep]: arithmetic always keeps; comparisons keep lhs when true. */
function elemBinop(op: BinaryOp, l: number, r: number): [number, boolean] {
  switch (op) {
    case "+":
      return [l + r, true];
    case "-":
      return [l - r, true];
    case "*":
      return [l * r, true];
    case "/":
      return [l / r, true];
    case "%":
      return [l % r, true];
    case "^":
      return [goPow(l, r), true];
    case "atan2":
      return [Math.atan2(l, r), true];
    case "==":
      return [l, l === r];
    case "!=":
      return [l, l !== r];
    case ">":
      return [l, l > r];
    case "<":
      return [l, l < r];
    case ">=":
      return [l, l >= r];
    case "<=":
      return [l, l <= r];
    default:
      throw new PromQLError(`operator "${op}" not allowed here`, null, "execution");
  }
}

export async function evalBinary(ev: Evaluator, e: BinaryExpr, grid: Grid): Promise<Value> {
  const lhs = await ev.eval(e.lhs, grid);
  const rhs = await ev.eval(e.rhs, grid);
  const n = grid.ts.length;
  if (lhs.kind === "scalar" && rhs.kind === "scalar") {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const [v, keep] = elemBinop(e.op, lhs.values[k]!, rhs.values[k]!);
      out[k] = COMPARISON.has(e.op) ? (keep ? 1 : 0) : v;
    }
    return { kind: "scalar", values: out };
  }
  if (lhs.kind === "vector" && rhs.kind === "scalar") return vectorScalar(e, lhs, rhs.values, false, n);
  if (lhs.kind === "scalar" && rhs.kind === "vector") return vectorScalar(e, rhs, lhs.values, true, n);
  if (lhs.kind === "vector" && rhs.kind === "vector") {
    const setOp = e.op === "and" || e.op === "or" || e.op === "unless";
    const matching: VectorMatching = e.matching ?? {
      card: setOp ? "many-to-many" : "one-to-one",
      on: false,
      labels: [],
      include: [],
    };
    if (setOp) return setOperation(e.op, lhs, rhs, matching, n);
    return vectorVector(e, lhs, rhs, matching, n);
  }
  throw new PromQLError(
    `binary operator "${e.op}" not allowed on ${lhs.kind} and ${rhs.kind}`,
    e.pos,
    "execution",
  );
}

function vectorScalar(
  e: BinaryExpr,
  vec: VectorValue,
  scalar: Float64Array,
  swap: boolean,
  n: number,
): Value {
  const cmp = COMPARISON.has(e.op);
  const relabel = dropsName(e.op) || e.bool ? dropName : null;
  const series = mapSeries(vec.series, n, relabel, (v, k) => {
    const s = scalar[k]!;
    const [res, keep] = swap ? elemBinop(e.op, s, v) : elemBinop(e.op, v, s);
    // A comparison returns the vector element's value even when the vector is on the right.
    const value = cmp ? v : res;
    if (e.bool) return keep ? 1 : 0;
    return keep ? value : undefined;
  });
  return { kind: "vector", series };
}

function setOperation(op: BinaryOp, lhs: VectorValue, rhs: VectorValue, m: VectorMatching, n: number): Value {
  const L = lhs.series;
  const R = rhs.series;
  const lsig = L.map((s) => signature(s.labels, m.on, m.labels));
  const rsig = R.map((s) => signature(s.labels, m.on, m.labels));
  const lc = presentCounts(L, n);
  const rc = presentCounts(R, n);
  const out = new SeriesBuilder(n);
  const emit = (s: GridSeries, k: number) => out.add(s.labels, s.key, k, s.values[k]!);
  const sigsAt = (side: GridSeries[], sigs: string[], k: number): Set<string> => {
    const set = new Set<string>();
    for (let j = 0; j < side.length; j++) if (side[j]!.present[k]) set.add(sigs[j]!);
    return set;
  };
  for (let k = 0; k < n; k++) {
    if (op === "and") {
      if (lc[k] === 0 || rc[k] === 0) continue;
      const right = sigsAt(R, rsig, k);
      for (let i = 0; i < L.length; i++) if (L[i]!.present[k] && right.has(lsig[i]!)) emit(L[i]!, k);
    } else if (op === "or") {
      const left = sigsAt(L, lsig, k);
      for (const s of L) if (s.present[k]) emit(s, k);
      for (let j = 0; j < R.length; j++) if (R[j]!.present[k] && !left.has(rsig[j]!)) emit(R[j]!, k);
    } else {
      // unless: with nothing on the right every left sample stays.
      const right = rc[k] === 0 ? new Set<string>() : sigsAt(R, rsig, k);
      for (let i = 0; i < L.length; i++) if (L[i]!.present[k] && !right.has(lsig[i]!)) emit(L[i]!, k);
    }
  }
  return { kind: "vector", series: out.list };
}

function vectorVector(
  e: BinaryExpr,
  lhs: VectorValue,
  rhs: VectorValue,
  m: VectorMatching,
  n: number,
): Value {
  if (m.card === "many-to-many") {
    throw new PromQLError("many-to-many only allowed for set operators", e.pos, "execution");
  }
  // One-to-many is many-to-one with the sides swapped; values are swapped back when computing.
  const swap = m.card === "one-to-many";
  const many = swap ? rhs.series : lhs.series;
  const one = swap ? lhs.series : rhs.series;
  const manySig = many.map((s) => signature(s.labels, m.on, m.labels));
  const oneSig = one.map((s) => signature(s.labels, m.on, m.labels));
  const oneBySig = new Map<string, number[]>();
  oneSig.forEach((sig, j) => {
    const list = oneBySig.get(sig);
    if (list) list.push(j);
    else oneBySig.set(sig, [j]);
  });
  const dupGroups = [...oneBySig.values()].filter((g) => g.length > 1);
  const manyHasDupSigs = new Set(manySig).size < manySig.length;
  const manyCount = presentCounts(many, n);
  const oneCount = presentCounts(one, n);
  const resultCache = new Map<string, { labels: Labels; key: string }>();
  const uniqueCache: Array<{ labels: Labels; key: string } | undefined> = [];
  const noCandidates: number[] = [];
  const candidates = manySig.map((sig) => oneBySig.get(sig) ?? noCandidates);
  const out = new SeriesBuilder(n);

  for (let k = 0; k < n; k++) {
    if (manyCount[k] === 0 || oneCount[k] === 0) continue;
    checkOneSideUnique(dupGroups, one, k, m, swap);
    const matched = manyHasDupSigs ? new Map<string, Set<string>>() : null;
    for (let i = 0; i < many.length; i++) {
      const ms = many[i]!;
      if (!ms.present[k]) continue;
      const sig = manySig[i]!;
      const cands = candidates[i]!;
      let j = -1;
      for (const c of cands) {
        if (one[c]!.present[k]) {
          j = c;
          break;
        }
      }
      if (j < 0) continue;
      const os = one[j]!;
      let vl = ms.values[k]!;
      let vr = os.values[k]!;
      if (swap) [vl, vr] = [vr, vl];
      let [value, keep] = elemBinop(e.op, vl, vr);
      if (e.bool) {
        value = keep ? 1 : 0;
      } else if (!keep) {
        continue;
      }
      // Result labels depend only on the pair; a unique candidate lets the cache be indexed by i alone.
      const cacheKey = cands.length === 1 ? i : `${i}|${j}`;
      let res = typeof cacheKey === "number" ? uniqueCache[cacheKey] : resultCache.get(cacheKey);
      if (!res) {
        const labels = resultLabels(ms.labels, os.labels, e.op, m, e.bool);
        res = { labels, key: labelsKey(labels) };
        if (typeof cacheKey === "number") uniqueCache[cacheKey] = res;
        else resultCache.set(cacheKey, res);
      }
      if (matched) {
        const seen = matched.get(sig);
        if (m.card === "one-to-one") {
          if (seen) {
            throw new PromQLError(
              "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)",
              e.pos,
              "execution",
            );
          }
          matched.set(sig, new Set());
        } else if (!seen) {
          matched.set(sig, new Set([res.key]));
        } else if (seen.has(res.key)) {
          throw new PromQLError(
            "multiple matches for labels: grouping labels must ensure unique matches",
            e.pos,
            "execution",
          );
        } else {
          seen.add(res.key);
        }
      }
      out.add(res.labels, res.key, k, value);
    }
  }
  return { kind: "vector", series: out.list };
}

/** The "one" side must not hold two samples of the same match group at a step. */
function checkOneSideUnique(
  dupGroups: number[][],
  one: GridSeries[],
  k: number,
  m: VectorMatching,
  swap: boolean,
): void {
  let first: [number, number] | null = null;
  for (const g of dupGroups) {
    const present = g.filter((j) => one[j]!.present[k]);
    if (present.length < 2) continue;
    // Prometheus reports the first collision found while scanning the side in order.
    if (!first || present[1]! < first[1]) first = [present[0]!, present[1]!];
  }
  if (!first) return;
  const dupl = one[first[0]]!.labels;
  const rs = one[first[1]]!.labels;
  const group = m.on ? keepLabels(rs, m.labels) : deleteLabels(rs, [...m.labels, "__name__"]);
  throw new PromQLError(
    `found duplicate series for the match group ${labelsString(group)} on the ${swap ? "left" : "right"} ` +
      `hand-side of the operation: [${labelsString(rs)}, ${labelsString(dupl)}]` +
      ";many-to-many matching not allowed: matching labels must be unique on one side",
    null,
    "execution",
  );
}

/** Prometheus' resultMetric: start from the "many" side, then apply on/ignoring and group_x extra labels. */
function resultLabels(many: Labels, one: Labels, op: BinaryOp, m: VectorMatching, bool: boolean): Labels {
  let lb: Labels = { ...many };
  if (dropsName(op)) delete lb.__name__;
  if (m.card === "one-to-one") lb = m.on ? keepLabels(lb, m.labels) : deleteLabels(lb, m.labels);
  for (const ln of m.include) {
    const v = one[ln];
    if (v !== undefined && v !== "") lb[ln] = v;
    else delete lb[ln];
  }
  return bool ? dropName(lb) : lb;
}
