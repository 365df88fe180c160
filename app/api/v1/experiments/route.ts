import { getExperiments, postExperiment } from "@/lib/experiments/routes";

export const GET = getExperiments;
export const POST = postExperiment;
