# The worker image (docker-compose.yml), on Node 24 like the product; the TypeScript runs through tsx.
# 24.18.1, as `npm run test:node24`: better-sqlite3 12 built against a later 24.x's headers aborts
# the process when V8 collects a statement (nodejs/node#65446; scripts/node24.js says more).
FROM node:24.18.1-bookworm-slim AS dependencies
# better-sqlite3 compiles its native module when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts skips the postinstall that fetches Temporal's own servers (tests and npm start
# need them, the worker does not); better-sqlite3's build is then run on its own.
RUN npm ci --omit=dev --ignore-scripts && npm rebuild better-sqlite3

FROM node:24.18.1-bookworm-slim
# Without DATABASE_URL (one worker), the register is a SQLite file on the /data volume.
ENV NODE_ENV=production \
    REGISTER_PATH=/data/register.sqlite \
    METRICS_PORT=9464 \
    LISTEN_HOST=0.0.0.0
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY activities ./activities
COPY client ./client
COPY domain ./domain
COPY workflows ./workflows
COPY worker ./worker
COPY config ./config
COPY crypto ./crypto
COPY mail ./mail
COPY temporal ./temporal
COPY store ./store
COPY proof ./proof
COPY document ./document
COPY publication ./publication
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.METRICS_PORT + '/metrics').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) lets running activities finish before the process exits.
CMD ["node", "--import", "tsx", "worker/main.ts"]
