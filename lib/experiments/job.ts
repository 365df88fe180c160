// The experiment-results job (`experiment-results:<experimentId>`): recomputes the results from raw rows,
// stores them as the experiment's snapshot and writes the vigil_experiment_* series at computedAt, in one
// transaction. While the experiment runs (and its end is not reached) the job marks itself again for
// VIGIL_EXPERIMENT_REFRESH_SECONDS later — first, so a PATCH during the computation still triggers a rerun.
import { env } from "../config/env";
import type { Database } from "../db/client";
import { type ExperimentResultsPayload, markExperimentResults } from "../jobs/mark";
import { pointStatements } from "../series/store";
import { collect } from "./collect";
import { buildResults } from "./results";
import type { ExperimentResults } from "./schemas";
import { experimentPoints } from "./series";
import { definitionOf, infoOf } from "./store";

type Row = Parameters<typeof definitionOf>[0];

/** Computes (without storing) the results of the experiment as of `now`. */
export async function computeResults(
  database: Database,
  row: Row,
  now = Date.now(),
): Promise<ExperimentResults> {
  const experiment = definitionOf(row);
  const from = experiment.startAt;
  const to = Math.max(from, Math.min(experiment.endAt ?? now, now));
  const collected = await collect(database, experiment, { from, to });
  return buildResults({ experiment, info: infoOf(row), collected, from, to, computedAt: now });
}

/** Computes, then stores the snapshot and the series points together. */
export async function refreshResults(
  database: Database,
  row: Row,
  now = Date.now(),
): Promise<ExperimentResults> {
  const results = await computeResults(database, row, now);
  const { raw } = database;
  await raw.batch([
    {
      sql: `INSERT INTO "ExperimentSnapshot" ("experimentId","computedAt","results") VALUES (?,?,?)
            ON CONFLICT ("experimentId") DO UPDATE SET "computedAt" = excluded."computedAt", "results" = excluded."results"`,
      params: [row.id, raw.time(now), JSON.stringify(results)],
    },
    ...(await pointStatements(database, experimentPoints(results, now))),
  ]);
  return results;
}

export const isLive = (row: { status: string; endAt: Date | null }, now: number) =>
  row.status === "running" && (row.endAt === null || row.endAt.getTime() > now);

export async function runExperimentJob(
  database: Database,
  payload: ExperimentResultsPayload,
  now = Date.now(),
): Promise<ExperimentResults | null> {
  const row = await database.db.experiment.findUnique({
    where: { id: payload.experimentId },
    include: { model: { select: { name: true } } },
  });
  if (!row) return null; // deleted since the job was marked
  if (isLive(row, now)) {
    const notBefore = now + env().VIGIL_EXPERIMENT_REFRESH_SECONDS * 1000;
    await database.raw.batch(markExperimentResults(database.raw, row.id, notBefore, now));
  }
  return refreshResults(database, row, now);
}
