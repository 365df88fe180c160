// Dashboards through the API on the real database: create, list with search, read, save with the version
// (409 on a stale one, naming who and when), delete; field errors with their path; PromQL parsed on save;
// export as a download and import (uid kept, a copy, overwrite); permissions (viewer reads, editor writes,
// a read key cannot write); audit rows.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/v1/dashboards/[uid]/export/route";
import { DELETE as deleteRoute, GET as getRoute, PUT as putRoute } from "@/app/api/v1/dashboards/[uid]/route";
import { POST as importRoute } from "@/app/api/v1/dashboards/import/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/v1/dashboards/route";
import { createApiKey } from "@/lib/auth/api-keys";
import { createSession } from "@/lib/auth/users";
import type { Database } from "@/lib/db/client";
import { DEMO_DASHBOARD_UID, demoDashboard } from "@/lib/simulator/dashboard";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
let readKey = "";
const cookies: Record<string, string> = {};

async function userCookie(username: string, role: string): Promise<string> {
  const user = await database.db.user.create({ data: { username, passwordHash: "x", role } });
  const { token } = await createSession(database.db, user.id, 1);
  return `vigil_session=${token}`;
}

beforeAll(async () => {
  database = await useTestDatabase();
  readKey = (await createApiKey(database.db, { name: "reader", scope: "read" })).key;
  cookies.alice = await userCookie("alice", "editor");
  cookies.bob = await userCookie("bob", "editor");
  cookies.vera = await userCookie("vera", "viewer");
});

/** As a logged-in user: the session cookie and our own Origin (writes from the page). */
const as = (who: string) => ({
  key: null,
  headers: { cookie: cookies[who]!, origin: "http://localhost", host: "localhost" },
});
const byUid = (uid: string, suffix = "") => ({ path: `/api/v1/dashboards/${uid}${suffix}`, params: { uid } });
const dashboardOf = (res: { body: Record<string, unknown> }) => res.body.dashboard as Record<string, unknown>;

