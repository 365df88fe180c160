import { exportDashboardRoute } from "@/lib/dashboards/routes";

export const GET = exportDashboardRoute;
