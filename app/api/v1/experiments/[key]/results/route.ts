import { getExperimentResults } from "@/lib/experiments/routes";

export const GET = getExperimentResults;
