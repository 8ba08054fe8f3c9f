#!/usr/bin/env bash
# Installs node modules when missing or stale, and generates the Prisma client.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies (better-sqlite3 compiles from source: about a minute)..."
  # npm install, not npm ci: the lock (written here) leaves out other platforms' optional
  # packages, which npm ci refuses; install honours the locked versions all the same.
  npm install --no-audit --no-fund
fi
if [ ! -f lib/db/generated/client.ts ] || [ prisma/schema.prisma -nt lib/db/generated/client.ts ]; then
  bash scripts/prisma.sh generate >/dev/null
fi
