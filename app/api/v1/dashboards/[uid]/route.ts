import { deleteDashboardRoute, getDashboardRoute, putDashboard } from "@/lib/dashboards/routes";

export const GET = getDashboardRoute;
export const PUT = putDashboard;
export const DELETE = deleteDashboardRoute;
