// The framing allow-list: which sites may put Vigil's embed pages in an iframe. Each entry is an origin
// (`https://portal.example.com`, `http://localhost:8080`) or a wildcard subdomain (`https://*.example.com`).
// Pure: used to build the CSP header (proxy.ts), to validate the admin's input, and by the embed page to decide
// which parent window it trusts with postMessage.
import { z } from "zod";

export const FRAME_ANCESTORS_SETTING = "embed.frameAncestors";
export const MAX_FRAME_ANCESTORS = 50;

// Scheme, host (optionally "*." first), optional port or ":*". Nothing else: no path, quote, space or ";",
// so an entry can never add a directive to the header it goes into.
const ORIGIN =
  /^(https?):\/\/(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/;

/** Lower-cases and drops a trailing slash; the result is then checked against ORIGIN. */
export function normalizeOrigin(entry: string): string {
  return entry.trim().toLowerCase().replace(/\/$/, "");
}

export const frameOrigin = z
  .string()
  .max(300)
  .transform(normalizeOrigin)
  .refine((v) => ORIGIN.test(v) && portInRange(v), {
    message:
      "must be an origin like https://portal.example.com, http://localhost:8080 or https://*.example.com",
  });

export const frameAncestorsInput = z
  .array(frameOrigin)
  .max(MAX_FRAME_ANCESTORS)
  .transform((list) => [...new Set(list)]);

function portInRange(origin: string): boolean {
  const port = ORIGIN.exec(origin)?.[4];
  return port === undefined || port === "*" || (Number(port) >= 1 && Number(port) <= 65535);
}

/**
 * The frame-ancestors source list: Vigil itself ('self', for the share dialog's preview) and the allow-list.
 * Entries that are not valid origins are skipped (the setting is validated on save; this guards a hand-edited row).
 */
export function frameAncestorsDirective(origins: readonly string[]): string {
  const valid = origins.map(normalizeOrigin).filter((o) => ORIGIN.test(o) && portInRange(o));
  return ["'self'", ...valid].join(" ");
}

function defaultPort(scheme: string): string {
  return scheme === "https" ? "443" : "80";
}

/**
 * Whether `origin` (a browser's MessageEvent.origin, e.g. "https://app.example.com:8443") is covered by an entry
 * of the allow-list, with CSP's matching rules: same scheme (http entries also cover https), host equal or a
 * subdomain for "*.", port equal (default ports implied) or any for ":*".
 */
export function originAllowed(origin: string, allowList: readonly string[], self?: string): boolean {
  if (self && origin === self) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const scheme = url.protocol.replace(":", "");
  if (scheme !== "http" && scheme !== "https") return false;
  const port = url.port || defaultPort(scheme);
  return allowList.some((entry) => {
    const m = ORIGIN.exec(normalizeOrigin(entry));
    if (!m) return false;
    const [, entryScheme, wildcard, host, entryPort] = m;
    if (entryScheme !== scheme && !(entryScheme === "http" && scheme === "https")) return false;
    if (entryPort !== "*" && (entryPort ?? defaultPort(entryScheme!)) !== port) {
      // An http entry upgraded to https keeps matching on the default ports.
      if (!(entryPort === undefined && entryScheme === "http" && scheme === "https" && port === "443"))
        return false;
    }
    return wildcard ? url.hostname.endsWith(`.${host}`) : url.hostname === host;
  });
}
