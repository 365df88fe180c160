// Reference vs current distribution of one column, for the overlay chart: shared Sturges bins for numbers
// (as the binned tests use), shares per category for the rest (the 20 largest, then "other").
import type { ColumnData } from "./column-data";
import { categoricalInput, numericInput } from "./sketch";
import type { ColumnType } from "./stattests";

export interface DistributionBin {
  label: string;
  lower?: number;
  upper?: number;
  reference: number;
  current: number;
}

const MAX_CATEGORIES = 20;

function weighted(data: ColumnData | undefined): { values: Float64Array; weights: Float64Array } {
  if (!data) return { values: new Float64Array(), weights: new Float64Array() };
  if (data.numbers)
    return {
      values: Float64Array.from(data.numbers),
      weights: new Float64Array(data.numbers.length).fill(1),
    };
  const { values, weights } = numericInput(data.sketch);
  return { values, weights };
}

function numericBins(ref: ColumnData | undefined, cur: ColumnData | undefined): DistributionBin[] {
  const sides = [weighted(ref), weighted(cur)];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let n = 0;
  for (const s of sides)
    s.values.forEach((v, i) => {
      min = Math.min(min, v);
      max = Math.max(max, v);
      n += s.weights[i]!;
    });
  if (n === 0) return [];
  if (min === max) return [{ label: String(min), lower: min, upper: max, reference: 1, current: 1 }];
  const bins = Math.ceil(Math.log2(n)) + 1; // Sturges
  const width = (max - min) / bins;
  const counts = sides.map((s) => {
    const c = new Float64Array(bins);
    s.values.forEach((v, i) => {
      c[Math.min(bins - 1, Math.floor((v - min) / width))]! += s.weights[i]!;
    });
    const total = c.reduce((a, b) => a + b, 0);
    return total > 0 ? c.map((x) => x / total) : c;
  });
  return Array.from({ length: bins }, (_, i) => {
    const lower = min + i * width;
    const upper = i === bins - 1 ? max : min + (i + 1) * width;
    return {
      label: `${lower.toPrecision(4)}–${upper.toPrecision(4)}`,
      lower,
      upper,
      reference: counts[0]![i]!,
      current: counts[1]![i]!,
    };
  });
}

function categoryBins(ref: ColumnData | undefined, cur: ColumnData | undefined): DistributionBin[] {
  const shares = [ref, cur].map((d) => {
    const counts = d ? categoricalInput(d.sketch).counts : new Map<string, number>();
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return { counts, total };
  });
  const score = (name: string) =>
    shares.reduce((m, s) => Math.max(m, s.total ? (s.counts.get(name) ?? 0) / s.total : 0), 0);
  const names = [...new Set(shares.flatMap((s) => [...s.counts.keys()]))].sort(
    (a, b) => score(b) - score(a) || (a < b ? -1 : 1),
  );
  const shown = names.slice(0, MAX_CATEGORIES);
  const bins = shown.map((name) => ({
    label: name,
    reference: shares[0]!.total ? (shares[0]!.counts.get(name) ?? 0) / shares[0]!.total : 0,
    current: shares[1]!.total ? (shares[1]!.counts.get(name) ?? 0) / shares[1]!.total : 0,
  }));
  if (names.length > MAX_CATEGORIES)
    bins.push({
      label: `other (${names.length - MAX_CATEGORIES})`,
      reference: 1 - bins.reduce((a, b) => a + b.reference, 0),
      current: 1 - bins.reduce((a, b) => a + b.current, 0),
    });
  return bins;
}

export function distributionBins(
  type: ColumnType,
  ref: ColumnData | undefined,
  cur: ColumnData | undefined,
): DistributionBin[] {
  return type === "numerical" ? numericBins(ref, cur) : categoryBins(ref, cur);
}
