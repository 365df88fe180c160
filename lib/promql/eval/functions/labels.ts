// label_replace and label_join. Replacement templates follow Go's regexp.Expand ($1, ${1}, $name, $$), which
// differs from JavaScript's String.replace (e.g. "$1x" names a group "1x" in Go, so it expands to nothing).

import { compileAnchoredRe2 } from "../../../series/re2";
import type { Call, Expr } from "../../ast";
import { PromQLError } from "../../ast";
import { mapSeries } from "../builder";
import { validLabelName } from "../labels";
import type { Evaluator, Grid, Labels, Value } from "../types";

function stringArg(e: Expr | undefined): string {
  let x = e;
  while (x?.type === "paren") x = x.expr;
  if (x?.type !== "string") throw new PromQLError("expected string literal argument", null, "execution");
  return x.value;
}

function compileAnchored(re: string): RegExp | null {
  try {
    // RE2's (?P<name>…) is spelled (?<name>…) in JavaScript; leading (?i)/(?s) and POSIX classes are
    // translated by the same code as label matchers.
    return compileAnchoredRe2(re.replace(/\(\?P</g, "(?<"));
  } catch {
    return null;
  }
}

/** Go's Regexp.Expand for a whole-string match. */
export function goExpand(template: string, m: RegExpExecArray): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch !== "$") {
      out += ch;
      i++;
      continue;
    }
    if (template[i + 1] === "$") {
      out += "$";
      i += 2;
      continue;
    }
    let name = "";
    let next = i + 1;
    if (template[i + 1] === "{") {
      const close = template.indexOf("}", i + 2);
      const inner = close < 0 ? "" : template.slice(i + 2, close);
      if (close >= 0 && /^\w+$/u.test(inner)) {
        name = inner;
        next = close + 1;
      }
    } else {
      const w = /^\w+/u.exec(template.slice(i + 1));
      if (w) {
        name = w[0];
        next = i + 1 + name.length;
      }
    }
    if (!name) {
      // Malformed reference: Go keeps the "$" literally.
      out += "$";
      i++;
      continue;
    }
    const group = /^\d+$/.test(name) ? m[Number(name)] : m.groups?.[name];
    out += group ?? "";
    i = next;
  }
  return out;
}

export async function evalLabelCall(ev: Evaluator, call: Call, grid: Grid): Promise<Value | null> {
  if (call.func !== "label_replace" && call.func !== "label_join") return null;
  const n = grid.ts.length;
  const v = await ev.eval(call.args[0]!, grid);
  if (v.kind !== "vector") return { kind: "vector", series: [] };
  let relabel: (l: Labels) => Labels;
  if (call.func === "label_replace") {
    const dst = stringArg(call.args[1]);
    const repl = stringArg(call.args[2]);
    const src = stringArg(call.args[3]);
    const reText = stringArg(call.args[4]);
    const re = compileAnchored(reText);
    if (!re)
      throw new PromQLError(
        `invalid regular expression in label_replace(): ${reText}`,
        call.pos,
        "execution",
      );
    if (!validLabelName(dst)) {
      throw new PromQLError(
        `invalid destination label name in label_replace(): ${dst}`,
        call.pos,
        "execution",
      );
    }
    relabel = (l) => {
      const m = re.exec(l[src] ?? "");
      if (!m) return l;
      const res = goExpand(repl, m);
      const out = { ...l };
      delete out[dst];
      if (res.length > 0) out[dst] = res;
      return out;
    };
  } else {
    const dst = stringArg(call.args[1]);
    const sep = stringArg(call.args[2]);
    const srcs = call.args.slice(3).map(stringArg);
    for (const s of srcs) {
      if (!validLabelName(s)) {
        throw new PromQLError(`invalid source label name in label_join(): ${s}`, call.pos, "execution");
      }
    }
    if (!validLabelName(dst)) {
      throw new PromQLError(`invalid destination label name in label_join(): ${dst}`, call.pos, "execution");
    }
    relabel = (l) => {
      const joined = srcs.map((s) => l[s] ?? "").join(sep);
      const out = { ...l };
      if (joined === "") delete out[dst];
      else out[dst] = joined;
      return out;
    };
  }
  // The value is unchanged, so the metric name stays (unless it is the destination label).
  return { kind: "vector", series: mapSeries(v.series, n, relabel, (x) => x) };
}
