# One image for the four services and the gateway; SERVICE picks which one runs (docker-compose.yml sets it).
# Services run from TypeScript through @swc-node/register, the same way `npm start` runs them here.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY apps ./apps
# The operator step the compose file runs before the services: topics and broker ACLs.
COPY tools/kafka-access ./tools/kafka-access
USER node
ENV SERVICE=intake-service
CMD ["sh", "-c", "exec node -r @swc-node/register apps/${SERVICE}/src/main.ts"]
