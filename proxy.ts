// Runs before the embed pages and the embed data routes (Next.js proxy, Node.js runtime):
// - the session cookie is removed from the request, so nothing behind an embed can act as the logged-in user
//   (a Vigil user viewing a customer's portal still sends it: same site, another port or subdomain);
// - embed pages get their Content-Security-Policy here, with frame-ancestors from the admin's allow-list
//   (next.config.js sends frame-ancestors 'none' everywhere; this header replaces it on /embed/*).
import { type NextRequest, NextResponse } from "next/server";
import { frameAncestorsDirective } from "@/lib/embeds/frame-ancestors";
import { cachedFrameAncestors } from "@/lib/embeds/frame-settings";
import { contentSecurityPolicy } from "@/lib/http/csp.mjs";
import { getDatabase } from "@/lib/runtime/instance";

const dev = process.env.NODE_ENV !== "production";

async function frameAncestors(): Promise<string> {
  try {
    return frameAncestorsDirective(await cachedFrameAncestors(await getDatabase()));
  } catch (error) {
    // Fail closed: without the allow-list, only Vigil itself may frame the page.
    console.error("[vigil] embed framing allow-list unavailable", error);
    return "'self'";
  }
}

export async function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.delete("cookie");
  const response = NextResponse.next({ request: { headers } });
  if (request.nextUrl.pathname.startsWith("/embed/")) {
    response.headers.set(
      "Content-Security-Policy",
      contentSecurityPolicy({ dev, frameAncestors: await frameAncestors() }),
    );
  }
  return response;
}

export const config = {
  matcher: ["/embed/:path*", "/api/embed/:path*"],
};
