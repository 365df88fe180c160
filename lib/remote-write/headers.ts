// Content negotiation of a remote-write 1.0 request (POST /api/v1/write), before its body is read.
// Rules: Remote-Write spec 1.0 (headers) and 2.0 ("Unsupported Request Content": 415 for a content type or
// encoding the receiver does not support, so a 2.0 sender may retry with prometheus.WriteRequest).
import { RemoteWriteError } from "./errors";

const V1_MESSAGE = "prometheus.WriteRequest";
const V2_MESSAGE = "io.prometheus.write.v2.Request";
const V2_HINT = `remote write 2.0 (${V2_MESSAGE}) is not supported; configure the sender with protobuf_message: ${V1_MESSAGE}`;

/**
 * Throws RemoteWriteError(415) unless the headers describe a remote-write 1.0 body:
 * - `Content-Encoding: snappy` (required);
 * - `Content-Type: application/x-protobuf`, optionally with `proto=prometheus.WriteRequest`; a missing
 *   Content-Type is taken as 1.0, as Prometheus's own receiver does;
 * - `X-Prometheus-Remote-Write-Version`, when present, 0.1.x (Prometheus sends 0.1.0 with 1.0 messages and
 *   2.0.0 with 2.0 ones; some senders omit it).
 */
export function checkRemoteWriteHeaders(headers: Headers): void {
  const encoding = headers.get("content-encoding")?.trim() ?? "";
  if (encoding.toLowerCase() !== "snappy")
    throw new RemoteWriteError(
      415,
      encoding === ""
        ? "Content-Encoding header is missing; remote write bodies must be sent with Content-Encoding: snappy"
        : `Content-Encoding ${quote(encoding)} is not supported; expected Content-Encoding: snappy`,
    );

  const contentType = headers.get("content-type")?.trim() ?? "";
  if (contentType !== "") {
    const [mediaType = "", ...params] = contentType.split(";");
    if (mediaType.trim().toLowerCase() !== "application/x-protobuf")
      throw new RemoteWriteError(
        415,
        `Content-Type ${quote(contentType)} is not supported; expected Content-Type: application/x-protobuf`,
      );
    for (const param of params) {
      const eq = param.indexOf("=");
      if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== "proto") continue;
      const proto = unquote(param.slice(eq + 1).trim());
      if (proto === V1_MESSAGE) continue;
      throw new RemoteWriteError(
        415,
        proto === V2_MESSAGE
          ? V2_HINT
          : `Content-Type ${quote(contentType)} names protobuf message ${quote(proto)}; only ${V1_MESSAGE} is supported`,
      );
    }
  }

  const version = headers.get("x-prometheus-remote-write-version")?.trim();
  if (version !== undefined && version !== "" && !/^0\.1(\.\d+)?$/.test(version))
    throw new RemoteWriteError(
      415,
      /^2(\.|$)/.test(version)
        ? `X-Prometheus-Remote-Write-Version ${quote(version)}: ${V2_HINT}`
        : `X-Prometheus-Remote-Write-Version ${quote(version)} is not supported; this receiver implements remote write 1.0 (version 0.1.0)`,
    );
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

/** Header values come from the client: shown quoted and cut short. */
function quote(s: string): string {
  return JSON.stringify(s.length > 100 ? `${s.slice(0, 100)}…` : s);
}
