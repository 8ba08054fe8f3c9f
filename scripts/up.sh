#!/usr/bin/env bash
# Quick start: install what is missing, build, seed the demo once, and serve on PORT (3000).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app lib components next.config.js package.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "Building the portal..."
  npx next build
fi
npm run --silent cli -- demo:seed
echo "Demo login: admin@demo.local / demo-admin-pass (if seeded above; change it on the Users page)"
exec npm run --silent start
