// Reads a JSON request body with a byte limit, so an oversized body is refused before it is buffered whole.
import { HttpError } from "./errors";

export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type))
    throw new HttpError(415, `content-type must be application/json (got "${type.slice(0, 60) || "none"}")`);
  const tooLarge = () =>
    new HttpError(413, `request body exceeds ${maxBytes} bytes (VIGIL_MAX_BODY_BYTES); split the batch`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (!req.body) throw new HttpError(400, "request body is empty; expected a JSON object");
  const reader = req.body.getReader();
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
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new HttpError(400, "request body is empty; expected a JSON object");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `malformed JSON: ${(error as Error).message}`);
  }
}
