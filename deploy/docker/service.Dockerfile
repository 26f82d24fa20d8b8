# One image for the four services and the gateway, with the staff web app's files (served by the
# gateway at /app/); SERVICE picks which one runs (docker-compose.yml
# sets it per container; `--build-arg SERVICE=…` sets the default). It also carries the operator
# commands: topics and broker ACLs (dist/tools/kafka-access/src/main.js, run by compose before the
# services), audit verification (dist/tools/audit/src/verify.js), key rotation and accounts
# (dist/apps/<app>/src/cli/*.js).
#
# Build stage: all dependencies, then deploy/docker/build-prod.js compiles TypeScript to CommonJS in
# dist/ with SWC (legacy decorators and decorator metadata, the `@haki/*` aliases rewritten): the
# transform the services run under in development and tests (docs/decisions/0012).
# Runtime stage: production dependencies only, the compiled output, no TypeScript sources, non-root.
# Before the image is finished, deploy/docker/check-dist.js loads every module and entry point on those
# dependencies (sockets refused), as `npm run check:prod-build` does on a machine without Docker.
#
# NODE_IMAGE: for a release, pin a version and digest (node:24.x.y-slim@sha256:…); `npm test` runs on
# the Node that deploy/local/node.sh pins.
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# No install scripts: nothing the build or the services use needs one (prebuilt binaries come as
# platform packages), and npm on the host skips unapproved scripts too.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json ./
COPY deploy/docker/build-prod.js ./deploy/docker/
COPY libs ./libs
COPY apps ./apps
# The tools build-prod.js compiles (its TOOLS list).
COPY tools/kafka-access ./tools/kafka-access
COPY tools/audit ./tools/audit
RUN node deploy/docker/build-prod.js --out /app/dist
# The staff web app's static files (Vite), served by the gateway at /app/ (WEB_APP_DIR).
RUN npx vite build --config apps/web/vite.config.ts --outDir /app/web --logLevel warn

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# Owned by root, read by the service user: the service cannot change its own code.
COPY --from=build /app/dist ./dist
COPY --from=build /app/web ./web
COPY deploy/docker/check-dist.js ./deploy/docker/
RUN node deploy/docker/check-dist.js /app
# The case service's evidence files (EVIDENCE_DIR in docker-compose.yml): a volume mounted here takes
# this owner, so the service user can write to it.
RUN mkdir -p /var/lib/haki/evidence && chown -R node:node /var/lib/haki
# The image's `node` user, by number: Kubernetes' runAsNonRoot can check a number, not a name.
USER 1000:1000
ARG SERVICE=intake-service
ENV SERVICE=${SERVICE} PORT=3000
EXPOSE 3000
# Ready = the service's own readiness (its broker, database and Redis answer). Node's fetch: no curl in slim.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec: node is PID 1 and gets SIGTERM itself (each main closes its servers and connections on it).
CMD ["sh", "-c", "exec node --enable-source-maps dist/apps/${SERVICE}/src/main.js"]
