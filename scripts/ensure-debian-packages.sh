#!/usr/bin/env bash
# Debian packages the tests use, installed in one apt-get call when any is missing (CI runs
# as root on a clean machine): Chromium for the browser tests, poppler-utils to read PDFs
# back (pdftotext, pdftoppm), PostgreSQL for the runs on a real PostgreSQL server, strace to
# see the order in which the server flushes, renames, commits and answers (tests/hardening/crash).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v strace >/dev/null 2>&1 || missing+=(strace)
[ -x /usr/lib/postgresql/15/bin/initdb ] || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages for the tests: ${missing[*]}..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null
fi
