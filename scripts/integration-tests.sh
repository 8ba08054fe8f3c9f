#!/usr/bin/env bash
# The integration tests: every tests/**/*.test.ts, or the files given. Each test starts the
# servers it needs. TEST_STORAGE=s3 runs them with the portal's files in a bucket of an
# in-process S3 server instead of a folder (tests/support/storage.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
files=("$@")
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(find tests -name '*.test.ts' | sort)
# A test that hangs (a server gone, a promise never settled) fails after 10 minutes instead
# of holding the run until CI's limit.
exec node --import tsx --test --test-concurrency=2 --test-timeout=600000 --test-reporter=spec "${files[@]}"
