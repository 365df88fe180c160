// POST /api/v1/models/{model}/shadows: a multipart upload (`file`: the .onnx model, `config`: JSON). The body is
// read up to VIGIL_MAX_MODEL_BYTES (+1 MiB for the config and multipart framing) before it is parsed, so an
// oversized upload is refused (413) without being buffered whole. The model is loaded with onnxruntime from
// the bytes (422 when it cannot be), the config is checked against its signature (422 naming the tensor or
// field), and only then is the file stored (content-addressed) and the Shadow row written.
import type { Database } from "../db/client";
import { HttpError } from "../http/errors";
import { describeIssues } from "../ingest/validate-batch";
import { shadowConfigSchema } from "./config";
import { checkConfig, MappingError, ModelLoadError, signatureOf } from "./signature";
import { assertNameFree, insertShadow, modelNamed, type ShadowInfo, storeModelFile } from "./store";

/** Room for the config field and the multipart boundaries and headers on top of the file's limit. */
export const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

const tooLarge = (maxBytes: number) =>
  new HttpError(413, `the model file exceeds ${maxBytes} bytes (VIGIL_MAX_MODEL_BYTES)`);

async function readLimited(body: ReadableStream<Uint8Array>, limit: number, maxBytes: number) {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks, size);
}

export interface ShadowUpload {
  file: Uint8Array;
  fileName: string;
  config: string;
}

/** Reads and splits the multipart body: 415 not multipart, 413 too large, 400 a field missing. */
export async function readShadowUpload(req: Request, maxBytes: number): Promise<ShadowUpload> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType))
    throw new HttpError(
      415,
      `Content-Type "${contentType.slice(0, 60) || "none"}" is not supported; send multipart/form-data with the fields file (the .onnx model) and config (JSON)`,
    );
  const limit = maxBytes + MULTIPART_OVERHEAD_BYTES;
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(maxBytes);
  if (!req.body) throw new HttpError(400, "request body is empty; expected the fields file and config");
  const bytes = await readLimited(req.body, limit, maxBytes);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch (error) {
    throw new HttpError(400, `malformed multipart body: ${(error as Error).message}`);
  }
  const file = form.get("file");
  if (file === null) throw new HttpError(400, "file is required: the .onnx model, as a multipart file field");
  if (typeof file === "string")
    throw new HttpError(400, "file must be a file upload (filename=…), not a text field");
  if (file.size > maxBytes) throw tooLarge(maxBytes);
  if (file.size === 0) throw new HttpError(400, "file is empty");
  const config = form.get("config");
  if (config === null) throw new HttpError(400, "config is required: the shadow's configuration as JSON");
  return {
    file: new Uint8Array(await file.arrayBuffer()),
    fileName: file.name,
    config: typeof config === "string" ? config : await config.text(),
  };
}

/** Validates and stores an upload; the new shadow (201 for the route). */
export async function createShadow(
  database: Database,
  modelName: string,
  req: Request,
  maxBytes: number,
): Promise<ShadowInfo> {
  const model = await modelNamed(database, modelName); // an unknown model is 404 whatever the body
  const upload = await readShadowUpload(req, maxBytes);

  let json: unknown;
  try {
    json = JSON.parse(upload.config);
  } catch (error) {
    throw new HttpError(400, `config: malformed JSON: ${(error as Error).message}`);
  }
  const parsed = shadowConfigSchema.safeParse(json);
  if (!parsed.success) throw new HttpError(422, `config: ${describeIssues(parsed.error)}`);
  const config = parsed.data;
  await assertNameFree(database, model, config.name);

  let signature: Awaited<ReturnType<typeof signatureOf>>;
  try {
    signature = await signatureOf(upload.file, config.executionProvider);
  } catch (error) {
    if (error instanceof ModelLoadError) throw new HttpError(422, error.message);
    throw error;
  }
  try {
    checkConfig(config, signature);
  } catch (error) {
    if (error instanceof MappingError)
      throw new HttpError(422, `the config does not fit the model: ${error.message}`, {
        problems: error.problems,
        signature,
      });
    throw error;
  }

  const stored = await storeModelFile(upload.file);
  const shadow = await insertShadow(database, model, {
    name: config.name,
    sha256: stored.sha256,
    bytes: stored.bytes,
    config,
    signature,
  });
  // A DELETE of another shadow with the same file may have removed it between the two steps: write it again.
  await storeModelFile(upload.file);
  return shadow;
}
