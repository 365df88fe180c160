# syntax=docker/dockerfile:1
# Vigil's container image: one image for the web server, the workers and the migration job — the command
# chooses (lib/deploy/image.ts lists them; deploy/k8s uses them). Built in your CI (`docker build -t vigil .`);
# the machines Vigil is developed on have no Docker engine, so `npm run image:check` runs the same folder
# with the same commands instead (docs/deployment.md, "Container image").

# --- dependencies: everything the build needs (dev tools included), native addons for linux-x64 ---------------
FROM node:20.19-bookworm-slim AS deps
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_config_fund=false npm_config_audit=false
# prisma generate (postinstall) reads the schemas and configs
COPY package.json package-lock.json ./
COPY prisma ./prisma
RUN npm ci

# --- build: Next's standalone output, completed with the bundled worker and CLI (scripts/bundle-runtime.ts) ---
FROM deps AS build
COPY . .
RUN npm run build && npm run build:image

# --- runtime: only .next/standalone, as a non-root user ------------------------------------------------------
FROM node:20.19-bookworm-slim AS runtime
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 VIGIL_HOST=0.0.0.0 \
    DATABASE_URL=file:/data/vigil.db VIGIL_DATA_DIR=/data
WORKDIR /app
# A user of its own, uid/gid 10001 as the Kubernetes manifests' runAsUser; numeric USER so runAsNonRoot can
# verify it. The application files stay owned by root (read-only to the process); /data holds the SQLite file
# and uploaded models (mount a volume there, or point DATABASE_URL at PostgreSQL) and .next/cache Next's
# image cache.
RUN groupadd --gid 10001 vigil && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin vigil
COPY --from=build /src/.next/standalone ./
RUN mkdir -p /data /app/.next/cache && chown 10001:10001 /data /app/.next/cache
USER 10001:10001
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"]
# web by default; workers: `node --max-semi-space-size=64 vigil/worker.mjs`; migrations: `node vigil/cli.mjs migrate`
CMD ["node", "--max-semi-space-size=64", "vigil/start.mjs"]
