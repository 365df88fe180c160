import { importDashboardRoute } from "@/lib/dashboards/routes";

export const POST = importDashboardRoute;
