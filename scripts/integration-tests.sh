#!/usr/bin/env bash
# The integration tests: every tests/**/*.test.ts, or the files given. Each test starts the
# servers it needs. TEST_STORAGE=s3 runs them with the portal's files in a bucket of an
# in-process S3 server instead of a folder (tests/support/storage.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
files=("$@")
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(find tests -name '*.test.ts' | sort)
# A test that hangs (a server gone, a promise never settled) fails after 20 minutes instead
# of holding the run until CI's limit. The limit also ends a whole file (node's runner applies
# it to each file's process, with SIGTERM): tests/instances/two-instances.test.ts takes 3-10
# minutes on a loaded machine, so it must stay well above that.
exec node --import tsx --test --test-concurrency=2 --test-timeout=1200000 --test-reporter=spec "${files[@]}"
