// Uploaded drift reference datasets ("profiles"): streamed CSV and JSON-lines uploads become one sketch per
// column, drift runs against them, progress shows while the body is still arriving, bad files are refused
// with their line (the attempt kept as failed, the previous reference untouched), oversize bodies get 413,
// a re-upload replaces a profile atomically and DELETE un-pins it.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postLabels } from "@/app/api/v1/labels/route";
import { GET as getDrift } from "@/app/api/v1/models/[model]/drift/route";
import { DELETE as deleteReference } from "@/app/api/v1/models/[model]/reference/[name]/route";
import { GET as getReferences, POST as postReference } from "@/app/api/v1/models/[model]/reference/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import { GET as queryGet } from "@/app/api/v1/query/route";
import { directIngestRoute } from "@/lib/api/ingest-routes";
import { createApiKey } from "@/lib/auth/api-keys";
import { resetEnvCache } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { csvValue } from "@/lib/drift/profile/parse";
import { runUntilIdle } from "@/lib/jobs/runner";
import { mulberry32 } from "@/lib/simulator/random";
import { TEST_API_KEY, useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 8, 1);
const CUR = { from: T0, to: T0 + 24 * HOUR };
const MODEL = "ref-shop";

const normalFrom = (rand: () => number) => () =>
  Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

/** Production traffic: price ~ N(58, 10) (shifted +8 from the reference), more FR; steady unchanged. */
async function ingestCurrent() {
  const rand = mulberry32(7);
  const normal = normalFrom(rand);
  const predictions = [];
  for (let i = 0; i < 1200; i++) {
    const steady = Math.round(rand() * 1000) / 10;
    predictions.push({
      id: `cur-${i}`,
      model: MODEL,
      version: "v1",
      timestamp: CUR.from + Math.floor((i / 1200) * 24 * HOUR),
      features: {
        price: Math.round((58 + 10 * normal()) * 100) / 100,
        country: rand() < 0.35 ? "FR" : rand() < 0.8 ? "DE" : "NL",
        steady,
      },
      prediction: steady > 50 ? 1 : 0,
    });
  }
  for (let i = 0; i < predictions.length; i += 600) {
    const part = predictions.slice(i, i + 600);
    expect(
      (await call(postPredictions, { path: "/api/v1/predictions", body: { predictions: part } })).status,
    ).toBe(200);
    const labels = part.map((p) => ({ id: p.id, model: MODEL, label: p.prediction, timestamp: p.timestamp }));
    expect((await call(postLabels, { path: "/api/v1/labels", body: { labels } })).status).toBe(200);
  }
}

interface ReferenceFile {
  text: string;
  rows: number;
  missingPrice: number;
  missingComment: number;
  labeled: number;
}

/** A reference CSV: price ~ N(50 + shift, 10) with blanks, quoted comments (commas, quotes, newlines, UTF-8). */
function referenceCsv(rows: number, shift: number, seed = 11): ReferenceFile {
  const rand = mulberry32(seed);
  const normal = normalFrom(rand);
  const lines = ["price,country,comment,steady,pred,label"];
  let missingPrice = 0;
  let missingComment = 0;
  let labeled = 0;
  for (let i = 0; i < rows; i++) {
    const blank = rand() < 0.05;
    if (blank) missingPrice++;
    const price = blank ? "" : (50 + shift + 10 * normal()).toFixed(2);
    const country = rand() < 0.1 ? "FR" : rand() < 0.8 ? "DE" : "NL";
    let comment: string;
    if (i % 50 === 0) comment = '"multi\nline, ""quoted"" — München"';
    else if (i % 7 === 0) comment = '"a, b"';
    else if (i % 3 === 0) comment = i % 2 === 0 ? "" : '""';
    else comment = "plain";
    if (comment === "" || comment === '""') missingComment++;
    const steady = Math.round(rand() * 1000) / 10;
    const label = i % 4 === 0 ? "" : String(rand() < 0.3 ? 1 : 0);
    if (label !== "") labeled++;
    lines.push([price, country, comment, steady, steady > 50 ? 1 : 0, label].join(","));
  }
  return { text: `${lines.join("\r\n")}\r\n`, rows, missingPrice, missingComment, labeled };
}

