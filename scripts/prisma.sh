#!/usr/bin/env bash
# Runs the Prisma CLI the binary-free way (see prisma/prisma.config.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_QUERY_ENGINE_LIBRARY="$PWD/prisma/engine-stub.sh"
export PRISMA_SCHEMA_ENGINE_BINARY="$PWD/prisma/engine-stub.sh"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1
exec node_modules/.bin/prisma "$@" --config prisma/prisma.config.ts
