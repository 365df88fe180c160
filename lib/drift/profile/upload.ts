// POST …/models/{model}/reference: reads an uploaded reference dataset as it streams in, one sketch per
// column, and on success makes it the ready profile of its name (replacing the previous one atomically) and —
// unless ?activate=false — the model's drift reference. Bytes are counted as they arrive and the upload
// stops with 413 past VIGIL_MAX_REFERENCE_BYTES. Any failure after the upload started leaves its attempt
// "failed" with the reason (shown by GET …/reference) and the previous profile and settings as they were.
import type { Database } from "../../db/client";
import { HttpError } from "../../http/errors";
import type { DriftConfig } from "../config";
import { getDriftConfig, putDriftConfig } from "../config-store";
import { ProfileBuilder, type ProfileRoles } from "./builder";
import { ProfileInputError, readCsv, readJsonLines } from "./parse";
import { Progress } from "./progress";
import type { ActiveReference, ProfileFormat, ProfileInfo } from "./schemas";
import { cancelled, commitAttempt, failAttempt, profileById, recordProgress, startAttempt } from "./store";

export interface UploadOptions extends ProfileRoles {
  model: string;
  name: string;
  format: ProfileFormat;
  activate: boolean;
  maxBytes: number;
  /** Content-Length, when the client sent one: refused at once above maxBytes. */
  declaredBytes?: number;
}

const tooLarge = (maxBytes: number) =>
  new HttpError(
    413,
    `the reference dataset exceeds ${maxBytes} bytes (VIGIL_MAX_REFERENCE_BYTES); upload a sample of it`,
  );

/** The media types of each format (parameters such as charset ignored); undefined: not one of them. */
export function formatFromContentType(contentType: string | null): ProfileFormat | undefined {
  const type = (contentType ?? "").split(";", 1)[0]!.trim().toLowerCase();
  if (type === "text/csv") return "csv";
  if (type === "application/x-ndjson" || type === "application/jsonl" || type === "application/json-lines")
    return "jsonl";
  return undefined;
}

export function activeReference(config: DriftConfig): ActiveReference {
  const r = config.reference;
  if (!r) return { source: "default" };
  if ("profile" in r) return { source: "profile", profile: r.profile };
  return { source: "pinned", from: r.from, to: r.to, ...(r.version ? { version: r.version } : {}) };
}

/** The body's chunks, counted: 413 past the limit, progress written at most once a second. */
async function* counted(
  body: ReadableStream<Uint8Array>,
  state: { bytes: number },
  maxBytes: number,
  progress: Progress,
): AsyncGenerator<Buffer> {
  const reader = body.getReader();
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        throw new ProfileInputError(`the upload broke off (${(error as Error).message})`);
      }
      if (next.done) return;
      state.bytes += next.value.byteLength;
      if (state.bytes > maxBytes) throw tooLarge(maxBytes);
      await progress.tick();
      yield Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

export async function uploadProfile(
  database: Database,
  body: ReadableStream<Uint8Array> | null,
  opts: UploadOptions,
): Promise<{ profile: ProfileInfo; active: ActiveReference }> {
  const model = await database.db.model.findUnique({ where: { name: opts.model } });
  if (!model) throw new HttpError(404, `model "${opts.model}" not found`);
  if (opts.declaredBytes !== undefined && opts.declaredBytes > opts.maxBytes) throw tooLarge(opts.maxBytes);
  if (!body) throw new HttpError(400, "request body is empty; expected a CSV or JSON-lines file");

  const id = await startAttempt(database, model.id, opts.name, opts.format);
  const builder = new ProfileBuilder(opts);
  const state = { bytes: 0 };
  const progress = new Progress(async () => {
    if (!(await recordProgress(database, id, { bytes: state.bytes, rows: builder.rows })))
      throw cancelled(opts.name);
  });
  const source = counted(body, state, opts.maxBytes, progress);
  try {
    if (opts.format === "csv") await readCsv(source, builder.csv());
    else await readJsonLines(source, (row, line) => builder.jsonRow(row, line));
    const columns = builder.finish();
    await commitAttempt(database, {
      modelId: model.id,
      id,
      name: opts.name,
      bytes: state.bytes,
      rows: builder.rows,
      columns,
    });
  } catch (error) {
    const known = error instanceof ProfileInputError || error instanceof HttpError;
    const reason = known ? error.message : "internal error; the server log has the details";
    await failAttempt(database, id, reason, { bytes: state.bytes, rows: builder.rows }).catch((e: unknown) =>
      console.error(`[vigil] could not mark the upload of profile "${opts.name}" failed`, e),
    );
    if (error instanceof ProfileInputError)
      throw new HttpError(400, error.message, error.line === null ? {} : { line: error.line });
    throw error;
  } finally {
    await source.return(undefined).catch(() => {});
  }

  // Ready. Re-read the settings (they may have changed during the upload) and keep their other fields. When
  // this name was already the reference, writing the settings again re-marks the drift series for recomputing.
  let config = await getDriftConfig(database, opts.model);
  const pinned = config.reference && "profile" in config.reference ? config.reference.profile : undefined;
  if (opts.activate || pinned === opts.name)
    config = await putDriftConfig(database, opts.model, { ...config, reference: { profile: opts.name } });
  const profile = await profileById(database, id);
  if (!profile) throw cancelled(opts.name);
  return { profile, active: activeReference(config) };
}