const panel = (id: string, expr: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Panel ${id}`,
  type: "timeseries",
  gridPos: { x: 0, y: 0, w: 12, h: 8 },
  targets: [{ expr }],
  ...extra,
});

const definition = {
  panels: [
    panel("acc", 'last_over_time(vigil_model_accuracy{model="$model",window="1h"}[1h])', {
      unit: "percentunit",
      thresholds: [{ value: 0.8, color: "red" }],
    }),
    panel("rate", 'sum(rate(vigil_predictions_total{model=~"$model"}[$__rate_interval]))', {
      gridPos: { x: 12, y: 0, w: 12, h: 8 },
    }),
    {
      id: "cm",
      title: "Confusion",
      type: "builtin",
      gridPos: { x: 0, y: 8, w: 8, h: 8 },
      builtin: { kind: "confusion-matrix", model: "$model" },
    },
  ],
  variables: [
    { name: "model", type: "model", default: "recommender" },
    { name: "version", type: "query", query: 'label_values(vigil_model_accuracy{model="$model"}, version)' },
  ],
  time: { from: "now-6h", to: "now" },
  refresh: "1m",
};

describe("dashboards API", () => {
  let uid = "";

  it("creates a dashboard as an editor, with the creator and version 1", async () => {
    const res = await call(createRoute, {
      ...as("alice"),
      path: "/api/v1/dashboards",
      body: { title: "Recommender overview", definition },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const d = dashboardOf(res);
    uid = d.uid as string;
    expect(uid).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(d).toMatchObject({ title: "Recommender overview", version: 1, createdBy: "alice" });
    expect((d.definition as { panels: unknown[] }).panels).toHaveLength(3);
    // defaults are filled: an empty dashboard gets the default time and no panels
    const empty = await call(createRoute, {
      path: "/api/v1/dashboards",
      body: { title: "Empty", uid: "empty-one" },
    });
    expect(empty.status).toBe(201);
    expect(dashboardOf(empty)).toMatchObject({
      uid: "empty-one",
      createdBy: null,
      definition: { panels: [], variables: [], time: { from: "now-24h", to: "now" }, refresh: "off" },
    });
    const again = await call(createRoute, {
      path: "/api/v1/dashboards",
      body: { title: "Again", uid: "empty-one" },
    });
    expect(again.status).toBe(409);
  });

  it("lists dashboards with search, and reads one", async () => {
    const all = await call(listRoute, { path: "/api/v1/dashboards", key: readKey });
    expect(all.status).toBe(200);
    const list = all.body.dashboards as Array<Record<string, unknown>>;
    expect(list.map((d) => d.title).sort()).toEqual(["Empty", "Recommender overview"]);
    expect(list.find((d) => d.uid === uid)).toMatchObject({ panels: 3, variables: 2, version: 1 });
    const found = await call(listRoute, { path: "/api/v1/dashboards?search=RECOMM", key: readKey });
    expect((found.body.dashboards as unknown[]).length).toBe(1);
    const one = await call(getRoute, { ...byUid(uid), ...as("vera") });
    expect(one.status).toBe(200);
    expect(dashboardOf(one).definition).toMatchObject({ refresh: "1m", time: { from: "now-6h" } });
    const missing = await call(getRoute, byUid("nope"));
    expect(missing.status).toBe(404);
  });

  it("names the field of each error, and parses every query", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /title/],
      [{ title: "x", definition: { panels: [panel("a", "up")], extra: 1 } }, /Unrecognized key/],
      [
        {
          title: "x",
          definition: {
            panels: [panel("a", "up"), panel("b", "up"), panel("c", "up"), panel("d", "sum(up")],
          },
        },
        /definition\.panels\[3\]\.targets\[0\]\.expr: .*parenthesis/,
      ],
      [
        { title: "x", definition: { panels: [panel("a", "up", { gridPos: { x: 20, y: 0, w: 8, h: 4 } })] } },
        /definition\.panels\[0\]\.gridPos: x \+ w must be at most 24/,
      ],
      [
        { title: "x", definition: { panels: [panel("a", "up"), panel("a", "up")] } },
        /panels\[1\]\.id: id "a"/,
      ],
      [
        { title: "x", definition: { panels: [panel("a", "up", { type: "pie" })] } },
        /panels\[0\]\.type: type must be one of/,
      ],
      [
        { title: "x", definition: { panels: [panel("a", "")] } },
        /panels\[0\]\.targets\[0\]\.expr: expr must not be empty/,
      ],
      [
        { title: "x", definition: { panels: [panel("a", "x".repeat(10 * 1024 + 1))] } },
        /targets\[0\]\.expr: expr must be at most 10240 bytes/,
      ],
      [
        { title: "x", definition: { panels: Array.from({ length: 51 }, (_, i) => panel(`p${i}`, "up")) } },
        /definition\.panels: at most 50 panels/,
      ],
      [
        {
          title: "x",
          definition: { panels: [panel("a", "up", { targets: Array(11).fill({ expr: "up" }) })] },
        },
        /at most 10 queries a panel/,
      ],
      [
        {
          title: "x",
          definition: { variables: [{ name: "v", type: "query", query: "label_values(up{job=}, job)" }] },
        },
        /definition\.variables\[0\]\.query: selector:/,
      ],
      [
        { title: "x", definition: { variables: [{ name: "v", type: "query", query: "values(job)" }] } },
        /variables\[0\]\.query: query must be label_values/,
      ],
      [
        { title: "x", definition: { variables: [{ name: "v", type: "custom" }] } },
        /variables\[0\]\.options: a custom variable needs options/,
      ],
      [{ title: "x", definition: { time: { from: "yesterday", to: "now" } } }, /definition\.time\.from/],
      [{ title: "x", definition: { refresh: "2s" } }, /definition\.refresh: refresh must be one of/],
      [
        {
          title: "x",
          definition: {
            panels: [
              {
                ...panel("a", "up"),
                type: "builtin",
                targets: [],
                builtin: { kind: "shadow-verdict", model: "m" },
              },
            ],
          },
        },
        /panels\[0\]\.builtin\.shadow: shadow is required/,
      ],
      [{ title: "x", uid: "import" }, /uid must not be import/],
    ];
    for (const [body, pattern] of cases) {
      const res = await call(createRoute, { path: "/api/v1/dashboards", body });
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(400);
      expect(res.body.error as string).toMatch(pattern);
    }
    // variables in every context still parse: in strings, in ranges, as a number
    const ok = await call(createRoute, {
      path: "/api/v1/dashboards",
      body: {
        title: "Variables everywhere",
        definition: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${var} syntax is what is tested
          panels: [panel("a", "topk($n, rate(${metric}[$window])) > [[limit]]")],
        },
      },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it("saves with the version; a stale version is refused with who changed it and when", async () => {
    const current = dashboardOf(await call(getRoute, byUid(uid)));
    const changed = {
      ...(current.definition as typeof definition),
      refresh: "5m",
    };
    const saved = await call(putRoute, {
      ...as("alice"),
      ...byUid(uid),
      method: "PUT",
      body: { title: "Recommender overview", version: 1, definition: changed },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(dashboardOf(saved)).toMatchObject({ version: 2, definition: { refresh: "5m" } });

    // Bob edited version 1 too: his save comes too late.
    const stale = await call(putRoute, {
      ...as("bob"),
      ...byUid(uid),
      method: "PUT",
      body: { title: "Bob's title", version: 1, definition },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/changed by alice at \d{4}-\d\d-\d\dT.*now version 2.*version 1/);
    expect(stale.body.current).toMatchObject({ version: 2, updatedBy: "alice" });
    expect(dashboardOf(await call(getRoute, byUid(uid))).title).toBe("Recommender overview");

    const notFound = await call(putRoute, {
      ...byUid("nope"),
      method: "PUT",
      body: { title: "x", version: 1, definition },
    });
    expect(notFound.status).toBe(404);
    const badField = await call(putRoute, {
      ...byUid(uid),
      method: "PUT",
      body: { title: "x", definition },
    });
    expect(badField.status).toBe(400);
    expect(badField.body.error).toMatch(/version/);
  });

  it("lets a viewer and a read key read but not write", async () => {
    const viewer = await call(createRoute, {
      ...as("vera"),
      path: "/api/v1/dashboards",
      body: { title: "x" },
    });
    expect(viewer.status).toBe(403);
    const key = await call(putRoute, {
      ...byUid(uid),
      key: readKey,
      method: "PUT",
      body: { title: "x", version: 2, definition },
    });
    expect(key.status).toBe(403);
    const del = await call(deleteRoute, { ...byUid(uid), ...as("vera"), method: "DELETE" });
    expect(del.status).toBe(403);
    const anonymous = await call(listRoute, { path: "/api/v1/dashboards", key: null });
    expect(anonymous.status).toBe(401);
  });

  it("exports a JSON file that imports back: same uid refused, a copy, or an overwrite", async () => {
    const exported = await exportRoute(
      new Request(`http://localhost/api/v1/dashboards/${uid}/export`, {
        headers: { authorization: `Bearer ${readKey}` },
      }),
      { params: Promise.resolve({ uid }) },
    );
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toBe(
      `attachment; filename="recommender-overview-${uid}.json"`,
    );
    const file = (await exported.json()) as Record<string, unknown>;
    expect(file).toMatchObject({ schemaVersion: 1, uid, title: "Recommender overview", version: 2 });

    const conflict = await call(importRoute, { path: "/api/v1/dashboards/import", body: file });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatch(/overwrite=true/);

    const { uid: _drop, ...copy } = file;
    const imported = await call(importRoute, {
      ...as("bob"),
      path: "/api/v1/dashboards/import",
      body: { ...copy, title: "Recommender overview (copy)" },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.created).toBe(true);
    const copied = dashboardOf(imported);
    expect(copied.uid).not.toBe(uid);
    expect(copied).toMatchObject({ version: 1, createdBy: "bob" });
    expect(copied.definition).toEqual(file.definition);

    const replaced = await call(importRoute, {
      path: "/api/v1/dashboards/import?overwrite=true",
      body: { ...file, title: "Overwritten" },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.created).toBe(false);
    expect(dashboardOf(replaced)).toMatchObject({ uid, title: "Overwritten", version: 3 });

    const named = await call(importRoute, {
      path: "/api/v1/dashboards/import",
      body: { ...file, uid: "from-elsewhere" },
    });
    expect(named.status).toBe(201);
    expect(dashboardOf(named).uid).toBe("from-elsewhere");

    const invalid = await call(importRoute, {
      path: "/api/v1/dashboards/import",
      body: { ...copy, definition: { panels: [panel("a", "rate(up[5m]")] } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatch(/definition\.panels\[0\]\.targets\[0\]\.expr/);
  });

  it("deletes, and audits every change with its author", async () => {
    const del = await call(deleteRoute, { ...byUid(uid), ...as("alice"), method: "DELETE" });
    expect(del.status).toBe(200);
    expect((await call(getRoute, byUid(uid))).status).toBe(404);
    expect((await call(deleteRoute, { ...byUid(uid), method: "DELETE" })).status).toBe(404);
    const events = await database.db.auditEvent.findMany({
      where: { targetType: "dashboard", targetId: uid },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorName])).toEqual([
      ["dashboard.create", "alice"],
      ["dashboard.update", "alice"],
      ["dashboard.import", "bootstrap"],
      ["dashboard.delete", "alice"],
    ]);
  });
});

describe("the demo dashboard", () => {
  it("imports as it is, with every query valid", async () => {
    const res = await call(importRoute, { path: "/api/v1/dashboards/import", body: demoDashboard() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(dashboardOf(res)).toMatchObject({ uid: DEMO_DASHBOARD_UID, title: "Recommender overview" });
    const again = await call(importRoute, { path: "/api/v1/dashboards/import", body: demoDashboard() });
    expect(again.status).toBe(409);
  });
});
