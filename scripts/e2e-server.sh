#!/usr/bin/env bash
# The server the browser tests drive: a fresh data folder with the demo seed, on port $1.
set -euo pipefail
cd "$(dirname "$0")/.."
export DATA_DIR="${E2E_DATA_DIR:-$(mktemp -d /tmp/portal-e2e-XXXXXX)}"
export PORT="${1:-3107}" HOST=127.0.0.1 PUBLIC_URL="http://127.0.0.1:${1:-3107}"
node_modules/.bin/tsx lib/cli/main.ts demo:seed >/dev/null
exec node --import tsx lib/server/main.ts
