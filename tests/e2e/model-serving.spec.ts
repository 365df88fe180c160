import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page, test } from "@playwright/test";
import { E2E_API_KEY, E2E_PORT, e2eEnv } from "./env.mjs";
import { api, hasHorizontalScroll, screenshot } from "./helpers";

// The model page's Serving tab against a model of its own, seeded through the public API:
// - predictions of v1 and v2 in one 10-minute bucket two hours ago, with latencyMs 1…20 (v1) and 101…120 (v2):
//   numpy's p95 of those is 19.05 and 119.05; labels make v1 100% and v2 50% accurate;
// - a fake Triton (Open Inference Protocol) on loopback, registered as the model's serving endpoint, serving
//   versions "1" (ready) and "2" (not ready), mapped to v1 and v2;
// - two hours of its metrics imported in the Prometheus text format: DCGM GPU utilization of two GPUs at 40%
//   and 44%, request counters growing by 1/s (v1) and 0.5/s (v2), queue-time counters of 2 ms and 5 ms per request.
const MODEL = "serving-e2e";
const ENDPOINT = "triton-serving-e2e";
const MINUTE = 60_000;
const BUCKET = 10 * MINUTE;

async function send(method: string, path: string, body: unknown, ok = [200, 201]): Promise<unknown> {
  const res = await api(method, path, body);
  const text = await res.text();
  if (!ok.includes(res.status)) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** A Triton that answers the health check's calls: live, ready, the model with versions 1 (ready) and 2 (not). */
function fakeTriton(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    req.resume();
    const path = (req.url ?? "").split("?")[0];
    const reply = (status: number, body?: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(body === undefined ? "" : JSON.stringify(body));
    };
    if (path === "/v2/health/live" || path === "/v2/health/ready") return reply(200);
    if (path === `/v2/models/${MODEL}`)
      return reply(200, {
        name: MODEL,
        platform: "onnxruntime_onnx",
        versions: ["1", "2"],
        inputs: [],
        outputs: [],
      });
    if (path === `/v2/models/${MODEL}/versions/1/ready`) return reply(200);
    if (path === `/v2/models/${MODEL}/versions/2/ready`) return reply(400, { error: "not ready" });
    return reply(404, { error: "not found" });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** The worker once, asynchronously so the fake Triton in this process can answer its health check. */
function runWorkerAsync(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "workers/main.ts", "--once"], {
      env: { ...process.env, ...e2eEnv, VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`worker --once failed:\n${output}`)),
    );
  });
}

function predictions(bucketStart: number) {
  return ["v1", "v2"].flatMap((version) =>
    Array.from({ length: 20 }, (_, i) => ({
      id: `serving-${version}-${String(i).padStart(2, "0")}`,
      model: MODEL,
      version,
      timestamp: new Date(bucketStart + 60_000 + i * 10_000).toISOString(),
      prediction: 1,
      score: 0.9,
      latencyMs: (version === "v1" ? 1 : 101) + i,
    })),
  );
}

/** Samples every minute from `from` to `to` (ms timestamps, Prometheus text format). */
function metricsFile(from: number, to: number): string {
  const lines: string[] = [];
  const gpus = [
    { Hostname: "node-1", gpu: "0", pod: "triton-e2e-a", value: 40 },
    { Hostname: "node-1", gpu: "1", pod: "triton-e2e-a", value: 44 },
  ];
  const triton = [
    { version: "1", perSecond: 1, queueUs: 2000 },
    { version: "2", perSecond: 0.5, queueUs: 5000 },
  ];
  for (let t = from, i = 0; t <= to; t += MINUTE, i++) {
    for (const g of gpus)
      lines.push(
        `DCGM_FI_DEV_GPU_UTIL{Hostname="${g.Hostname}",gpu="${g.gpu}",namespace="serving",pod="${g.pod}",job="dcgm"} ${g.value} ${t}`,
      );
    for (const v of triton) {
      const requests = v.perSecond * 60 * i;
      const labels = `model="${MODEL}",version="${v.version}",job="triton-e2e"`;
      lines.push(`nv_inference_request_success{${labels}} ${requests} ${t}`);
      lines.push(`nv_inference_queue_duration_us{${labels}} ${requests * v.queueUs} ${t}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

let triton: http.Server;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  triton = await fakeTriton();
  const port = (triton.address() as AddressInfo).port;
  const now = Date.now();
  const bucket = Math.floor((now - 2 * 3_600_000) / BUCKET) * BUCKET;
  const rows = predictions(bucket);
  await send("POST", "/api/v1/predictions", { predictions: rows });
  const labels = rows.map((p, i) => ({
    id: p.id,
    model: MODEL,
    // v1 always right, v2 right every other time.
    label: p.version === "v1" || i % 2 === 0 ? 1 : 0,
    timestamp: new Date(Date.parse(p.timestamp) + MINUTE).toISOString(),
  }));
  await send("POST", "/api/v1/labels", { labels });

  // Metrics up to 5 minutes ahead (inside the 10-minute future limit), so the latest step's rate window is full.
  const res = await fetch(`http://127.0.0.1:${E2E_PORT}/api/v1/import/prometheus`, {
    method: "POST",
    headers: { authorization: `Bearer ${E2E_API_KEY}`, "content-type": "text/plain" },
    body: metricsFile(Math.floor((now - 2 * 3_600_000) / MINUTE) * MINUTE, now + 5 * MINUTE),
  });
  if (res.status !== 200) throw new Error(`import → ${res.status}: ${(await res.text()).slice(0, 500)}`);

  // Once per server: a rerun finds the endpoint there.
  const listed = (await send("GET", `/api/v1/serving-endpoints?model=${MODEL}`, undefined)) as {
    endpoints: Array<{ id: number; name: string }>;
  };
  for (const e of listed.endpoints.filter((x) => x.name === ENDPOINT))
    await send("DELETE", `/api/v1/serving-endpoints/${e.id}`, undefined, [200, 204]);
  await send("POST", "/api/v1/serving-endpoints", {
    name: ENDPOINT,
    kind: "triton",
    baseUrl: `http://127.0.0.1:${port}`,
    model: MODEL,
    versionMap: { v1: "1", v2: "2" },
    gpuSelector: '{namespace="serving",pod=~"triton-e2e-.*"}',
    metricsJob: "triton-e2e",
    links: { grafana: "https://grafana.example.com/d/serving" },
  });
  await runWorkerAsync();
});

