import { getDashboards, postDashboard } from "@/lib/dashboards/routes";

export const GET = getDashboards;
export const POST = postDashboard;
