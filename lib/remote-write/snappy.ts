// Snappy *block* format (what remote write sends with Content-Encoding: snappy; not the framed format).
// The block starts with the uncompressed length as a varint: it is read and checked against the limit first,
// so a small body that declares gigabytes is refused before anything is allocated.
import { uncompressSync } from "snappy";
import { RemoteWriteError } from "./errors";

export const DEFAULT_MAX_DECODED_BYTES = 64 * 1024 * 1024;

/** The uncompressed length a snappy block declares, or null when its header is not a valid varint32. */
export function snappyDeclaredLength(block: Uint8Array): number | null {
  let value = 0;
  for (let i = 0; i < 5 && i < block.length; i++) {
    const b = block[i]!;
    value += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) return i === 4 && b > 0x0f ? null : value;
  }
  return null;
}

/** Decompresses a snappy block; RemoteWriteError 400 when it is not one, 413 when it declares > maxDecodedBytes. */
export function decompressSnappyBlock(
  body: Uint8Array,
  maxDecodedBytes: number = DEFAULT_MAX_DECODED_BYTES,
): Buffer {
  if (body.length === 0) throw new RemoteWriteError(400, "request body is empty; expected snappy block data");
  const declared = snappyDeclaredLength(body);
  if (declared === null)
    throw new RemoteWriteError(400, "body is not valid snappy block data: invalid length header");
  if (declared > maxDecodedBytes)
    throw new RemoteWriteError(
      413,
      `decompressed body would be ${declared} bytes, above the limit of ${maxDecodedBytes} bytes; send smaller batches (queue_config.max_samples_per_send)`,
    );
  let out: Buffer;
  try {
    // copyOutputData: the library's default (an external buffer) decompressed at ~330 MB/s here, copying at ~1.1 GB/s.
    out = uncompressSync(body, { asBuffer: true, copyOutputData: true }) as Buffer;
  } catch (error) {
    const detail = String((error as Error)?.message ?? error).replace(/^snappy:\s*/, "");
    throw new RemoteWriteError(400, `body is not valid snappy block data: ${detail}`);
  }
  // The library checks the output against the header; this guards the limit whatever it does.
  if (out.length !== declared)
    throw new RemoteWriteError(400, "body is not valid snappy block data: length does not match its header");
  return out;
}
