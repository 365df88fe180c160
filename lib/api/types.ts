// Response types of the v1 API, derived from the zod schemas in contract.ts (type-only: safe to import
// from client components, it brings no server code along).
import type { z } from "zod";
import type { contract, qualityResponse, qualityWindowSchema } from "./contract";

export type Task = "binary" | "multiclass" | "regression";
export type QualityResponse = z.infer<typeof qualityResponse>;
export type QualityWindowRow = z.infer<typeof qualityWindowSchema>;
export type QualityWindow = QualityResponse["window"];
export type ConfusionMatrix = NonNullable<QualityWindowRow["confusionMatrix"]>;
export type ModelsResponse = z.infer<typeof contract.listModels.response>;
export type ModelSummary = ModelsResponse["models"][number];
export type ModelVersionSummary = ModelSummary["versions"][number];
export type VolumeBucket = ModelSummary["volume"][number];
export type Health = ModelSummary["health"];
export type IngestResponse = z.infer<typeof contract.postPredictions.response>;
export type DataSourceList = z.infer<typeof contract.listDataSources.response>;
