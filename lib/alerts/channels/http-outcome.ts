// How an HTTP receiver's answer maps to a delivery outcome. Slack's incoming webhooks answer 400
// invalid_payload, 403 action_prohibited, 404 no_service / channel_not_found, 410 channel_is_archived for
// things retrying cannot fix; 429 asks to slow down (Retry-After); 5xx and network errors are passing trouble.
import type { DeliveryOutcome } from "./types";
import { parseRetryAfter } from "./types";

export function httpOutcome(
  status: number,
  body: string,
  retryAfter: string | string[] | undefined,
  permanent: (status: number) => boolean,
): DeliveryOutcome {
  const detail = `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ""}`;
  if (status >= 200 && status < 300) return { kind: "sent", detail };
  if (status === 429 || status >= 500 || status === 408)
    return { kind: "retry", detail, retryAfterMs: parseRetryAfter(retryAfter) };
  if (permanent(status)) return { kind: "permanent", detail };
  return { kind: "retry", detail, retryAfterMs: parseRetryAfter(retryAfter) };
}

/** Slack: the four answers its documentation lists as errors the sender must fix. */
export const slackPermanent = (status: number) => [400, 403, 404, 410].includes(status);

/** A generic webhook: any other 4xx means the request itself is wrong. */
export const webhookPermanent = (status: number) => status >= 400 && status < 500;
