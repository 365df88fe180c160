// Request and response shapes of the shadow-model endpoints, for the route contract. Zod only (no
// onnxruntime, no database): lib/api/contract.ts imports these.

import { z } from "zod";
import { backfillInfo } from "./backfill-schemas";
import { signatureSchema } from "./signature";

export const shadowStatus = z.enum(["active", "paused"], { error: 'status must be "active" or "paused"' });

export const shadowIdParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, "id must be a positive integer")
    .transform(Number),
});

export const shadowPatchBody = z.object({ status: shadowStatus }).strict();

export const shadowInfo = z.object({
  id: z.number().int(),
  model: z.string(),
  name: z.string(),
  status: shadowStatus.describe("paused: the shadow is not run on new predictions"),
  file: z.object({
    sha256: z.string().describe("the stored file is <VIGIL_DATA_DIR>/models/<sha256>.onnx"),
    bytes: z.number().int(),
  }),
  config: z
    .record(z.string(), z.unknown())
    .describe("the config as validated, defaults filled in (docs/shadow.md)"),
  signature: signatureSchema.describe("the model's inputs and outputs as onnxruntime reports them"),
  backfill: backfillInfo.describe("the last backfill requested (POST …/backfill) and its progress"),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