const encoder = new TextEncoder();

/** The text as a stream of `size`-byte chunks (cutting through quotes and multi-byte characters). */
function chunked(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = encoder.encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

/** A stream the test feeds by hand, to look at the upload while it is still open. */
function held() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    stream,
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

type Json = Record<string, unknown>;
type Profile = Json & { name: string; status: string; bytes: number; rows: number; columns: Json[] };

async function upload(
  query: string,
  body: ReadableStream<Uint8Array> | string,
  opts: { contentType?: string | null; key?: string; model?: string; headers?: Record<string, string> } = {},
  handler: (req: Request) => Promise<Response> = (req) =>
    postReference(req, { params: Promise.resolve({ model: opts.model ?? MODEL }) }),
): Promise<{ status: number; body: Json }> {
  const model = opts.model ?? MODEL;
  const headers: Record<string, string> = {
    authorization: `Bearer ${opts.key ?? TEST_API_KEY}`,
    ...opts.headers,
  };
  const contentType = opts.contentType === undefined ? "text/csv" : opts.contentType;
  if (contentType) headers["content-type"] = contentType;
  const init = { method: "POST", headers, body, duplex: "half" } as RequestInit;
  const res = await handler(
    new Request(`http://localhost/api/v1/models/${encodeURIComponent(model)}/reference?${query}`, init),
  );
  return { status: res.status, body: (await res.json()) as Json };
}

async function references(): Promise<{ active: Json; profiles: Profile[] }> {
  const res = await call(getReferences, {
    path: `/api/v1/models/${MODEL}/reference`,
    params: { model: MODEL },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { active: Json; profiles: Profile[] };
}

const profilesNamed = async (name: string) => (await references()).profiles.filter((p) => p.name === name);

type Column = Json & { name: string; drifted: boolean };
async function drift() {
  const res = await call(getDrift, {
    path: `/api/v1/models/${MODEL}/drift?from=${CUR.from}&to=${CUR.to}`,
    params: { model: MODEL },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Json & { reference: Json; features: Column[]; prediction: Column; label: Column };
}
const feature = (body: { features: Column[] }, name: string) => body.features.find((f) => f.name === name)!;

/** Polls until the named upload is visible with bytes received (the handler reads concurrently). */
async function uploading(name: string): Promise<Profile> {
  for (let i = 0; i < 400; i++) {
    const attempt = (await profilesNamed(name)).find((p) => p.status === "uploading");
    if (attempt && attempt.bytes > 0) return attempt;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no upload of ${name} in progress`);
}

const reference = referenceCsv(2000, 0);

beforeAll(async () => {
  database = await useTestDatabase();
  await ingestCurrent();
  await runUntilIdle(database, { owner: "test", leaseMs: 60_000 });
}, 60_000);

describe("CSV typing", () => {
  it("types fields: empty missing, JSON number literals numbers, true/false booleans, the rest strings", () => {
    expect(csvValue("")).toBeUndefined();
    expect(csvValue("12")).toBe(12);
    expect(csvValue("-0.5")).toBe(-0.5);
    expect(csvValue("1e3")).toBe(1000);
    expect(csvValue("007")).toBe("007");
    expect(csvValue("+1")).toBe("+1");
    expect(csvValue(" 1")).toBe(" 1");
    expect(csvValue("1.")).toBe("1.");
    expect(csvValue("true")).toBe(true);
    expect(csvValue("false")).toBe(false);
    expect(csvValue("TRUE")).toBe("TRUE");
    expect(csvValue("NaN")).toBe("NaN");
  });
});

describe("reference datasets", () => {
  it("uploads a CSV streamed in small chunks and makes it the drift reference", async () => {
    const res = await upload(
      "name=baseline&predictionColumn=pred&labelColumn=label",
      chunked(reference.text, 7),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.active).toEqual({ source: "profile", profile: "baseline" });
    const profile = res.body.profile as Profile;
    expect(profile).toMatchObject({
      name: "baseline",
      format: "csv",
      status: "ready",
      rows: reference.rows,
      bytes: encoder.encode(reference.text).length,
      error: null,
    });
    expect(profile.columns).toEqual([
      {
        role: "feature",
        name: "comment",
        type: "categorical",
        count: reference.rows - reference.missingComment,
        missing: reference.missingComment,
        unique: 3,
      },
      { role: "feature", name: "country", type: "categorical", count: reference.rows, missing: 0, unique: 3 },
      {
        role: "feature",
        name: "price",
        type: "numerical",
        count: reference.rows - reference.missingPrice,
        missing: reference.missingPrice,
        unique: null,
      },
      { role: "feature", name: "steady", type: "numerical", count: reference.rows, missing: 0, unique: null },
      { role: "prediction", name: "", type: "numerical", count: reference.rows, missing: 0, unique: 2 },
      // Unlabeled rows are not part of the label column (as unlabeled predictions are not).
      { role: "label", name: "", type: "numerical", count: reference.labeled, missing: 0, unique: 2 },
    ]);
    const list = await references();
    expect(list.active).toEqual({ source: "profile", profile: "baseline" });
    expect(list.profiles.map((p) => [p.name, p.status])).toEqual([["baseline", "ready"]]);
    expect(list.profiles[0]!.columns).toEqual(profile.columns);
  });

  it("tests drift against the active profile: the shifted features drift, the steady one does not", async () => {
    const body = await drift();
    expect(body.reference).toEqual({
      from: null,
      to: null,
      profile: "baseline",
      source: "profile",
      rows: 2000,
    });
    expect(body.method).toBe("sketch");
    expect(feature(body, "price")).toMatchObject({
      type: "numerical",
      stattest: "wasserstein",
      drifted: true,
    });
    expect(feature(body, "price").referenceMissingShare).toBeCloseTo(
      reference.missingPrice / reference.rows,
      12,
    );
    expect(feature(body, "country")).toMatchObject({
      type: "categorical",
      stattest: "jensenshannon",
      drifted: true,
    });
    expect(feature(body, "steady")).toMatchObject({ stattest: "wasserstein", drifted: false });
    // Only in the reference: nothing to test.
    expect(feature(body, "comment")).toMatchObject({ stattest: null, currentCount: 0 });
    expect(body.prediction).toMatchObject({ referenceCount: 2000, currentCount: 1200, drifted: false });
    expect(body.label).toMatchObject({ referenceCount: reference.labeled, currentCount: 1200 });
    expect(body).toMatchObject({ driftShare: 2 / 3, datasetDrift: true });
  });

  it("recomputes the drift series against the profile once activated", async () => {
    await runUntilIdle(database, { owner: "test", leaseMs: 60_000 });
    const query = `last_over_time(vigil_feature_drift{model="${MODEL}",feature="price"}[1h])`;
    const res = await call(queryGet, {
      path: `/api/v1/query?query=${encodeURIComponent(query)}&time=${(CUR.from + 12 * HOUR) / 1000}`,
    });
    const result = (res.body.data as { result: Array<{ metric: Json; value: [number, string] }> }).result;
    // These windows lie inside the default reference (the first 7 days): only a profile gives them a series.
    expect(result).toHaveLength(1);
    expect(result[0]!.metric).toMatchObject({ stattest: "wasserstein" });
    expect(Number(result[0]!.value[1])).toBeGreaterThan(0.1);
  });

  it("uploads JSON lines (absent keys and null missing, score column) without activating them", async () => {
    const lines = [
      '{"price": 51.5, "country": "DE", "flag": true, "p": 1, "s": 0.9}',
      "",
      '{"price": null, "country": "FR", "flag": false, "p": 0, "s": 0.2}',
      '{"country": "DE", "flag": true, "p": 1, "s": 0.7, "extra": "x"}\r',
      '{"price": 49, "country": "NL", "p": 0, "s": null}',
    ];
    const res = await upload(
      "name=lines&format=jsonl&predictionColumn=p&scoreColumn=s&activate=false",
      chunked(lines.join("\n"), 5),
      {
        contentType: "application/octet-stream",
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.active).toEqual({ source: "profile", profile: "baseline" });
    expect(res.body.profile).toMatchObject({ name: "lines", format: "jsonl", status: "ready", rows: 4 });
    const columns = (res.body.profile as Profile).columns;
    expect(columns).toEqual([
      { role: "feature", name: "country", type: "categorical", count: 4, missing: 0, unique: 3 },
      { role: "feature", name: "extra", type: "categorical", count: 1, missing: 3, unique: 1 },
      { role: "feature", name: "flag", type: "categorical", count: 3, missing: 1, unique: 2 },
      { role: "feature", name: "price", type: "numerical", count: 2, missing: 2, unique: 2 },
      { role: "prediction", name: "", type: "numerical", count: 4, missing: 0, unique: 2 },
      { role: "score", name: "", type: "numerical", count: 3, missing: 1, unique: 3 },
    ]);
    // Content-Type picks the format too.
    const ndjson = await upload("name=lines2&activate=false", '{"a": "007"}\n{"a": 7}\n', {
      contentType: "application/x-ndjson; charset=utf-8",
    });
    expect(ndjson.status, JSON.stringify(ndjson.body)).toBe(200);
    expect((ndjson.body.profile as Profile).columns).toEqual([
      { role: "feature", name: "a", type: "categorical", count: 2, missing: 0, unique: 2 },
    ]);
  });

  it("types CSV fields: 007 stays a string, true/false are booleans, a blank column is all missing", async () => {
    const csv = 'zip,flag,blank,n\n007,true,,1e3\n12,false,"",-2\n';
    const res = await upload("name=typing&activate=false", csv);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body.profile as Profile).columns).toEqual([
      { role: "feature", name: "blank", type: "categorical", count: 0, missing: 2, unique: 0 },
      { role: "feature", name: "flag", type: "categorical", count: 2, missing: 0, unique: 2 },
      { role: "feature", name: "n", type: "numerical", count: 2, missing: 0, unique: 2 },
      { role: "feature", name: "zip", type: "categorical", count: 2, missing: 0, unique: 2 },
    ]);
  });

  it("shows progress while the body is still arriving", async () => {
    const body = held();
    body.send("price,country\n1,DE\n2,FR\n");
    const pending = upload("name=slow&activate=false", body.stream);
    const attempt = await uploading("slow");
    expect(attempt).toMatchObject({ status: "uploading", error: null, columns: [] });
    expect(attempt.bytes).toBeGreaterThan(0);
    body.send("3,NL\n");
    body.end();
    const res = await pending;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.profile).toMatchObject({ status: "ready", rows: 3, bytes: 29 });
    expect(await profilesNamed("slow")).toHaveLength(1);
  });

  it("refuses unknown models (404), non-admin keys (403) and unsupported types (415)", async () => {
    const unknown = await upload("name=x", "a\n1\n", { model: "nope" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/model "nope" not found/);
    const reader = await createApiKey(database.db, { name: "reader", scope: "read" });
    const forbidden = await upload("name=x", "a\n1\n", { key: reader.key });
    expect(forbidden.status).toBe(403);
    // A read key may list them.
    const listed = await call(getReferences, {
      path: `/api/v1/models/${MODEL}/reference`,
      params: { model: MODEL },
      key: reader.key,
    });
    expect(listed.status).toBe(200);
    const plain = await upload("name=x", "a\n1\n", { contentType: "text/plain" });
    expect(plain.status).toBe(415);
    expect(plain.body.error).toMatch(/text\/csv/);
    const none = await upload("name=x", "a\n1\n", { contentType: null });
    expect(none.status).toBe(415);
    const badFormat = await upload("name=x&format=xml", "a\n1\n");
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.error).toMatch(/format must be csv or jsonl/);
    const noName = await upload("format=csv", "a\n1\n");
    expect(noName.status).toBe(400);
    const same = await upload("name=x&predictionColumn=a&labelColumn=a", "a\n1\n");
    expect(same.status).toBe(400);
    expect((await references()).profiles.some((p) => p.name === "x")).toBe(false);
  });

  it("refuses a malformed CSV with its line, keeps the attempt failed and the reference unchanged", async () => {
    const csv = 'price,country\n1,DE\n2,"FR\n3,NL\n';
    const res = await upload("name=broken", chunked(csv, 4));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ line: 3 });
    expect(res.body.error).toMatch(/^line 3: a quoted field of the record starting here is never closed/);
    const [broken] = await profilesNamed("broken");
    expect(broken).toMatchObject({ status: "failed", columns: [] });
    expect(broken!.error).toBe(res.body.error);
    expect(broken!.bytes).toBe(csv.length);
    expect((await references()).active).toEqual({ source: "profile", profile: "baseline" });
    expect((await drift()).reference).toMatchObject({ profile: "baseline", source: "profile" });

    const ragged = await upload("name=broken", "a,b\n1,2\n3,4,5\n");
    expect(ragged.status).toBe(400);
    expect(ragged.body.error).toBe("line 3: the row has 3 fields, the header 2");
    // The earlier failed attempt made way for the new one.
    expect((await profilesNamed("broken")).map((p) => p.status)).toEqual(["failed"]);
    const missing = await upload("name=broken&labelColumn=y", "a,b\n1,2\n");
    expect(missing.body.error).toBe('line 1: labelColumn "y" is not a column of the header');
    const empty = await upload("name=broken", "a,b\n");
    expect(empty.status).toBe(400);
    expect(empty.body.error).toBe("the file has no data rows");
  });

  it("refuses a bad JSON line with its line number", async () => {
    const lines = '{"a": 1}\n{"a": 2}\n{"a": 3,}\n{"a": 4}\n';
    const res = await upload("name=badlines", chunked(lines, 6), { contentType: "application/jsonl" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^line 3: not valid JSON/);
    const nested = await upload("name=badlines", '{"a": 1}\n\n{"a": {"b": 2}}\n', {
      contentType: "application/jsonl",
    });
    expect(nested.status).toBe(400);
    expect(nested.body.error).toBe(
      'line 3: column "a": a value must be a number, string, boolean or null, not object',
    );
    const array = await upload("name=badlines", "[1, 2]\n", { contentType: "application/json-lines" });
    expect(array.body.error).toBe("line 1: expected a JSON object, got an array");
    expect(await profilesNamed("badlines")).toMatchObject([{ status: "failed" }]);
    expect((await references()).active).toEqual({ source: "profile", profile: "baseline" });
  });

  it("answers 413 once the body passes VIGIL_MAX_REFERENCE_BYTES, as it arrives or by Content-Length", async () => {
    process.env.VIGIL_MAX_REFERENCE_BYTES = "2000";
    resetEnvCache();
    try {
      const big = referenceCsv(200, 0).text;
      const streamed = await upload("name=huge", chunked(big, 512));
      expect(streamed.status).toBe(413);
      expect(streamed.body.error).toMatch(/exceeds 2000 bytes \(VIGIL_MAX_REFERENCE_BYTES\)/);
      const [huge] = await profilesNamed("huge");
      expect(huge).toMatchObject({ status: "failed", error: streamed.body.error });
      expect(huge!.bytes).toBeLessThanOrEqual(2048);
      const declared = await upload("name=huge2", big, { headers: { "content-length": String(big.length) } });
      expect(declared.status).toBe(413);
      expect(await profilesNamed("huge2")).toEqual([]);
      expect((await upload("name=small&activate=false", "a\n1\n")).status).toBe(200);
    } finally {
      delete process.env.VIGIL_MAX_REFERENCE_BYTES;
      resetEnvCache();
    }
    expect((await references()).active).toEqual({ source: "profile", profile: "baseline" });
  });

  it("replaces a profile atomically: the old one serves drift until the new one is ready", async () => {
    const shifted = referenceCsv(1500, 8, 12);
    const body = held();
    const half = shifted.text.length >> 1;
    body.send(shifted.text.slice(0, half));
    const pending = upload("name=baseline&predictionColumn=pred&labelColumn=label", body.stream);
    await uploading("baseline");
    const during = await profilesNamed("baseline");
    expect(during.map((p) => p.status)).toEqual(["ready", "uploading"]);
    expect(during[0]!.rows).toBe(2000);
    expect(feature(await drift(), "price").drifted).toBe(true);
    body.send(shifted.text.slice(half));
    body.end();
    const res = await pending;
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = await profilesNamed("baseline");
    expect(after.map((p) => [p.status, p.rows])).toEqual([["ready", 1500]]);
    const now = await drift();
    expect(now.reference).toMatchObject({ profile: "baseline", rows: 1500 });
    expect(feature(now, "price").drifted).toBe(false);

    // A failed re-upload leaves the ready profile in place, next to the failed attempt.
    const failed = await upload("name=baseline", 'price\n"1\n');
    expect(failed.status).toBe(400);
    expect((await profilesNamed("baseline")).map((p) => [p.status, p.rows])).toEqual([
      ["ready", 1500],
      ["failed", 0],
    ]);
    expect((await drift()).reference).toMatchObject({ profile: "baseline", rows: 1500 });
  });

  it("is served directly by the production server's streaming path", async () => {
    const route = directIngestRoute(`/api/v1/models/${MODEL}/reference`, "text/csv");
    expect(route?.stream).toBe(true);
    expect(directIngestRoute("/api/v1/models/a/b/reference", "text/csv")).toBeUndefined();
    const res = await upload("name=direct&activate=false", chunked("a,b\n1,x\n", 3), {}, route!.handler);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.profile).toMatchObject({ name: "direct", status: "ready", rows: 1 });
  });

  it("deletes a profile and un-pins it when it is the reference", async () => {
    const path = (name: string) => `/api/v1/models/${MODEL}/reference/${name}`;
    const other = await call(deleteReference, {
      method: "DELETE",
      path: path("lines"),
      params: { model: MODEL, name: "lines" },
    });
    expect(other.status).toBe(200);
    expect(other.body.active).toEqual({ source: "profile", profile: "baseline" });
    const res = await call(deleteReference, {
      method: "DELETE",
      path: path("baseline"),
      params: { model: MODEL, name: "baseline" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, active: { source: "default" } });
    const list = await references();
    expect(list.active).toEqual({ source: "default" });
    expect(list.profiles.some((p) => p.name === "baseline" || p.name === "lines")).toBe(false);
    expect((await drift()).reference).toMatchObject({ source: "default" });
    const again = await call(deleteReference, {
      method: "DELETE",
      path: path("baseline"),
      params: { model: MODEL, name: "baseline" },
    });
    expect(again.status).toBe(404);
    const reader = await createApiKey(database.db, { name: "reader2", scope: "read" });
    const forbidden = await call(deleteReference, {
      method: "DELETE",
      path: path("typing"),
      params: { model: MODEL, name: "typing" },
      key: reader.key,
    });
    expect(forbidden.status).toBe(403);
  });
});
