#!/usr/bin/env bash
# The e2e matrix against real Nautobot (docs/compatibility.md): for each release line, bring the
# instance up (scripts/nautobot/nautobot.sh: cached install, restored seeded database), run the
# Nautobot-facing e2e suites against it, check that it still answers the recorded requests as
# recorded, then stop it and check how we answer a Nautobot that is down. Prints each stage's time.
#
# Usage: bash scripts/nautobot/e2e.sh [2.4] [3.x]     (default: both, one after the other)
# Needs `npm run build` done (dist/); installs PostgreSQL, Redis and Nautobot itself.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The suites whose every request goes to the Nautobot under test (the others are about our own
# doors, auth and deployment files and run against the simulator in `npm test`).
SUITES='test/(tools-[a-z]+|rest|mcp-http|export|cursors|observability|nautobot-version|nautobot-connection-close|nautobot-real-faults)\.e2e-spec\.ts$'
LINES=("$@")
[ ${#LINES[@]} -gt 0 ] || LINES=(2.4 3.x)
stamp() { printf '[e2e %s] %s (%d s)\n' "$1" "$2" "$3"; }

# On a fresh machine each line migrates and seeds for minutes: while the first line's suites
# run, the next line is prepared in the background (its seeded dump is then restored in seconds).
PREPARING=
prepare_next() {
  local next=$1
  [ -n "$next" ] || return 0
  setsid bash scripts/nautobot/nautobot.sh up "$next" >"${TMPDIR:-/tmp}/nms-prepare-$next.json" &
  PREPARING=$!
}
# A failing stage must not leave the next line's preparation running after the checkout is gone.
stop_preparing() {
  [ -n "$PREPARING" ] || return 0
  kill -- "-$PREPARING" 2>/dev/null || true
}
trap stop_preparing EXIT
finish_preparing() {
  [ -n "$PREPARING" ] || return 0
  wait "$PREPARING" || echo "[e2e] preparing the next line failed; it is brought up again" >&2
  PREPARING=
}

for i in "${!LINES[@]}"; do
  line=${LINES[$i]}
  start=$SECONDS
  finish_preparing
  info=$(bash scripts/nautobot/nautobot.sh up "$line")
  prepare_next "${LINES[$((i + 1))]:-}"
  url=$(node -p "JSON.parse(process.argv[1]).url" "$info")
  token=$(node -p "JSON.parse(process.argv[1]).token" "$info")
  version=$(node -p "JSON.parse(process.argv[1]).version" "$info")
  stamp "$line" "Nautobot $version up at $url" $((SECONDS - start))

  step=$SECONDS
  E2E_NAUTOBOT_URL=$url E2E_NAUTOBOT_TOKEN=$token E2E_NAUTOBOT_VERSION=$version \
    npm run -s jest -- --testPathPattern "$SUITES"
  stamp "$line" "e2e suites passed against Nautobot $version" $((SECONDS - step))

  step=$SECONDS
  NAUTOBOT_URL=$url NAUTOBOT_TOKEN=$token node dist/scripts/nautobot/record.js --check "$line"
  stamp "$line" "recordings still hold" $((SECONDS - step))

  step=$SECONDS
  bash scripts/nautobot/nautobot.sh down "$line"
  E2E_NAUTOBOT_STOPPED_URL=$url E2E_NAUTOBOT_URL=$url E2E_NAUTOBOT_TOKEN=$token \
    npm run -s jest -- test/nautobot-real-faults -t 'not running'
  stamp "$line" "a stopped Nautobot $version is reported as such" $((SECONDS - step))
  stamp "$line" "done" $((SECONDS - start))
done
