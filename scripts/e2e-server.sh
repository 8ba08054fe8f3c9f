#!/usr/bin/env bash
# The server the browser tests drive: a fresh data folder with the demo seed, on port $1.
# Pushes may go to a test's own endpoint on 127.0.0.1 (the journeys' push key), retry
# fast and give up after two attempts, so a failed push and "Retry now" take seconds; the
# journeys' checker imports a getWorkOrders answer at once, so pushes wait 1 s after one.
# Videos may come from a test's own media server on 127.0.0.1, fetched within a moment.
set -euo pipefail
cd "$(dirname "$0")/.."
export DATA_DIR="${E2E_DATA_DIR:-$(mktemp -d /tmp/portal-e2e-XXXXXX)}"
export PORT="${1:-3107}" HOST=127.0.0.1 PUBLIC_URL="http://127.0.0.1:${1:-3107}"
export PUSH_ALLOWED_HOSTS="direct.pruvan.com,www.direct.pruvan.com,http://127.0.0.1" PUSH_RETRY_BASE_MS=200 PUSH_MAX_ATTEMPTS=2 PUSH_POLL_MS=200 PUSH_AFTER_ANSWER_MS=1000
export VIDEO_ALLOWED_HOSTS="pruvan.com,*.pruvan.com,http://127.0.0.1" VIDEO_POLL_MS=200 VIDEO_RETRY_BASE_MS=200
node_modules/.bin/tsx lib/cli/main.ts demo:seed >/dev/null
# The demo admin signs in with this run's password (e2e/playwright.config.ts makes it up).
printf '%s\n' "${E2E_ADMIN_PASSWORD:?set by e2e/playwright.config.ts}" | node_modules/.bin/tsx lib/cli/main.ts user:set-password --email admin@demo.local >/dev/null
exec node --import tsx lib/server/main.ts
