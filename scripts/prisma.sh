#!/usr/bin/env bash
# Runs the Prisma CLI the binary-free way (see prisma/prisma.config.ts).
# `scripts/prisma.sh --postgresql ARGS` runs it on the PostgreSQL twin of the schema
# (prisma/postgresql-twin.ts, written first) with prisma/prisma.postgresql.config.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_QUERY_ENGINE_LIBRARY="$PWD/prisma/engine-stub.sh"
export PRISMA_SCHEMA_ENGINE_BINARY="$PWD/prisma/engine-stub.sh"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1
config=prisma/prisma.config.ts
if [ "${1:-}" = "--postgresql" ]; then
  shift
  mkdir -p prisma/postgresql
  node_modules/.bin/tsx prisma/write-twin.ts
  config=prisma/prisma.postgresql.config.ts
fi
exec node_modules/.bin/prisma "$@" --config "$config"
