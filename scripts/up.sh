#!/usr/bin/env bash
# Quick start: install what is missing, build, seed the demo once, and serve on PORT (3000).
# On the first run a demo crew then works the demo orders through the server's Pruvan API.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app lib components next.config.js package.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "Building the portal..."
  npx next build
fi
seeded=$(npm run --silent cli -- demo:seed)
printf '%s\n' "$seeded"
if printf '%s' "$seeded" | grep -q '"seeded": true'; then
  # The admin's random password is in the JSON above: on this terminal, and nowhere else.
  echo "Sign in as admin@demo.local with the password above (shown only this once)."
  # First run: once the server answers, a crew publishes photos, a survey, a check-in and
  # status changes on the demo orders, the way Pruvan would (npm run cli -- demo:crew).
  ( npm run --silent cli -- demo:crew --url "http://127.0.0.1:${PORT:-3000}/api/pruvan" --wait 180 >/dev/null \
      && echo "Demo crew done: open order DEMO-1001 for its photos, survey, timeline and Report (PDF)." \
      || echo "The demo crew could not finish (see above); the portal runs all the same." ) &
else
  echo "Lost the first run's admin password? npm run cli -- user:set-password --email admin@demo.local"
fi
exec npm run --silent start
