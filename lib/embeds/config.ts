// Embed settings from the environment: the signing secret, the previous one while rotating, the token lifetime.
// Embeds are off, with a message that says how to turn them on, until VIGIL_EMBED_SECRET is set.
import { env } from "../config/env";
import { HttpError } from "../http/errors";

export interface EmbedKeys {
  /** signs and verifies */
  current: string;
  /** verifies only: tokens signed before a rotation keep working until they expire */
  previous?: string;
  ttlSeconds: number;
}

export const EMBEDS_DISABLED_MESSAGE =
  "embeds are disabled: set VIGIL_EMBED_SECRET (at least 32 bytes, e.g. `openssl rand -base64 48`) and restart";

/** The keys, or null when embeds are off. */
export function embedKeys(): EmbedKeys | null {
  const settings = env();
  if (!settings.VIGIL_EMBED_SECRET) return null;
  return {
    current: settings.VIGIL_EMBED_SECRET,
    previous: settings.VIGIL_EMBED_SECRET_PREVIOUS,
    ttlSeconds: settings.VIGIL_EMBED_TTL_SECONDS,
  };
}

/** The keys, or a 503 that says how to enable embeds. */
export function requireEmbedKeys(): EmbedKeys {
  const keys = embedKeys();
  if (!keys) throw new HttpError(503, EMBEDS_DISABLED_MESSAGE);
  return keys;
}
