// Next.js config. Security headers (CSP, frame-ancestors) are set here for every page.
/** @type {import('next').NextConfig} */
const isDev = process.env.NODE_ENV !== "production";

const csp = [
  "default-src 'self'",
  // Next's runtime needs inline scripts for hydration data; eval only in dev (React refresh).
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

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
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
