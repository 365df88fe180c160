// The dashboard routes (docs/dashboards.md), merged into lib/api/contract.ts's `contract`.
import { z } from "zod";
import { createBody, definitionSchema, exportFile, uidSchema, updateBody } from "../dashboards/schema";

export const dashboardInfo = z.object({
  uid: z.string(),
  title: z.string(),
  version: z.number().int().describe("bumped on every save; send it back with PUT"),
  definition: definitionSchema,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const dashboardSummary = z.object({
  uid: z.string(),
  title: z.string(),
  version: z.number().int(),
  panels: z.number().int(),
  variables: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const uidParams = z.object({ uid: uidSchema });
const dashboardResponse = z.object({ dashboard: dashboardInfo });

export const dashboardRoutes = {
  listDashboards: {
    method: "GET",
    path: "/api/v1/dashboards",
    summary: "Every dashboard, the latest change first; ?search= matches the title",
    permission: "read",
    query: z.object({ search: z.string().max(200).optional() }),
    response: z.object({ dashboards: z.array(dashboardSummary) }),
  },
  createDashboard: {
    method: "POST",
    path: "/api/v1/dashboards",
    summary:
      "Create a dashboard: title, optional uid and definition (panels, variables, time, refresh; docs/dashboards.md). Every query must parse",
    permission: "edit",
    body: createBody,
    successStatus: 201,
    response: dashboardResponse,
    responses: {
      400: "invalid field, named with its path (e.g. definition.panels[3].targets[0].expr)",
      409: "a dashboard with that uid exists",
    },
  },
  getDashboard: {
    method: "GET",
    path: "/api/v1/dashboards/{uid}",
    summary: "One dashboard with its definition and version",
    permission: "read",
    params: uidParams,
    response: dashboardResponse,
    responses: { 404: "unknown dashboard" },
  },
  updateDashboard: {
    method: "PUT",
    path: "/api/v1/dashboards/{uid}",
    summary:
      "Replace title and definition; `version` is the version the change was made on (the saved version is one more)",
    permission: "edit",
    params: uidParams,
    body: updateBody,
    response: dashboardResponse,
    responses: {
      400: "invalid field, named with its path",
      404: "unknown dashboard",
      409: "stale version: someone saved since; the message says who and when ({current: {version, updatedAt, updatedBy}})",
    },
  },
  deleteDashboard: {
    method: "DELETE",
    path: "/api/v1/dashboards/{uid}",
    summary: "Remove a dashboard",
    permission: "edit",
    params: uidParams,
    response: z.object({ ok: z.literal(true) }),
    responses: { 404: "unknown dashboard" },
  },
  exportDashboard: {
    method: "GET",
    path: "/api/v1/dashboards/{uid}/export",
    summary: "The dashboard as a JSON file (Content-Disposition: attachment) that POST …/import reads back",
    permission: "read",
    params: uidParams,
    response: exportFile,
    responses: { 404: "unknown dashboard" },
  },
  importDashboard: {
    method: "POST",
    path: "/api/v1/dashboards/import",
    summary:
      "Import an exported dashboard: its uid is kept (a new one when it has none); ?overwrite=true replaces an existing dashboard with that uid",
    permission: "edit",
    query: z.object({
      overwrite: z.enum(["true", "false"], { error: "overwrite must be true or false" }).optional(),
    }),
    body: exportFile,
    response: z.object({ dashboard: dashboardInfo, created: z.boolean() }),
    responses: {
      201: "imported as a new dashboard",
      400: "invalid file, each problem named with its path",
      409: "a dashboard with the file's uid exists and overwrite is not true",
    },
  },
} as const;
