#!/usr/bin/env bash
# Every test: types, lint, a production build, integration tests against real servers,
# and browser tests in Debian's Chromium. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's Chromium for the browser tests..."
  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null
fi

echo "== typecheck"; npx tsc --noEmit
echo "== lint"; npx eslint . --max-warnings 0
echo "== build"; npx next build >/tmp/portal-build.log 2>&1 || { cat /tmp/portal-build.log; exit 1; }
echo "== integration tests"; npm run --silent test:integration
echo "== browser tests"; npx playwright test -c e2e/playwright.config.ts
