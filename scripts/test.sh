#!/usr/bin/env bash
# Every test: types, lint, a production build, integration tests against real servers,
# and browser tests in Debian's Chromium. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
bash scripts/ensure-debian-packages.sh

echo "== typecheck"; npx tsc --noEmit
echo "== lint"; npx eslint . --max-warnings 0
build_log=$(mktemp /tmp/portal-build-XXXXXX.log)
echo "== build"; npx next build >"$build_log" 2>&1 || { cat "$build_log"; exit 1; }
echo "== integration tests"; npm run --silent test:integration
# The suites that store, serve and sweep files, again with the files in an S3 bucket.
storage_suites=(tests/work-items/files.test.ts tests/pruvan/upload-pictures.test.ts tests/hardening/uploads.test.ts tests/hardening/crash.test.ts tests/portal/uploads-inbox.test.ts)
echo "== integration tests, S3 storage"; TEST_STORAGE=s3 npm run --silent test:integration -- "${storage_suites[@]}"
# A free port of its own, so that two checkouts testing at once never share (or reuse) a server.
E2E_PORT=${E2E_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
export E2E_PORT
echo "== browser tests"; npx playwright test -c e2e/playwright.config.ts
