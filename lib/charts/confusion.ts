// Confusion-matrix heatmap: merge the per-version matrices of a `window=all` query, keep label order as
// given (first-seen across versions), and shade each cell by its share of the actual-label row.

export interface ConfusionCell {
  actual: string;
  predicted: string;
  count: number;
  /** count / row total, 0 when the row is empty. */
  rowShare: number;
}

export interface PreparedConfusion {
  labels: string[];
  rows: Array<{ actual: string; total: number; cells: ConfusionCell[] }>;
  total: number;
  correct: number;
}

type Matrix = { labels: string[]; matrix: number[][] };

export function prepareConfusion(
  matrices: ReadonlyArray<Matrix | null | undefined>,
): PreparedConfusion | null {
  const present = matrices.filter((m): m is Matrix => !!m && m.labels.length > 0);
  if (present.length === 0) return null;
  const labels: string[] = [];
  for (const m of present) for (const l of m.labels) if (!labels.includes(l)) labels.push(l);
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const m of present) {
    m.labels.forEach((actual, i) => {
      m.labels.forEach((predicted, j) => {
        const c = m.matrix[i]?.[j] ?? 0;
        counts[index.get(actual)!]![index.get(predicted)!]! += Number.isFinite(c) ? c : 0;
      });
    });
  }
  let total = 0;
  let correct = 0;
  const rows = labels.map((actual, i) => {
    const row = counts[i]!;
    const rowTotal = row.reduce((s, c) => s + c, 0);
    total += rowTotal;
    correct += row[i]!;
    return {
      actual,
      total: rowTotal,
      cells: labels.map((predicted, j) => ({
        actual,
        predicted,
        count: row[j]!,
        rowShare: rowTotal > 0 ? row[j]! / rowTotal : 0,
      })),
    };
  });
  return { labels, rows, total, correct };
}
