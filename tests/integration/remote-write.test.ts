// POST /api/v1/write, called as Prometheus calls it: good requests are stored and queryable; every kind of bad
// input gets the status the remote-write spec asks for, and nothing wrong is stored.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as queryGet } from "@/app/api/v1/query/route";
import { POST as write } from "@/app/api/v1/write/route";
import { createApiKey } from "@/lib/auth/api-keys";
import type { Database } from "@/lib/db/client";
import { TEST_API_KEY, useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";
import {
  encodeWriteRequest,
  REMOTE_WRITE_HEADERS,
  type RwSeries,
  remoteWriteBody,
} from "../helpers/remote-write";

let database: Database;
const NOW = Date.now();
const T0 = NOW - 3_600_000;

beforeAll(async () => {
  database = await useTestDatabase();
});

async function post(
  body: Uint8Array | ReadableStream<Uint8Array>,
  opts: { headers?: Record<string, string>; auth?: string | null } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { ...REMOTE_WRITE_HEADERS, ...opts.headers };
  const auth = opts.auth === undefined ? `Bearer ${TEST_API_KEY}` : opts.auth;
  if (auth) headers.authorization = auth;
  const res = await write(
    new Request("http://localhost/api/v1/write", {
      method: "POST",
      headers,
      body,
      duplex: "half",
    } as RequestInit),
  );
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const series = (name: string, extra: Record<string, string>, samples: RwSeries["samples"]): RwSeries => ({
  labels: [["__name__", name], ...Object.entries(extra)],
  samples,
});

async function pointCount(): Promise<number> {
  const [row] = await database.raw.query<{ n: number }>(`SELECT count(*) AS n FROM "SeriesPoint"`);
  return Number(row!.n);
}

async function query(q: string, at: number): Promise<Array<[Record<string, string>, string]>> {
  const res = await call(queryGet, {
    path: `/api/v1/query?query=${encodeURIComponent(q)}&time=${at / 1000}`,
  });
  expect(res.status).toBe(200);
  const data = res.body.data as {
    result: Array<{ metric: Record<string, string>; value: [number, string] }>;
  };
  return data.result.map((r) => [r.metric, r.value[1]]);
}

describe("remote write: accepted", () => {
  it("stores samples with labels and timestamps, NaN/±Inf as values and stale markers as staleness", async () => {
    const res = await post(
      remoteWriteBody([
        series("rw_up", { job: "node", instance: "a:9100" }, [
          [T0, 1],
          [T0 + 15_000, 0],
        ]),
        series("rw_special", { kind: "nan" }, [[T0, Number.NaN]]),
        series("rw_special", { kind: "inf" }, [[T0, Number.POSITIVE_INFINITY]]),
        series("rw_special", { kind: "-inf" }, [[T0, Number.NEGATIVE_INFINITY]]),
        series("rw_gone", {}, [
          [T0, 5],
          [T0 + 15_000, "stale"],
        ]),
      ]),
    );
    expect(res).toEqual({ status: 204, body: {} });
    expect(await query("rw_up", T0 + 20_000)).toEqual([
      [{ __name__: "rw_up", job: "node", instance: "a:9100" }, "0"],
    ]);
    const special = Object.fromEntries((await query("rw_special", T0)).map(([m, v]) => [m.kind, v]));
    expect(special).toEqual({ nan: "NaN", inf: "+Inf", "-inf": "-Inf" });
    expect(await query("rw_gone", T0 + 10_000)).toEqual([[{ __name__: "rw_gone" }, "5"]]);
    expect(await query("rw_gone", T0 + 20_000)).toEqual([]); // stale marker: gone before the 5 min lookback
  });

  it("accepts the API key as Basic auth password (Prometheus basic_auth) and refuses other scopes", async () => {
    const basic = `Basic ${Buffer.from(`prometheus:${TEST_API_KEY}`).toString("base64")}`;
    const body = remoteWriteBody([series("rw_auth", {}, [[T0, 1]])]);
    expect((await post(body, { auth: basic })).status).toBe(204);
    expect((await post(body, { auth: null })).status).toBe(401);
    expect((await post(body, { auth: "Bearer vgl_not_a_key_0000000000000000000000" })).status).toBe(401);
    const { key } = await createApiKey(database.db, { name: "reader", scope: "read" });
    const forbidden = await post(body, { auth: `Bearer ${key}` });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toMatch(/needs 'ingest'/);
  });

  it("ignores duplicates (a retried request), keeps the stored value on a conflict and stores the rest", async () => {
    const body = remoteWriteBody([series("rw_dup", {}, [[T0, 1]])]);
    expect((await post(body)).status).toBe(204);
    const before = await pointCount();
    expect((await post(body)).status).toBe(204); // the same samples again: nothing changes
    expect(await pointCount()).toBe(before);

    const res = await post(
      remoteWriteBody([series("rw_dup", {}, [[T0, 2]]), series("rw_dup_other", {}, [[T0, 3]])]),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ samples: 2, stored: 1, duplicates: 0, rejected: 1 });
    expect(res.body.error).toMatch(
      /duplicate sample for timestamp \d+ with a different value, series rw_dup: sent 2, kept the stored 1/,
    );
    expect(await query("rw_dup", T0)).toEqual([[{ __name__: "rw_dup" }, "1"]]);
    expect(await query("rw_dup_other", T0)).toEqual([[{ __name__: "rw_dup_other" }, "3"]]);
  });

  it("accepts samples out of order (older than stored ones)", async () => {
    expect((await post(remoteWriteBody([series("rw_ooo", {}, [[T0 + 60_000, 2]])]))).status).toBe(204);
    expect((await post(remoteWriteBody([series("rw_ooo", {}, [[T0, 1]])]))).status).toBe(204);
    expect(await query("count_over_time(rw_ooo[5m])", T0 + 60_000)).toEqual([[{}, "2"]]);
  });
});

describe("remote write: refused", () => {
  const good = () => series("rw_good", { batch: String(Math.random()) }, [[T0, 1]]);

  it("corrupt snappy → 400, nothing stored", async () => {
    const before = await pointCount();
    const body = remoteWriteBody([good()]);
    body[body.length - 3]! ^= 0xff;
    body[2]! ^= 0x5a;
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/snappy/);
    expect(await pointCount()).toBe(before);
  });

  it("truncated protobuf → 400, nothing stored", async () => {
    const { compressSync } = await import("snappy");
    const before = await pointCount();
    const proto = encodeWriteRequest([good(), good()]);
    const res = await post(compressSync(Buffer.from(proto.subarray(0, proto.length - 5))));
    expect(res.status).toBe(400);
    expect(await pointCount()).toBe(before);
  });

  it("a 100 MB body → 413 (declared or streamed), nothing stored", async () => {
    const before = await pointCount();
    const declared = await post(new Uint8Array(16), {
      headers: { "content-length": String(100 * 1024 * 1024) },
    });
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatch(/VIGIL_MAX_BODY_BYTES/);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 100 * 1024 * 1024) return controller.close();
        sent += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const streamed = await post(stream);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(100 * 1024 * 1024); // stopped reading at the limit
    expect(await pointCount()).toBe(before);
  });

  it("labels without __name__, invalid UTF-8 → 400 naming the series; the valid series is stored", async () => {
    const res = await post(
      remoteWriteBody([
        { labels: [["job", "x"]], samples: [[T0, 1]] },
        {
          labels: [
            ["__name__", "rw_utf8"],
            ["path", Buffer.from([0x2f, 0xc3, 0x28])],
          ],
          samples: [[T0, 1]],
        },
        series("rw_valid_neighbour", {}, [[T0, 7]]),
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ samples: 3, stored: 1, rejected: 2 });
    expect(res.body.error).toMatch(/no metric name \(__name__ label missing or empty\)/);
    expect(res.body.error).toMatch(/value of label "path" is not valid UTF-8/);
    expect(await query("rw_valid_neighbour", T0)).toEqual([[{ __name__: "rw_valid_neighbour" }, "7"]]);
    expect(await query('{job="x"}', T0)).toEqual([]);
  });

  it("timestamps far in the future → 400 naming series and time; other samples stored", async () => {
    const future = NOW + 24 * 3_600_000;
    const res = await post(
      remoteWriteBody([
        series("rw_future", {}, [
          [T0, 1],
          [future, 2],
        ]),
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ stored: 1, rejected: 1 });
    expect(res.body.error).toMatch(/sample too far in the future: timestamp \d+ .*series rw_future/);
    expect(await query("count_over_time(rw_future[1y])", NOW + 48 * 3_600_000)).toEqual([[{}, "1"]]);
  });

  it("wrong Content-Encoding or remote write 2.0 → 415", async () => {
    const body = remoteWriteBody([good()]);
    const gzip = await post(body, { headers: { "content-encoding": "gzip" } });
    expect(gzip.status).toBe(415);
    expect(gzip.body.error).toMatch(/snappy/);
    const v2 = await post(body, {
      headers: { "content-type": "application/x-protobuf;proto=io.prometheus.write.v2.Request" },
    });
    expect(v2.status).toBe(415);
  });
});
