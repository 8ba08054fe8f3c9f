#!/usr/bin/env bash
# Installs node modules when missing or when package-lock.json changed since the last
# install (by content, not by file time: a checkout touches times), then generates the
# Prisma clients: SQLite's and PostgreSQL's (from the schema's twin, prisma/postgresql-twin.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -d node_modules ] || [ "$(cat node_modules/.portal-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  echo "Installing dependencies (better-sqlite3 compiles from source: about a minute)..."
  # npm install, not npm ci: the lock (written here) leaves out other platforms' optional
  # packages, which npm ci refuses; install honours the locked versions all the same.
  npm install --no-audit --no-fund
  sha256sum package-lock.json | cut -d' ' -f1 > node_modules/.portal-lock-hash
fi
if [ ! -f lib/db/generated/client.ts ] || [ prisma/schema.prisma -nt lib/db/generated/client.ts ]; then
  bash scripts/prisma.sh generate >/dev/null
fi
if [ ! -f lib/db/generated-postgresql/client.ts ] || [ prisma/schema.prisma -nt lib/db/generated-postgresql/client.ts ] \
    || [ prisma/postgresql-twin.ts -nt lib/db/generated-postgresql/client.ts ]; then
  bash scripts/prisma.sh --postgresql generate >/dev/null
fi
