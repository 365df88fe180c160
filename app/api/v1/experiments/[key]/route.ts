import { deleteExperimentRoute, getExperiment, patchExperimentRoute } from "@/lib/experiments/routes";

export const GET = getExperiment;
export const PATCH = patchExperimentRoute;
export const DELETE = deleteExperimentRoute;
