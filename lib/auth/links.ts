// The full address of an invite or reset link. VIGIL_PUBLIC_URL when the operator set it (behind a proxy the
// request's own host may be an internal name); otherwise the address the admin's request came to.
import { env } from "../config/env";

export function publicLink(req: Request, path: string, setting = process.env.VIGIL_PUBLIC_URL): string {
  if (setting) return `${env().VIGIL_PUBLIC_URL}${path}`;
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? url.host;
  const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  return `${proto}://${host}${path}`;
}
