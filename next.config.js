// Next.js config. Security headers (CSP, frame-ancestors) are set here for every page; the embed pages
// (/embed/*) get their frame-ancestors from the admin's allow-list in proxy.ts, which replaces the CSP below.
import { contentSecurityPolicy } from "./lib/http/csp.mjs";

const isDev = process.env.NODE_ENV !== "production";

// Fails closed: should proxy.ts not run, an embed page cannot be framed either.
const csp = contentSecurityPolicy({ dev: isDev, frameAncestors: "'none'" });

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // .next/standalone: the server and only the files it needs, for the container image (Dockerfile,
  // scripts/bundle-runtime.ts adds the worker and CLI). `npm start` keeps using .next directly.
  output: "standalone",
  // onnxruntime-node ships binaries for every OS and CPU (~250 MB); the image is linux-x64.
  outputFileTracingExcludes: {
    "/*": [
      "node_modules/onnxruntime-node/bin/napi-v*/darwin/**",
      "node_modules/onnxruntime-node/bin/napi-v*/win32/**",
      "node_modules/onnxruntime-node/bin/napi-v*/linux/arm64/**",
    ],
  },
  serverExternalPackages: [
    "better-sqlite3",
    "pg",
    "@prisma/client",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    // napi-rs native addon (remote-write snappy decoding): Turbopack cannot place a .node file in a chunk.
    "snappy",
    // One prom-client (and so one registry) for the custom server's direct routes and Next's route handlers.
    "prom-client",
  ],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
      // Everything but the embed pages: never framed (X-Frame-Options for browsers without frame-ancestors).
      {
        source: "/((?!embed/).*)",
        headers: [
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      // Embed pages carry their token in the URL: never send it on as a referrer, never cache the page.
      {
        source: "/embed/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default nextConfig;
