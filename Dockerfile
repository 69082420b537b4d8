# nautobot-mcp-server container image. Build: docker build -t nautobot-mcp-server .
# Run (demo data, no Nautobot needed):
#   docker run --rm --read-only -p 7001:7001 -e DEMO_MODE=true nautobot-mcp-server
# See docs/docker.md. CI builds and runs this exact file: scripts/container-smoke.sh.

ARG NODE_VERSION=24

# ---- build: install every dependency, compile, then drop the dev dependencies ----
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency needs an install script (only an analytics ping and our
# husky hook have one), and skipping them keeps the build hermetic.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build \
    && npm prune --omit=dev --ignore-scripts \
    && npm cache clean --force

# ---- runtime: compiled code, production dependencies and the packaged queries ----
FROM node:${NODE_VERSION}-bookworm-slim AS runtime

ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="nautobot-mcp-server" \
      org.opencontainers.image.description="Safe, fast, read-only Nautobot tools for LLM agents (MCP) and REST integrations" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/nautobot-mcp-server/nautobot-mcp-server" \
      org.opencontainers.image.documentation="https://github.com/nautobot-mcp-server/nautobot-mcp-server/blob/main/docs/docker.md"

# An explicit V8 heap limit: without one, V8 sizes the heap from the host's memory and lets
# garbage pile up to hundreds of MiB between full collections (bench/README.md, "Soak").
# 384 MiB of old space fits the 512 MiB pod limit of deploy/kubernetes; raise both together.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=384 \
    PORT=7001 \
    HOST=0.0.0.0

WORKDIR /app
# Everything is owned by root and only readable by the runtime user: the process cannot
# change its own code, and the root filesystem can be mounted read-only.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY graphql ./graphql

# The upstream image's "node" user, by number so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 7001

# Liveness only (no Nautobot call). The image has no curl, so Node asks.
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||7001)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# Node runs as PID 1 and handles SIGTERM itself (graceful shutdown); no shell in between.
ENTRYPOINT []
CMD ["node", "dist/apps/server/src/cli.js", "serve"]
