// The single-process reference for check b: a second fresh database, ONE web process and ONE worker, the
// multi-replica run's stored rows sent again (the seed first, then the same configuration, then every
// prediction in arrival order, the labels and the events, in batches of 1,000), the same shadow backfill, and
// then waited for until idle.
import { mkdirSync } from "node:fs";
import type pg from "pg";
import { type Api, apiClient } from "./api";
import { type VigilSettings, webSpec, workerSpec } from "./cluster";
import { configureModel } from "./configure";
import { readPool } from "./database";
import { waitDrained } from "./drain";
import { ManagedProcess, startAll } from "./processes";
import { allEvents, allLabels, predictionPages, type StoredPrediction } from "./stored-rows";

const BATCH = 1000;

export interface SingleRun {
  api: Api;
  pool: pg.Pool;
  shadowId: number;
  ingestMs: number;
  drainMs: number;
  /** exits of its processes nobody asked for (e.g. a crash while starting) */
  crashes: () => string[];
  stop: () => Promise<void>;
}

async function sendAll(api: Api, kind: string, rows: unknown[]) {
  for (let i = 0; i < rows.length; i += BATCH)
    await api.post(`/api/v1/${kind}`, { [kind]: rows.slice(i, i + BATCH) });
}

export async function runSingle(opts: {
  source: pg.Pool;
  databaseUrl: string;
  port: number;
  settings: Omit<VigilSettings, "databaseUrl" | "publicUrl">;
  experimentStart: number;
  backfill: { from: number; to: number };
  isSeed: (id: string) => boolean;
  drainTimeoutMs: number;
  log: (m: string) => void;
}): Promise<SingleRun> {
  const url = `http://127.0.0.1:${opts.port}`;
  mkdirSync(opts.settings.dataDir, { recursive: true });
  const settings: VigilSettings = { ...opts.settings, databaseUrl: opts.databaseUrl, publicUrl: url };
  const web = new ManagedProcess(webSpec("single-web", opts.port, settings));
  const worker = new ManagedProcess(workerSpec("single-worker", settings));
  const stop = async () => {
    await Promise.all([web.stop(), worker.stop()]);
  };
  try {
    await startAll([web, worker], opts.log);
    const api = apiClient(url, opts.settings.apiKey);
    const pool = readPool(opts.databaseUrl);
    const began = Date.now();
    const seed: StoredPrediction[] = [];
    const rest: StoredPrediction[][] = [];
    for await (const page of predictionPages(opts.source, 5000)) {
      seed.push(...page.filter((p) => opts.isSeed(p.id)));
      rest.push(page.filter((p) => !opts.isSeed(p.id)));
    }
    const { shadowId } = await configureModel(api, seed, opts.experimentStart);
    for (const page of rest) await sendAll(api, "predictions", page);
    await sendAll(api, "labels", await allLabels(opts.source));
    await sendAll(api, "events", await allEvents(opts.source));
    await api.post(`/api/v1/shadows/${shadowId}/backfill`, {
      from: new Date(opts.backfill.from).toISOString(),
      to: new Date(opts.backfill.to).toISOString(),
    });
    const ingestMs = Date.now() - began;
    opts.log(`single-process run: rows sent in ${(ingestMs / 1000).toFixed(1)} s, waiting until idle`);
    const drainMs = await waitDrained(pool, shadowId, opts.drainTimeoutMs, (m) =>
      opts.log(`single-process run: ${m}`),
    );
    const crashes = () => [...web.unexpectedExits, ...worker.unexpectedExits];
    return { api, pool, shadowId, ingestMs, drainMs, crashes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
