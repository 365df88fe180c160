// What "Share → Embed" hands out: the embed page's URL, the iframe snippet, and server-side signing code for
// Node (jose) and Python (standard library) that makes tokens Vigil accepts. Pure; used by the API and the dialog.
import type { EmbedGrant, EmbedResource } from "./schemas";

export function embedPath(res: EmbedResource): string {
  const base = `/embed/d/${encodeURIComponent(res.dashboard)}`;
  return res.panel === undefined ? base : `${base}/p/${encodeURIComponent(res.panel)}`;
}

export function embedUrl(publicUrl: string, res: EmbedResource, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}${embedPath(res)}?token=${encodeURIComponent(token)}`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export function iframeSnippet(input: { url: string; title: string; height?: number }): string {
  return [
    `<iframe src="${escapeHtml(input.url)}"`,
    `  title="${escapeHtml(input.title)}"`,
    `  width="100%" height="${input.height ?? 400}" style="border:0" allowtransparency="true"`,
    `  loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>`,
  ].join("\n");
}

/** The claims as a JSON object, in the order the docs show them. */
function claimsOf(grant: EmbedGrant) {
  return {
    eid: grant.eid,
    res: grant.res,
    locked: grant.locked,
    editable: grant.editable,
    theme: grant.theme,
    title: grant.title,
  };
}

/** A literal of a JSON value in Python or JavaScript syntax: arrays on one line, objects one key a line. */
function literal(value: unknown, lang: "python" | "js", depth: number): string {
  const pad = (lang === "python" ? "    " : "  ").repeat(depth + 1);
  const end = (lang === "python" ? "    " : "  ").repeat(depth);
  if (typeof value === "boolean") return lang === "python" ? (value ? "True" : "False") : String(value);
  if (value === null || value === undefined) return lang === "python" ? "None" : "null";
  // JSON strings are valid string literals in both languages.
  if (typeof value === "string" || typeof value === "number") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, lang, depth + 1)).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  const key = (k: string) => (lang === "js" && /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  const lines = entries.map(([k, v]) => `${pad}${key(k)}: ${literal(v, lang, depth + 1)},`);
  return `{\n${lines.join("\n")}\n${end}}`;
}

export function nodeSigningSnippet(grant: EmbedGrant, publicUrl: string, ttlSeconds: number): string {
  const path = embedPath(grant.res);
  return `// Sign a Vigil embed token on your server (Node.js ≥ 18: npm install jose).
import { SignJWT } from "jose";

const secret = new TextEncoder().encode(process.env.VIGIL_EMBED_SECRET);
const token = await new SignJWT(${literal(claimsOf(grant), "js", 0)})
  .setProtectedHeader({ alg: "HS256", typ: "JWT" })
  .setIssuedAt()
  .setExpirationTime("${ttlSeconds}s")
  .sign(secret);
console.log(${JSON.stringify(`${publicUrl.replace(/\/+$/, "")}${path}?token=`)} + token);
`;
}

export function pythonSigningSnippet(grant: EmbedGrant, publicUrl: string, ttlSeconds: number): string {
  const path = embedPath(grant.res);
  return `# Sign a Vigil embed token on your server (Python 3, standard library only; PyJWT's
# jwt.encode(payload, secret, algorithm="HS256") makes an equivalent token).
import base64
import hashlib
import hmac
import json
import os
import time


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign_vigil_embed(claims: dict, secret: str, ttl_seconds: int = ${ttlSeconds}) -> str:
    now = int(time.time())
    header = {"alg": "HS256", "typ": "JWT"}
    payload = dict(claims, iat=now, exp=now + ttl_seconds)
    parts = [b64url(json.dumps(p, separators=(",", ":")).encode("utf-8")) for p in (header, payload)]
    signing_input = ".".join(parts).encode("ascii")
    signature = hmac.new(secret.encode("utf-8"), signing_input, hashlib.sha256).digest()
    return signing_input.decode("ascii") + "." + b64url(signature)


token = sign_vigil_embed(
    ${literal(claimsOf(grant), "python", 1)},
    os.environ["VIGIL_EMBED_SECRET"],
)
print(${JSON.stringify(`${publicUrl.replace(/\/+$/, "")}${path}?token=`)} + token)
`;
}
