// Appending outside samples: duplicates ignored, conflicting values kept out, NaN/±Inf and stale markers
// stored and read back by the PromQL source (on SQLite and PostgreSQL alike).
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { parse } from "@/lib/promql";
import { instantQuery } from "@/lib/promql/eval";
import { appendPoints, type PointColumns } from "@/lib/series/append";
import { storeSource } from "@/lib/series/promql-source";
import { encodePoint, seriesIds } from "@/lib/series/store";
import { useTestDatabase } from "../helpers/database";

let database: Database;
const T0 = Date.UTC(2026, 10, 1);

beforeAll(async () => {
  database = await useTestDatabase();
});

function columns(id: number, samples: Array<[number, number | "stale"]>): PointColumns {
  const out: PointColumns = { seriesIds: [], ts: [], values: [], kinds: [] };
  for (const [ts, v] of samples) {
    const [value, kind] = v === "stale" ? encodePoint(0, true) : encodePoint(v);
    out.seriesIds.push(id);
    out.ts.push(ts);
    out.values.push(value);
    out.kinds.push(kind);
  }
  return out;
}

describe("appendPoints", () => {
  it("stores new samples, ignores exact duplicates and reports conflicting values", async () => {
    const [id] = await seriesIds(database, [{ name: "append_test", labels: { a: "1" } }]);
    const first = await appendPoints(
      database,
      columns(id!, [
        [T0, 1],
        [T0 + 1000, 2],
      ]),
    );
    expect(first).toEqual({ stored: 2, duplicates: 0, conflicts: [] });
    const again = await appendPoints(
      database,
      columns(id!, [
        [T0, 1], // duplicate
        [T0 + 1000, 5], // conflict: 2 is kept
        [T0 + 500, 3], // out of order, new
        [T0 + 500, 3], // duplicate within the request
      ]),
    );
    expect(again.stored).toBe(1);
    expect(again.duplicates).toBe(2);
    expect(again.conflicts).toEqual([{ index: 1, storedValue: 2, storedKind: 0 }]);
    const rows = await database.raw.query<{ ts: number; value: number }>(
      `SELECT "ts", "value" FROM "SeriesPoint" WHERE "seriesId" = ? ORDER BY "ts"`,
      [id],
    );
    expect(rows.map((r) => [Number(r.ts), Number(r.value)])).toEqual([
      [T0, 1],
      [T0 + 500, 3],
      [T0 + 1000, 2],
    ]);
  });

  it("keeps NaN, ±Inf and stale markers apart, and the PromQL source honours them", async () => {
    const [id] = await seriesIds(database, [{ name: "special_values", labels: {} }]);
    const samples: Array<[number, number | "stale"]> = [
      [T0, Number.NaN],
      [T0 + 10_000, Number.POSITIVE_INFINITY],
      [T0 + 20_000, Number.NEGATIVE_INFINITY],
      [T0 + 30_000, "stale"],
      [T0 + 40_000, 7],
    ];
    expect(await appendPoints(database, columns(id!, samples))).toEqual({
      stored: 5,
      duplicates: 0,
      conflicts: [],
    });
    // A NaN sent again is a duplicate, not a conflict; a number where a stale marker is, is a conflict.
    const again = await appendPoints(
      database,
      columns(id!, [
        [T0, Number.NaN],
        [T0 + 30_000, 1],
      ]),
    );
    expect(again).toEqual({
      stored: 0,
      duplicates: 1,
      conflicts: [{ index: 1, storedValue: 0, storedKind: 2 }],
    });

    const source = storeSource(database);
    const value = async (at: number) => {
      const res = await instantQuery(source, parse("special_values"), at);
      return res.resultType === "vector" ? res.result.map((s) => s.value[1]) : null;
    };
    expect(await value(T0 + 5_000)).toEqual([Number.NaN]);
    expect(await value(T0 + 10_000)).toEqual([Number.POSITIVE_INFINITY]);
    expect(await value(T0 + 25_000)).toEqual([Number.NEGATIVE_INFINITY]);
    expect(await value(T0 + 35_000)).toEqual([]); // after the stale marker
    expect(await value(T0 + 40_000)).toEqual([7]);
    const count = await instantQuery(source, parse("count_over_time(special_values[1m])"), T0 + 50_000);
    expect(count.resultType === "vector" && count.result[0]!.value[1]).toBe(4); // the marker is not a sample
  });
});
