// The world of the embed integration tests (embeds.test.ts, embeds-data.test.ts): a database with an embed
// secret, series for two models, a prediction (so the model exists for built-in panels), an external Prometheus
// that records the queries it gets, a dashboard "recsys" (and a copy "other") with a variable, a custom
// variable, a plain panel, a panel the embeds must not reach, a data-source panel and a built-in panel.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, expect } from "vitest";
import { GET as queryRoute } from "@/app/api/embed/query/route";
import { POST as createDashboard } from "@/app/api/v1/dashboards/route";
import { POST as createSource } from "@/app/api/v1/datasources/route";
import { POST as createRoute } from "@/app/api/v1/embeds/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import { createApiKey } from "@/lib/auth/api-keys";
import { createSession } from "@/lib/auth/users";
import { resetEnvCache } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { writePoints } from "@/lib/series/store";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

export const SECRET = "current-embed-secret-0123456789abcdef";
export const OLD_SECRET = "previous-embed-secret-0123456789abcdef";
export const NOW = Date.now();
const T0 = NOW - 2 * 3_600_000;

export interface EmbedsWorld {
  database: Database;
  readKey: string;
  editorCookie: string;
  /** the queries the external Prometheus was sent, in order */
  externalQueries: string[];
}

/** Sets (or unsets) the embed secrets for the next requests. */
export function setSecrets(current: string | undefined, previous?: string) {
  if (current === undefined) delete process.env.VIGIL_EMBED_SECRET;
  else process.env.VIGIL_EMBED_SECRET = current;
  if (previous === undefined) delete process.env.VIGIL_EMBED_SECRET_PREVIOUS;
  else process.env.VIGIL_EMBED_SECRET_PREVIOUS = previous;
  resetEnvCache();
}

const panel = (id: string, extra: Record<string, unknown>) => ({
  id,
  title: `Panel ${id}`,
  type: "timeseries",
  gridPos: { x: 0, y: 0, w: 12, h: 8 },
  ...extra,
});

/** Builds the world before the file's tests (the returned object is filled in then). */
export function setUpEmbedsWorld(): EmbedsWorld {
  const world = { externalQueries: [] as string[] } as EmbedsWorld;
  let external: Server;
  beforeAll(async () => {
    const database = await useTestDatabase({
      VIGIL_EMBED_SECRET: SECRET,
      VIGIL_EMBED_TTL_SECONDS: "600",
      VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1",
      VIGIL_PUBLIC_URL: "https://vigil.example.com",
    });
    world.readKey = (await createApiKey(database.db, { name: "reader", scope: "read" })).key;
    const editor = await database.db.user.create({
      data: { username: "ed", passwordHash: "x", role: "editor" },
    });
    world.editorCookie = `vigil_session=${(await createSession(database.db, editor.id, 1)).token}`;

    const points = [];
    for (let i = 0; i < 100; i++)
      for (const model of ["recsys", "fraud"])
        points.push({
          name: "vigil_model_accuracy",
          labels: { model, version: "v1", window: "1h" },
          ts: T0 + i * 60_000,
          value: model === "recsys" ? 0.9 : 0.5,
        });
    await writePoints(database, points);
    const predictions = Array.from({ length: 5 }, (_, i) => ({
      id: `p${i}`,
      model: "recsys",
      version: "v1",
      timestamp: NOW - 60_000 * (i + 1),
      prediction: "a",
    }));
    expect((await call(postPredictions, { path: "/api/v1/predictions", body: { predictions } })).status).toBe(
      200,
    );

    // An external Prometheus that records what it is asked.
    external = createServer((req, res) => {
      let body = "";
      req.on("data", (d: Buffer) => {
        body += d.toString();
      });
      req.on("end", () => {
        world.externalQueries.push(new URLSearchParams(body).get("query") ?? "");
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "success", data: { resultType: "matrix", result: [] } }));
      });
    });
    await new Promise<void>((r) => external.listen(0, "127.0.0.1", () => r()));
    const port = (external.address() as { port: number }).port;
    expect(
      (
        await call(createSource, {
          path: "/api/v1/datasources",
          body: { name: "ext", url: `http://127.0.0.1:${port}` },
        })
      ).status,
    ).toBe(201);

    const definition = {
      variables: [
        { name: "model", type: "model", default: "recsys" },
        { name: "env", type: "custom", options: ["prod", "staging"] },
      ],
      time: { from: "now-6h", to: "now" },
      panels: [
        panel("acc", { targets: [{ expr: 'vigil_model_accuracy{model="$model"}' }] }),
        panel("secret", { type: "stat", targets: [{ expr: 'vigil_model_accuracy{model="fraud"}' }] }),
        panel("ext", { targets: [{ expr: 'up{env="$env", model="$model"}', datasource: "ext" }] }),
        panel("cm", { type: "builtin", builtin: { kind: "confusion-matrix", model: "$model" } }),
      ],
    };
    for (const uid of ["recsys", "other"]) {
      const res = await call(createDashboard, {
        path: "/api/v1/dashboards",
        body: { uid, title: `Dashboard ${uid}`, definition },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    world.database = database;
  });
  afterAll(async () => {
    await new Promise((r) => external.close(r));
  });
  return world;
}

export async function createEmbed(body: Record<string, unknown>) {
  const res = await call(createRoute, { path: "/api/v1/embeds", body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { embed: { id: string; path: string }; token: string; url: string; snippet: string };
}

/** GET /api/embed/query with this query string, without any key or cookie. */
export const embedQuery = (qs: string) => call(queryRoute, { path: `/api/embed/query?${qs}`, key: null });
