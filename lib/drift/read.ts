// Read path of GET /api/v1/models/{model}/drift: the reference (given, pinned or default) against the current
// range. Exact on raw rows when both ranges together hold at most VIGIL_DRIFT_EXACT_ROWS predictions, else from
// the daily and hourly sketches (ranges rounded out to whole hours; error bounds in docs/drift.md).
import { env } from "../config/env";
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { type ColumnRole, columnId, SERIES_COLUMN } from "./columns";
import { type ColumnDrift, columnType, computeDrift, type DriftMethod } from "./compute";
import { parseDriftConfig } from "./config";
import { type DistributionBin, distributionBins } from "./distribution";
import { type Reference, resolveReference } from "./reference";
import { referenceColumns, referenceRowCount } from "./reference-columns";
import { SKETCH_RELATIVE_ACCURACY } from "./sketch";
import { countRows } from "./sketch-store";
import type { ColumnType, StatTestName } from "./stattests";

export interface DriftQuery {
  model: string;
  version?: string;
  from: number;
  to: number;
  referenceFrom?: number;
  referenceTo?: number;
  stattest?: StatTestName;
}

type Column = Omit<ColumnDrift, "role">;

export interface DriftReport {
  model: string;
  version: string | null;
  reference: {
    from: string | null;
    to: string | null;
    profile: string | null;
    source: Reference["source"];
    rows: number;
  } | null;
  current: { from: string; to: string; rows: number };
  method: DriftMethod;
  /** Sketch path: the log histograms' relative accuracy (narrow offset data use a finer grid: docs/drift.md). */
  relativeAccuracy: number | null;
  features: Column[];
  prediction: Column | null;
  score: Column | null;
  label: Column | null;
  driftShare: number;
  datasetDrift: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();
const strip = ({ role: _role, ...rest }: ColumnDrift): Column => rest;

/** Everything a drift answer is computed from: model, settings, both ranges and their columns. */
async function driftInputs(database: Database, q: DriftQuery) {
  const model = await database.db.model.findUnique({ where: { name: q.model } });
  if (!model) throw new HttpError(404, `model "${q.model}" not found`);
  let versionId: number | null = null;
  if (q.version) {
    const v = await database.db.modelVersion.findUnique({
      where: { modelId_name: { modelId: model.id, name: q.version } },
    });
    if (!v) throw new HttpError(404, `model "${q.model}" has no version "${q.version}"`);
    versionId = v.id;
  }
  if ((q.referenceFrom === undefined) !== (q.referenceTo === undefined))
    throw new HttpError(400, "referenceFrom and referenceTo go together: give both or neither");
  if (q.referenceFrom !== undefined && q.referenceFrom >= q.referenceTo!)
    throw new HttpError(400, "referenceFrom must be before referenceTo");

  const config = parseDriftConfig(model.driftConfig);
  const reference: Reference | null =
    q.referenceFrom !== undefined
      ? { kind: "window", from: q.referenceFrom, to: q.referenceTo!, versionId, source: "query" }
      : await resolveReference(database, model.id, versionId, config);
  const current = { from: q.from, to: q.to, versionId };
  const currentRows = await countRows(database, model.id, current);
  const referenceRows = reference ? await referenceRowCount(database, model.id, reference) : 0;
  // An uploaded reference exists only as sketches; a window is exact while small enough (0: never).
  const limit = env().VIGIL_DRIFT_EXACT_ROWS;
  const method: DriftMethod =
    reference?.kind !== "profile" && limit > 0 && referenceRows + currentRows <= limit ? "exact" : "sketch";
  const refColumns = reference ? await referenceColumns(database, model.id, reference, method) : new Map();
  // The current range read like a window reference: raw rows on the exact path, sketches otherwise.
  const currentColumns = await referenceColumns(
    database,
    model.id,
    { kind: "window", ...current, source: "query" },
    method,
  );
  return {
    model,
    config,
    reference,
    referenceRows,
    currentRows,
    method,
    referenceColumns: refColumns,
    currentColumns,
  };
}

export async function readDrift(database: Database, q: DriftQuery): Promise<DriftReport> {
  const { model, config, reference, referenceRows, currentRows, method, referenceColumns, currentColumns } =
    await driftInputs(database, q);
  const result = computeDrift(referenceColumns, currentColumns, config, method, { stattest: q.stattest });
  const one = (role: ColumnDrift["role"]) => {
    const c = result.columns.find((x) => x.role === role);
    return c ? strip(c) : null;
  };
  return {
    model: model.name,
    version: q.version ?? null,
    reference: !reference
      ? null
      : reference.kind === "profile"
        ? { from: null, to: null, profile: reference.name, source: reference.source, rows: referenceRows }
        : {
            from: iso(reference.from),
            to: iso(reference.to),
            profile: null,
            source: reference.source,
            rows: referenceRows,
          },
    current: { from: iso(q.from), to: iso(q.to), rows: currentRows },
    method,
    relativeAccuracy: method === "sketch" ? SKETCH_RELATIVE_ACCURACY : null,
    features: result.columns.filter((c) => c.role === "feature").map(strip),
    prediction: one("prediction"),
    score: one("score"),
    label: one("label"),
    driftShare: result.driftShare,
    datasetDrift: result.datasetDrift,
  };
}

export interface DistributionReport {
  feature: string;
  type: ColumnType;
  method: DriftMethod;
  bins: DistributionBin[];
}

/** GET …/drift/distribution: one feature's reference and current distributions on shared bins. */
export async function readDistribution(
  database: Database,
  q: DriftQuery & { feature: string },
): Promise<DistributionReport> {
  const inputs = await driftInputs(database, q);
  const { config, method } = inputs;
  // The series' names of the non-feature columns select them here too.
  const special = Object.entries(SERIES_COLUMN).find(
    ([role, name]) => role !== "feature" && name(q.feature) === q.feature,
  );
  const id = columnId(
    special ? { role: special[0] as ColumnRole, name: "" } : { role: "feature", name: q.feature },
  );
  const ref = inputs.referenceColumns.get(id);
  const cur = inputs.currentColumns.get(id);
  if (!ref && !cur)
    throw new HttpError(404, `model "${q.model}" has no feature "${q.feature}" in these ranges`);
  const type = columnType(ref, cur, config.columns?.[q.feature]?.type);
  return { feature: q.feature, type, method, bins: distributionBins(type, ref, cur) };
}