test.afterAll(async () => {
  await new Promise((r) => triton?.close(r));
});

async function openServingTab(page: Page): Promise<void> {
  await page.goto(`/models/${MODEL}?range=24h`);
  const quality = page.getByRole("tab", { name: "Quality" });
  await expect(quality).toHaveAttribute("aria-selected", "true");
  await quality.focus();
  await page.keyboard.press("End");
  await expect(page).toHaveURL(/range=24h&tab=serving/);
  const serving = page.getByRole("tab", { name: "Serving" });
  await expect(serving).toHaveAttribute("aria-selected", "true");
  await expect(serving).toBeFocused();
  await expect(page.getByRole("tabpanel", { name: "Serving" })).toBeVisible();
}

test("the Serving tab is reachable by keyboard and shows p95 latency from the predictions", async ({
  page,
}) => {
  await openServingTab(page);
  const latency = page.getByTestId("serving-latency");
  await expect(latency.getByTestId("serving-latency-latest")).toContainText("v1");
  await expect(latency.getByTestId("serving-latency-latest")).toContainText("19.05 ms");
  await expect(latency.getByTestId("serving-latency-latest")).toContainText("119.05 ms");
  // One bucket each: a dot per version where a line has no neighbour to join.
  await expect(latency.locator("circle.serving-dot")).toHaveCount(2);
  await expect(latency).toContainText("latencyMs");

  const quality = page.getByTestId("serving-quality");
  await expect(quality.getByTestId("serving-quality-latest")).toContainText("100.0%");
  await expect(quality.getByTestId("serving-quality-latest")).toContainText("50.0%");
  expect(await hasHorizontalScroll(page)).toBe(false);
});

test("the endpoint's status, served versions and links; GPU, requests and queue time from its metrics", async ({
  page,
}) => {
  await openServingTab(page);
  const card = page.getByTestId("serving-endpoint");
  await expect(card).toContainText(ENDPOINT);
  await expect(card).toContainText("Ready");
  const versions = card.getByTestId("served-versions");
  await expect(versions).toContainText("v1");
  await expect(versions).toContainText("(server 2)");
  await expect(versions.getByText("ready", { exact: true })).toHaveCount(1);
  const grafana = card.getByRole("link", { name: "Grafana" });
  await expect(grafana).toHaveAttribute("href", "https://grafana.example.com/d/serving");
  await expect(grafana).toHaveAttribute("rel", "noopener noreferrer");
  await expect(card.getByRole("link", { name: "Endpoint" })).toHaveAttribute(
    "href",
    /^http:\/\/127\.0\.0\.1:/,
  );
  await expect(page.getByTestId("header-serving")).toContainText("Serving: Ready");

  await expect(page.getByTestId("serving-gpu-latest")).toContainText("42%");
  await expect(page.getByTestId("serving-gpu").locator("path.recharts-curve")).toHaveCount(3);
  const requests = page.getByTestId("serving-requests-latest");
  await expect(requests).toContainText(/v1\s*1\/s/);
  await expect(requests).toContainText(/v2\s*0\.5\/s/);
  const queue = page.getByTestId("serving-queue-latest");
  await expect(queue).toContainText(/v1\s*2 ms/);
  await expect(queue).toContainText(/v2\s*5 ms/);
  await screenshot(page, "model-serving");

  // One version: every chart narrows to it.
  await page.goto(`/models/${MODEL}?range=24h&version=v2&tab=serving`);
  await expect(page.getByTestId("serving-requests-latest")).toContainText(/v2\s*0\.5\/s/);
  await expect(page.getByTestId("serving-requests-latest")).not.toContainText("v1");
  await expect(page.getByTestId("serving-latency-latest")).toContainText("119.05 ms");
  await expect(page.getByTestId("serving-latency-latest")).not.toContainText("v1");
});

test("a model without an endpoint says so in each cluster chart; latency still comes from predictions", async ({
  page,
}) => {
  // recommender (the global setup's) has latencies but no endpoint registered.
  await page.goto("/models/recommender?range=7d&tab=serving");
  await expect(page.getByTestId("serving-endpoints")).toContainText("No serving endpoint registered");
  await expect(
    page.getByTestId("serving-endpoints").getByRole("link", { name: "Cluster page" }),
  ).toHaveAttribute("href", "/cluster");
  for (const id of ["serving-gpu", "serving-requests", "serving-queue"])
    await expect(page.getByTestId(`${id}-empty`)).toContainText("No serving endpoint registered");
  await expect(page.getByTestId("serving-latency-latest")).toContainText(/ms/);
  // Leaving the tab drops its URL state.
  await page.goto("/models/recommender?range=7d&tab=serving&source=nowhere");
  await page.getByRole("tab", { name: "Quality" }).click();
  await expect(page).toHaveURL(/\/models\/recommender\?range=7d$/);
});
