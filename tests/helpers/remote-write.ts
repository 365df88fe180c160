// Builds remote-write 1.0 bodies the way Prometheus does (protobuf WriteRequest, snappy block), byte by byte
// where a test needs what an encoder would not produce (stale-marker NaN bits, invalid UTF-8).
import protobuf from "protobufjs";
import { compressSync } from "snappy";

export type RwLabel = [name: string | Uint8Array, value: string | Uint8Array];
export type RwSample = [ts: number, value: number | "stale"];
export interface RwSeries {
  labels: RwLabel[];
  samples: RwSample[];
}

const bytes = (s: string | Uint8Array) => (typeof s === "string" ? Buffer.from(s, "utf8") : s);

/** The protobuf bytes of a WriteRequest (uncompressed). */
export function encodeWriteRequest(series: RwSeries[]): Uint8Array {
  const w = protobuf.Writer.create();
  for (const s of series) {
    w.uint32((1 << 3) | 2).fork();
    for (const [name, value] of s.labels) {
      w.uint32((1 << 3) | 2).fork();
      w.uint32((1 << 3) | 2).bytes(bytes(name));
      w.uint32((2 << 3) | 2).bytes(bytes(value));
      w.ldelim();
    }
    for (const [ts, value] of s.samples) {
      w.uint32((2 << 3) | 2).fork();
      w.uint32((1 << 3) | 1);
      if (value === "stale")
        w.fixed32(0x00000002).fixed32(0x7ff00000); // Prometheus' StaleNaN bits
      else w.double(value);
      w.uint32((2 << 3) | 0).int64(ts);
      w.ldelim();
    }
    w.ldelim();
  }
  return w.finish();
}

/** A request body as Prometheus sends it: the WriteRequest, snappy block-compressed. */
export function remoteWriteBody(series: RwSeries[]): Buffer {
  return compressSync(Buffer.from(encodeWriteRequest(series)));
}

export const REMOTE_WRITE_HEADERS = {
  "content-type": "application/x-protobuf",
  "content-encoding": "snappy",
  "x-prometheus-remote-write-version": "0.1.0",
};
