// Reads a JSON request body with a byte limit, so an oversized body is refused before it is buffered whole.
import { HttpError } from "./errors";

export const bodyTooLarge = (maxBytes: number) =>
  new HttpError(413, `request body exceeds ${maxBytes} bytes (VIGIL_MAX_BODY_BYTES); split the batch`);

export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type))
    throw new HttpError(415, `content-type must be application/json (got "${type.slice(0, 60) || "none"}")`);
  const tooLarge = () => bodyTooLarge(maxBytes);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (!req.body) throw new HttpError(400, "request body is empty; expected a JSON object");
  let text: string;
  if (declared > 0) {
    // Length known and within the limit: read it whole (the fastest path for the usual batch).
    text = await req.text();
    if (Buffer.byteLength(text) > maxBytes) throw tooLarge();
  } else {
    text = await readLimited(req.body, maxBytes, tooLarge);
  }
  if (text.trim() === "") throw new HttpError(400, "request body is empty; expected a JSON object");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `malformed JSON: ${(error as Error).message}`);
  }
}

/** A binary request body (remote write), refused with 413 above the limit before it is buffered whole. */
export async function readBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw bodyTooLarge(maxBytes);
  if (!req.body) throw new HttpError(400, "request body is empty");
  const bytes = await readLimitedBytes(req.body, maxBytes, () => bodyTooLarge(maxBytes));
  if (bytes.length === 0) throw new HttpError(400, "request body is empty");
  return bytes;
}

/** Chunked upload without a length: count bytes as they come and stop at the limit. */
async function readLimited(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => HttpError,
): Promise<string> {
  return (await readLimitedBytes(body, maxBytes, tooLarge)).toString("utf8");
}

async function readLimitedBytes(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => HttpError,
): Promise<Buffer> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
