// Before the browser tests: wait for the server, seed two models through the public API, run the worker
// once so rollups exist, and save a logged-in session for the specs.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { request } from "@playwright/test";
import { E2E_ADMIN_PASSWORD, E2E_API_KEY, E2E_PORT, e2eEnv } from "./env.mjs";
import { chunks, rankerSizeData, recommenderData } from "./seed";

const BASE = `http://127.0.0.1:${E2E_PORT}`;
export const STORAGE_STATE = "test-results/.auth/admin.json";

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${BASE}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("e2e server did not become healthy within 60 s");
}

async function post(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${E2E_API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST ${path} → ${res.status}: ${text.slice(0, 500)}`);
}

export default async function globalSetup(): Promise<void> {
  await waitForHealth();
  const now = Date.now();
  for (const data of [recommenderData(now), rankerSizeData(now)]) {
    for (const batch of chunks(data.predictions, 100))
      await post("/api/v1/predictions", { predictions: batch });
    for (const batch of chunks(data.labels, 100)) await post("/api/v1/labels", { labels: batch });
  }
  // A model whose labels have not arrived yet: its pages must say how to send them.
  const unlabeled = Array.from({ length: 12 }, (_, i) => ({
    id: `wait-${i}`,
    model: "fraud-waiting",
    version: "v1",
    timestamp: now - (i + 1) * 300_000,
    prediction: i % 2,
    score: (i % 10) / 10,
  }));
  await post("/api/v1/predictions", { predictions: unlabeled });

  const worker = spawnSync("npx", ["tsx", "workers/main.ts", "--once"], {
    env: { ...process.env, ...e2eEnv },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (worker.status !== 0) {
    throw new Error(`worker --once failed (${worker.status}):\n${worker.stdout}\n${worker.stderr}`);
  }

  mkdirSync("test-results/.auth", { recursive: true });
  const api = await request.newContext({ baseURL: BASE });
  const res = await api.post("/api/auth/login", {
    data: { username: "admin", password: E2E_ADMIN_PASSWORD },
  });
  if (!res.ok()) throw new Error(`login failed: ${res.status()} ${await res.text()}`);
  await api.storageState({ path: STORAGE_STATE });
  await api.dispose();
}
