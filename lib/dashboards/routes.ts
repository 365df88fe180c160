// The dashboard endpoints (app/api/v1/dashboards/**): thin wrappers over store.ts, each change audited.
import { contract } from "../api/contract";
import { recordAudit } from "../audit/record";
import { readJsonBody } from "../http/body";
import { handle, json } from "../http/handler";
import { createBody, exportFile, updateBody } from "./schema";
import {
  createDashboard,
  deleteDashboard,
  exportOf,
  getDashboard,
  importDashboard,
  listDashboards,
  updateDashboard,
} from "./store";
import { parseDashboardBody } from "./validate";

/** A full dashboard (50 panels × 10 queries of up to 10 KB) fits. */
const BODY_LIMIT = 8 * 1024 * 1024;

const counts = (d: { panels: unknown[]; variables: unknown[] }) => ({
  panels: d.panels.length,
  variables: d.variables.length,
});

export const getDashboards = handle(contract.listDashboards, async ({ database, query }) => ({
  dashboards: await listDashboards(database, query.search),
}));

export const postDashboard = handle(contract.createDashboard, async ({ req, database, principal }) => {
  const body = parseDashboardBody(createBody, await readJsonBody(req, BODY_LIMIT));
  const dashboard = await createDashboard(database, principal, body);
  await recordAudit(database, principal, {
    action: "dashboard.create",
    targetType: "dashboard",
    targetId: dashboard.uid,
    summary: `created dashboard "${dashboard.title}"`,
    details: counts(dashboard.definition),
  });
  return json({ dashboard }, 201);
});

export const getDashboardRoute = handle(contract.getDashboard, async ({ database, params }) => ({
  dashboard: await getDashboard(database, params.uid),
}));

export const putDashboard = handle(contract.updateDashboard, async ({ req, database, principal, params }) => {
  const body = parseDashboardBody(updateBody, await readJsonBody(req, BODY_LIMIT));
  const dashboard = await updateDashboard(database, params.uid, body);
  await recordAudit(database, principal, {
    action: "dashboard.update",
    targetType: "dashboard",
    targetId: dashboard.uid,
    summary: `saved dashboard "${dashboard.title}" (version ${dashboard.version})`,
    details: { version: dashboard.version, ...counts(dashboard.definition) },
  });
  return { dashboard };
});

export const deleteDashboardRoute = handle(
  contract.deleteDashboard,
  async ({ database, principal, params }) => {
    const removed = await deleteDashboard(database, params.uid);
    await recordAudit(database, principal, {
      action: "dashboard.delete",
      targetType: "dashboard",
      targetId: removed.uid,
      summary: `removed dashboard "${removed.title}"`,
      details: { version: removed.version },
    });
    return { ok: true as const };
  },
);

/** A file name from the title: letters, digits and dashes only (safe in a Content-Disposition header). */
function fileName(title: string, uid: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "dashboard"}-${uid.replace(/[^A-Za-z0-9_-]/g, "")}.json`;
}

export const exportDashboardRoute = handle(contract.exportDashboard, async ({ database, params }) => {
  const dashboard = await getDashboard(database, params.uid);
  return new Response(`${JSON.stringify(exportOf(dashboard), null, 2)}\n`, {
    status: 200,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName(dashboard.title, dashboard.uid)}"`,
      "cache-control": "no-store",
    },
  });
});

export const importDashboardRoute = handle(
  contract.importDashboard,
  async ({ req, database, principal, query }) => {
    const file = parseDashboardBody(exportFile, await readJsonBody(req, BODY_LIMIT));
    const { dashboard, created } = await importDashboard(
      database,
      principal,
      file,
      query.overwrite === "true",
    );
    await recordAudit(database, principal, {
      action: "dashboard.import",
      targetType: "dashboard",
      targetId: dashboard.uid,
      summary: created
        ? `imported dashboard "${dashboard.title}"`
        : `imported dashboard "${dashboard.title}" over the existing one (version ${dashboard.version})`,
      details: { created, version: dashboard.version, ...counts(dashboard.definition) },
    });
    return json({ dashboard, created }, created ? 201 : 200);
  },
);
