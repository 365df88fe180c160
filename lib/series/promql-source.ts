// The PromQL evaluator's view of Vigil's series store: series matching label matchers, with their samples
// in a time range, loaded in one query per 500 series.
import type { Database } from "../db/client";
import type { SeriesSource, SourceSeries } from "../promql/source";
import { type LabelMatcher, type Labels, matches } from "./labels";

export interface SeriesRef {
  id: number;
  name: string;
  labels: Labels;
}

/** Series whose name and labels satisfy the matchers (the name narrows the scan when it is an equality). */
export async function findSeries(database: Database, matchers: LabelMatcher[]): Promise<SeriesRef[]> {
  const nameEq = matchers.find((m) => m.name === "__name__" && m.op === "=");
  const rows = await database.raw.query<{ id: number; name: string; labels: string }>(
    nameEq
      ? `SELECT "id", "name", "labels" FROM "Series" WHERE "name" = ?`
      : `SELECT "id", "name", "labels" FROM "Series"`,
    nameEq ? [nameEq.value] : [],
  );
  return rows
    .map((r) => ({ id: Number(r.id), name: r.name, labels: JSON.parse(r.labels) as Labels }))
    .filter((s) => matches(s.name, s.labels, matchers));
}

export function storeSource(database: Database): SeriesSource {
  return {
    async select(matchers, startMs, endMs) {
      const refs = await findSeries(database, matchers);
      const out: SourceSeries[] = [];
      for (let i = 0; i < refs.length; i += 500) {
        const part = refs.slice(i, i + 500);
        const rows = await database.raw.query<{ seriesId: number; ts: number | string; value: number }>(
          `SELECT "seriesId", "ts", "value" FROM "SeriesPoint"
            WHERE "seriesId" IN (${part.map(() => "?").join(",")}) AND "ts" >= ? AND "ts" <= ?
            ORDER BY "seriesId", "ts"`,
          [...part.map((p) => p.id), Math.ceil(startMs), Math.floor(endMs)],
        );
        const byId = new Map<number, Array<[number, number]>>();
        for (const r of rows) {
          const id = Number(r.seriesId);
          const list = byId.get(id) ?? [];
          if (list.length === 0) byId.set(id, list);
          list.push([Number(r.ts), Number(r.value)]);
        }
        for (const ref of part) {
          const points = byId.get(ref.id) ?? [];
          out.push({
            labels: { ...ref.labels, __name__: ref.name },
            timestamps: Float64Array.from(points, (p) => p[0]),
            values: Float64Array.from(points, (p) => p[1]),
          });
        }
      }
      return out;
    },
  };
}
