// Prometheus' series notation, as its test files and `promtool test rules` write input data:
// a series selector `name{a="b"}` and expanding values "0+10x3 _ 5 1x2 _x3 stale".
// `a+bxn` is n+1 values a, a+b, …, a+nb; `axn` is a repeated n+1 times; `_` is a missing sample and `_xn`
// n of them; `stale` a stale marker.

export type NotationValue = number | undefined | "stale";

function num(text: string): number {
  const t = text.toLowerCase();
  if (t === "nan") return Number.NaN;
  if (t === "inf" || t === "+inf") return Number.POSITIVE_INFINITY;
  if (t === "-inf") return Number.NEGATIVE_INFINITY;
  const n = Number(text);
  if (text.trim() === "" || Number.isNaN(n)) throw new Error(`"${text}" is not a number`);
  return n;
}

/** `name{a="b", c="d"}`, `{__name__="x"}` or a bare name → its labels, __name__ included. */
export function parseSeriesSelector(text: string): Record<string, string> {
  const m = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*(?:\{(.*)\})?\s*$/s.exec(text);
  if (!m || (!m[1] && m[2] === undefined))
    throw new Error(`"${text.slice(0, 80)}" is not a series (name{label="value",…})`);
  const labels: Record<string, string> = {};
  if (m[1]) labels.__name__ = m[1];
  const body = (m[2] ?? "").trim();
  const re = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/gy;
  let consumed = 0;
  for (let p = re.exec(body); p; p = re.exec(body)) {
    labels[p[1] as string] = JSON.parse(`"${p[2]}"`) as string;
    consumed = re.lastIndex;
    if (p[3] === "") break;
  }
  if (consumed !== body.length) throw new Error(`cannot read the labels of "${text.slice(0, 80)}"`);
  return labels;
}

export function expandValues(text: string): NotationValue[] {
  const out: NotationValue[] = [];
  for (const tok of text.trim().split(/\s+/).filter(Boolean)) {
    if (tok === "stale") {
      out.push("stale");
      continue;
    }
    const blanks = /^_(?:x(\d+))?$/.exec(tok);
    if (blanks) {
      const n = blanks[1] === undefined ? 1 : Number(blanks[1]);
      for (let i = 0; i < n; i++) out.push(undefined);
      continue;
    }
    const m = /^([-+]?[^-+x]+?)(?:([-+])([^x]+))?x(\d+)$/.exec(tok);
    if (!m) {
      out.push(num(tok));
      continue;
    }
    const start = num(m[1] as string);
    const step = m[3] ? num(m[3]) * (m[2] === "-" ? -1 : 1) : 0;
    for (let i = 0; i <= Number(m[4]); i++) out.push(start + step * i);
  }
  return out;
}
