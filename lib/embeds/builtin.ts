// GET /api/embed/builtin: the data of a built-in panel (confusion matrix, drift table, shadow verdict,
// experiment summary) the token covers, read with the panel's stored fields ($model etc. filled from the
// token's locked values and the viewer's editable ones) — the answer the dashboard page builds from the v1 endpoint it mirrors.
import type { DriftResponse } from "../charts/drift";
import type { ShadowComparison } from "../charts/shadow";
import type { PanelResponse } from "../dashboards/panel-query";
import { interpolateText } from "../dashboards/variables";
import type { Database } from "../db/client";
import { readDrift } from "../drift/read";
import { refreshResults } from "../experiments/job";
import { experimentRow, readSnapshot } from "../experiments/store";
import { HttpError } from "../http/errors";
import { readQuality } from "../rollups/quality-read";
import { readComparison } from "../shadow/comparison";
import { type OpenedEmbed, scopedPanel } from "./authorize";
import { resolveEmbedParams } from "./params";

export async function runEmbedBuiltin(
  database: Database,
  opened: OpenedEmbed,
  query: URLSearchParams,
  nowMs = Date.now(),
): Promise<PanelResponse> {
  const panelId = query.get("panel");
  if (!panelId) throw new HttpError(400, "panel: the panel's id is required");
  const panel = scopedPanel(opened, panelId);
  if (!panel.builtin) throw new HttpError(400, `panel: "${panelId}" is not a built-in panel`);
  const { resolved, values } = resolveEmbedParams(opened.claims, opened.dashboard.definition, query, nowMs);
  // Built-in fields are names (a model, a version), not PromQL: filled as plain text, then looked up exactly.
  const field = (text: string | undefined) => {
    if (text === undefined || text === "") return undefined;
    const filled = interpolateText(text, values);
    if (filled.includes("$"))
      throw new HttpError(400, `panel "${panelId}": ${text} has no value in this embed`);
    return filled;
  };
  const b = panel.builtin;
  const range = { from: resolved.fromMs, to: resolved.toMs };
  switch (b.kind) {
    case "confusion-matrix":
      return {
        kind: b.kind,
        quality: await readQuality(database, {
          model: field(b.model)!,
          version: field(b.version),
          window: "all",
          ...range,
        }),
      };
    case "drift-table":
      return {
        kind: b.kind,
        drift: (await readDrift(database, {
          model: field(b.model)!,
          version: field(b.version),
          ...range,
        })) as DriftResponse,
      };
    case "shadow-verdict": {
      const model = await database.db.model.findUnique({ where: { name: field(b.model)! } });
      const shadow = model
        ? await database.db.shadow.findFirst({ where: { modelId: model.id, name: field(b.shadow)! } })
        : null;
      if (!shadow) throw new HttpError(404, `no shadow "${field(b.shadow)}" of model "${field(b.model)}"`);
      return {
        kind: b.kind,
        comparison: (await readComparison(database, { id: shadow.id, ...range })) as ShadowComparison,
      };
    }
    case "experiment-summary": {
      const row = await experimentRow(database, field(b.experiment)!);
      const results = (await readSnapshot(database, row.id)) ?? (await refreshResults(database, row));
      return { kind: b.kind, results };
    }
  }
}
