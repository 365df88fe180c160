// Shadow model uploads (POST /api/v1/models/{model}/shadows, multipart file + config): the fixture model is
// loaded with onnxruntime and its signature returned; the file is stored once under <data dir>/models/<sha256>
// .onnx; unloadable files, mappings that do not fit and invalid configs are refused with 422 naming the field;
// missing fields 400, unknown model 404, non-admin 403, oversize 413, not multipart 415, duplicate name 409;
// list, get, pause/resume and delete (the file stays while another shadow uses it).
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listShadows, POST as postShadow } from "@/app/api/v1/models/[model]/shadows/route";
import {
  DELETE as deleteShadow,
  GET as getShadow,
  PATCH as patchShadow,
} from "@/app/api/v1/shadows/[id]/route";
import { openApiDocument } from "@/lib/api/openapi";
import { createApiKey } from "@/lib/auth/api-keys";
import { resetEnvCache } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { TEST_API_KEY, useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

const FIXTURES = "tests/fixtures/shadow";
const MODEL = "recommender";
const DATA_DIR = resolve(`data/test/shadow-${randomBytes(6).toString("hex")}`);
const prod = readFileSync(`${FIXTURES}/recommender-prod.onnx`);
const candidate = readFileSync(`${FIXTURES}/recommender-candidate.onnx`);
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The recommender fixtures' mapping (docs/shadow-models.md). */
const CONFIG = {
  name: "prod-copy",
  inputs: {
    features: ["user_age", "items_in_cart", "price", "session_minutes", "country", "device"],
  },
  output: "probabilities",
  scoreIndex: 1,
  labelMap: ["0", "1"],
  sampleRate: 0.5,
  missing: { items_in_cart: 0 },
  encodings: {
    country: { type: "onehot", categories: ["DE", "FR", "US", "GB", "ES", "IT"] },
    device: { type: "onehot", categories: ["mobile", "desktop", "tablet"] },
  },
};

let database: Database;

interface Upload {
  file?: Uint8Array | string;
  config?: unknown;
  key?: string | null;
  model?: string;
  /** A raw body instead of multipart. */
  raw?: { body: string; contentType: string };
}

async function upload(u: Upload): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  const key = u.key === undefined ? TEST_API_KEY : u.key;
  if (key) headers.authorization = `Bearer ${key}`;
  let body: FormData | string;
  if (u.raw) {
    body = u.raw.body;
    headers["content-type"] = u.raw.contentType;
  } else {
    const form = new FormData();
    if (typeof u.file === "string") form.append("file", u.file);
    else if (u.file !== undefined) form.append("file", new Blob([Uint8Array.from(u.file)]), "model.onnx");
    if (u.config !== undefined)
      form.append("config", typeof u.config === "string" ? u.config : JSON.stringify(u.config));
    body = form;
  }
  const model = u.model ?? MODEL;
  const req = new Request(`http://localhost/api/v1/models/${encodeURIComponent(model)}/shadows`, {
    method: "POST",
    headers,
    body,
  });
  const res = await postShadow(req, { params: Promise.resolve({ model }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const storedFiles = () =>
  existsSync(`${DATA_DIR}/models`) ? readdirSync(`${DATA_DIR}/models`).filter((f) => !f.startsWith(".")) : [];

beforeAll(async () => {
  database = await useTestDatabase({ VIGIL_DATA_DIR: DATA_DIR });
  await database.db.model.create({ data: { name: MODEL } });
});
afterAll(() => rmSync(DATA_DIR, { recursive: true, force: true }));

describe("shadow upload", () => {
  let prodId = 0;

  it("stores the prod fixture with the documented mapping: 201 with its signature", async () => {
    const res = await upload({ file: prod, config: CONFIG });
    expect(res.status).toBe(201);
    const shadow = res.body.shadow as Record<string, unknown>;
    expect(shadow).toMatchObject({
      model: MODEL,
      name: "prod-copy",
      status: "active",
      file: { sha256: sha(prod), bytes: prod.byteLength },
      signature: {
        inputs: [{ name: "features", isTensor: true, type: "float32", shape: ["N", 13] }],
        outputs: [
          { name: "probabilities", isTensor: true, type: "float32", shape: ["N", 2] },
          { name: "label", isTensor: true, type: "int64", shape: ["N"] },
        ],
      },
      config: {
        ...CONFIG,
        labelMap: { 0: "0", 1: "1" },
        batchSize: 256,
        executionProvider: "cpu",
      },
    });
    prodId = shadow.id as number;
    const path = `${DATA_DIR}/models/${sha(prod)}.onnx`;
    expect(existsSync(path)).toBe(true);
    expect(sha(readFileSync(path))).toBe(sha(prod));
    expect(storedFiles()).toEqual([`${sha(prod)}.onnx`]);
  });

  it("stores the same file once when uploaded again under another name", async () => {
    const res = await upload({ file: prod, config: { ...CONFIG, name: "prod-again" } });
    expect(res.status).toBe(201);
    expect(storedFiles()).toEqual([`${sha(prod)}.onnx`]);
  });

  it("refuses a duplicate name with 409", async () => {
    const res = await upload({ file: candidate, config: CONFIG });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe(`model "${MODEL}" already has a shadow named "prod-copy"`);
  });

  it("refuses a file onnxruntime cannot load with 422", async () => {
    const res = await upload({
      file: readFileSync(`${FIXTURES}/not-a-model.onnx`),
      config: { ...CONFIG, name: "garbage" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/^the file is not an ONNX model onnxruntime can load: /);
    expect(storedFiles()).toEqual([`${sha(prod)}.onnx`]);
  });

  it("refuses an execution provider this installation lacks (CUDA without its binaries) with 422", async () => {
    const res = await upload({
      file: prod,
      config: { ...CONFIG, name: "on-gpu", executionProvider: "cuda" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(
      /^executionProvider: "cuda" is not available here .*ONNXRUNTIME_NODE_INSTALL=cuda12/,
    );
    const bad = await upload({ file: prod, config: { ...CONFIG, name: "on-tpu", executionProvider: "tpu" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/executionProvider must be "cpu" or "cuda"/);
  });

  it("refuses mappings that do not fit the model with 422 naming the tensor or field", async () => {
    const named = { ...CONFIG, name: "bad" };
    const cases: Array<[unknown, RegExp]> = [
      [
        { ...named, inputs: { features: CONFIG.inputs.features.filter((f) => f !== "session_minutes") } },
        /input features has 13 slots in the model but the mapping gives 12: user_age, items_in_cart, price, country \(one-hot ×6\), device \(one-hot ×3\)/,
      ],
      [
        { ...named, inputs: { features: [...CONFIG.inputs.features, "extra"] } },
        /input features has 13 slots in the model but the mapping gives 14/,
      ],
      [
        { ...named, output: "proba" },
        /output: the model has no output tensor "proba" \(its outputs: probabilities, label\)/,
      ],
      [{ ...named, scoreIndex: 2 }, /scoreIndex 2 is out of range: output probabilities has 2 columns/],
      [
        { ...named, inputs: { ...CONFIG.inputs, other: ["x"] } },
        /inputs.other: the model has no input tensor "other"/,
      ],
    ];
    for (const [config, message] of cases) {
      const res = await upload({ file: prod, config });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error).toMatch(/^the config does not fit the model: /);
      expect(res.body.error).toMatch(message);
      expect(Array.isArray(res.body.problems)).toBe(true);
    }
  });

  it("refuses invalid configs (wrong types, bad values) with 422 naming the field", async () => {
    const named = { ...CONFIG, name: "bad" };
    const cases: Array<[unknown, string]> = [
      [{ ...named, scoreIndex: "1" }, "config: scoreIndex must be a number"],
      [{ ...named, sampleRate: 0 }, "config: sampleRate must be in (0, 1]"],
      [
        { ...named, inputs: { features: "user_age" } },
        "config: inputs.features: must be an array of feature names",
      ],
      [{ ...named, missing: { price: "zero" } }, "config: missing.price: must be a number"],
      [{ ...named, batchSize: 0 }, "config: batchSize must be between 1 and 4096"],
      [{ ...named, name: "" }, "config: name is required"],
      [
        { ...named, encodings: { ...CONFIG.encodings, size: { type: "onehot", categories: ["S"] } } },
        'config: encodings.size: "size" is not mapped to any input tensor',
      ],
    ];
    for (const [config, message] of cases) {
      const res = await upload({ file: prod, config });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body.error).toBe(message);
    }
    const malformed = await upload({ file: prod, config: "{name:" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/^config: malformed JSON: /);
  });

  it("400 without file or config, 415 when not multipart, 404 for an unknown model, 403 for a read key", async () => {
    const noFile = await upload({ config: CONFIG });
    expect(noFile.status).toBe(400);
    expect(noFile.body.error).toBe("file is required: the .onnx model, as a multipart file field");
    const noConfig = await upload({ file: prod });
    expect(noConfig.status).toBe(400);
    expect(noConfig.body.error).toBe("config is required: the shadow's configuration as JSON");
    const textFile = await upload({ file: "not a file part", config: CONFIG });
    expect(textFile.status).toBe(400);
    const json = await upload({ raw: { body: JSON.stringify(CONFIG), contentType: "application/json" } });
    expect(json.status).toBe(415);
    const unknown = await upload({ file: prod, config: { ...CONFIG, name: "x" }, model: "nope" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('model "nope" not found');
    const reader = await createApiKey(database.db, { name: "reader", scope: "read" });
    const forbidden = await upload({ file: prod, config: { ...CONFIG, name: "x" }, key: reader.key });
    expect(forbidden.status).toBe(403);
    // A read key may list.
    const listed = await call(listShadows, {
      path: `/api/v1/models/${MODEL}/shadows`,
      key: reader.key,
      params: { model: MODEL },
    });
    expect(listed.status).toBe(200);
  });

  it("413 above VIGIL_MAX_MODEL_BYTES", async () => {
    process.env.VIGIL_MAX_MODEL_BYTES = String(prod.byteLength - 1);
    resetEnvCache();
    try {
      const res = await upload({ file: prod, config: { ...CONFIG, name: "big" } });
      expect(res.status).toBe(413);
      expect(res.body.error).toBe(
        `the model file exceeds ${prod.byteLength - 1} bytes (VIGIL_MAX_MODEL_BYTES)`,
      );
      // Far above the limit: reading stops at the limit (plus 1 MiB for the multipart framing).
      const huge = await upload({ file: new Uint8Array(prod.byteLength + 2 * 1024 * 1024), config: CONFIG });
      expect(huge.status).toBe(413);
    } finally {
      delete process.env.VIGIL_MAX_MODEL_BYTES;
      resetEnvCache();
    }
    const ok = await upload({ file: prod, config: { ...CONFIG, name: "big" } });
    expect(ok.status).toBe(201);
  });

  it("lists and gets shadows; pauses and resumes; delete keeps a file another shadow uses", async () => {
    const list = await call(listShadows, {
      path: `/api/v1/models/${MODEL}/shadows`,
      params: { model: MODEL },
    });
    expect(list.status).toBe(200);
    const shadows = list.body.shadows as Array<{ id: number; name: string; status: string }>;
    expect(shadows.map((s) => s.name)).toEqual(["prod-copy", "prod-again", "big"]);
    expect(
      (await call(listShadows, { path: "/api/v1/models/nope/shadows", params: { model: "nope" } })).status,
    ).toBe(404);

    const path = `/api/v1/shadows/${prodId}`;
    const params = { id: String(prodId) };
    const got = await call(getShadow, { path, params });
    expect(got.status).toBe(200);
    expect((got.body.shadow as { name: string }).name).toBe("prod-copy");
    expect((await call(getShadow, { path: "/api/v1/shadows/999999", params: { id: "999999" } })).status).toBe(
      404,
    );
    expect((await call(getShadow, { path: "/api/v1/shadows/abc", params: { id: "abc" } })).status).toBe(400);

    const paused = await call(patchShadow, { method: "PATCH", path, params, body: { status: "paused" } });
    expect(paused.status).toBe(200);
    expect((paused.body.shadow as { status: string }).status).toBe("paused");
    expect(((await call(getShadow, { path, params })).body.shadow as { status: string }).status).toBe(
      "paused",
    );
    const resumed = await call(patchShadow, { method: "PATCH", path, params, body: { status: "active" } });
    expect((resumed.body.shadow as { status: string }).status).toBe("active");
    const bad = await call(patchShadow, { method: "PATCH", path, params, body: { status: "stopped" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('status must be "active" or "paused"');

    const file = `${DATA_DIR}/models/${sha(prod)}.onnx`;
    await database.db.shadowPrediction.create({
      data: { shadowId: prodId, predictionId: "p1", ts: new Date(), status: "ok", score: 0.5 },
    });
    const removed = await call(deleteShadow, { method: "DELETE", path, params });
    expect(removed).toEqual({ status: 200, body: { ok: true, fileRemoved: false } });
    expect(existsSync(file)).toBe(true);
    expect(await database.db.shadowPrediction.count({ where: { shadowId: prodId } })).toBe(0);
    expect((await call(getShadow, { path, params })).status).toBe(404);
    expect((await call(deleteShadow, { method: "DELETE", path, params })).status).toBe(404);

    for (const s of shadows.filter((s) => s.id !== prodId)) {
      const r = await call(deleteShadow, {
        method: "DELETE",
        path: `/api/v1/shadows/${s.id}`,
        params: { id: String(s.id) },
      });
      expect(r.status).toBe(200);
    }
    expect(existsSync(file)).toBe(false);
    expect(storedFiles()).toEqual([]);

    const reader = await createApiKey(database.db, { name: "reader-2", scope: "read" });
    const forbidden = await call(deleteShadow, { method: "DELETE", path, params, key: reader.key });
    expect(forbidden.status).toBe(403);
  });

  it("is in the OpenAPI document as a multipart upload", () => {
    const doc = openApiDocument() as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    };
    expect(Object.keys(doc.paths["/api/v1/models/{model}/shadows"]!.post!.requestBody!.content)).toEqual([
      "multipart/form-data",
    ]);
    expect(Object.keys(doc.paths["/api/v1/shadows/{id}"]!)).toEqual(["get", "patch", "delete"]);
  });
});
