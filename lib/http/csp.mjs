// The Content-Security-Policy of every response, shared by next.config.js (static headers) and proxy.ts (the
// embed pages, whose frame-ancestors come from the admin's allow-list). Plain JS: next.config.js imports it.

/**
 * @param {{ dev: boolean, frameAncestors: string }} options frameAncestors: the directive's source list,
 *   e.g. "'none'" or "'self' https://portal.example.com"
 * @returns {string}
 */
export function contentSecurityPolicy({ dev, frameAncestors }) {
  return [
    "default-src 'self'",
    // Next's runtime needs inline scripts for hydration data; eval only in dev (React refresh).
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}
