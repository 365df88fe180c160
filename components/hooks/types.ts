// Response types of the v1 HTTP API as the dashboard reads them: derived from the server's zod contract,
// so the two cannot drift apart.
export type {
  ConfusionMatrix,
  Health,
  ModelSummary,
  ModelsResponse,
  ModelVersionSummary,
  QualityResponse,
  QualityWindow,
  QualityWindowRow,
  Task,
  VolumeBucket,
} from "@/lib/api/types";
