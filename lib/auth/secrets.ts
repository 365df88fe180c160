// Encryption of stored credentials (data-source passwords and tokens; later SMTP and webhook secrets) with
// AES-256-GCM under a key from VIGIL_SECRET_KEY. Without the key no credential can be stored.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { HttpError } from "../http/errors";

function key(secret: string | undefined): Buffer {
  if (!secret)
    throw new HttpError(
      400,
      "storing credentials needs VIGIL_SECRET_KEY (any long random string) in the server's environment",
    );
  return createHash("sha256").update(secret).digest();
}

/** "v1.<iv>.<tag>.<ciphertext>", base64url parts. */
export function encryptSecret(plain: string, secret: string | undefined): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function decryptSecret(stored: string, secret: string | undefined): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined)
    throw new Error("stored secret has an unknown format");
  const decipher = createDecipheriv("aes-256-gcm", key(secret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new Error("stored secret cannot be decrypted: VIGIL_SECRET_KEY changed since it was saved");
  }
}
