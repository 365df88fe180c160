// A request that got no HTTP answer: refused by the outbound address policy (permanent until an
// administrator allows the host), or a network error / timeout (retry).
import { HttpError } from "../../http/errors";
import type { DeliveryOutcome } from "./types";

export function outboundFailure(error: unknown): DeliveryOutcome {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof HttpError && error.status === 403) return { kind: "permanent", detail: message };
  return { kind: "retry", detail: message, retryAfterMs: null };
}
