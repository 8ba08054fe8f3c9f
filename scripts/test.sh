#!/usr/bin/env bash
# Every test: types, lint, a production build, integration tests against real servers,
# and browser tests in Debian's Chromium. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
bash scripts/ensure-debian-packages.sh

echo "== typecheck"; npx tsc --noEmit
echo "== lint"; npx eslint . --max-warnings 0
echo "== format"; npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "Run: npx prettier --write ."; exit 1; }
build_log=$(mktemp /tmp/portal-build-XXXXXX.log)
echo "== build"; npx next build >"$build_log" 2>&1 || { cat "$build_log"; exit 1; }
echo "== integration tests"; npm run --silent test:integration
# Again on the engines of several machines (docs/several-machines.md): the
# Pruvan API, push, orders, sync and hardening suites, those that store, serve and sweep files, the
# property report, and one instance's life among several, each server on a PostgreSQL database of its own (one
# throwaway cluster for the pass) with its files in a bucket of an in-process S3 server.
# (tests/instances/two-instances.test.ts runs on PostgreSQL + S3 in the pass above already.)
# The timing goes to the log for CI's budget.
pg_s3_suites=(tests/pruvan/*.test.ts tests/push/*.test.ts tests/orders/*.test.ts tests/hardening/*.test.ts
  tests/work-items/files.test.ts tests/work-items/republish.test.ts tests/portal/uploads-inbox.test.ts tests/db/engine.test.ts tests/db/conflict.test.ts
  tests/instances/lifecycle.test.ts tests/sync/*.test.ts tests/reports/*.test.ts)
echo "== integration tests, PostgreSQL + S3 storage"; started=$(date +%s)
# The fuzz test's breadth is the pass above's (1000 runs per property); here it checks the
# engines, with fewer runs (1000 took over its 10 minutes at load 25).
FUZZ_RUNS=${FUZZ_RUNS:-250} TEST_DATABASE=postgresql TEST_STORAGE=s3 npx tsx scripts/with-postgres.ts npm run --silent test:integration -- "${pg_s3_suites[@]}"
echo "== PostgreSQL + S3 pass: $(( $(date +%s) - started )) s"
# A free port of its own, so that two checkouts testing at once never share (or reuse) a server.
E2E_PORT=${E2E_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
export E2E_PORT
echo "== browser tests"; npx playwright test -c e2e/playwright.config.ts
