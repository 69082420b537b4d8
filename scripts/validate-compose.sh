#!/usr/bin/env bash
# Validates docker-compose.yml with a real Compose implementation, as a user would run it
# after `cp .env.example .env`: `docker compose config` (the v2 plugin) when this machine
# has it, else Debian's docker-compose (v1.29, installed with apt when missing). Neither
# needs a Docker engine for `config`. Checks the default and the demo profile, and that the
# demo wiring resolves (server -> http://nautobot-sim:8080).
# Usage: scripts/validate-compose.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
log() { printf '[validate-compose] %s\n' "$*" >&2; }

if docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
else
  if ! command -v docker-compose >/dev/null; then
    log "installing Debian's docker-compose"
    export DEBIAN_FRONTEND=noninteractive
    timeout 300 apt-get update -qq
    timeout 300 apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
  fi
  COMPOSE=(docker-compose)
fi
log "using $("${COMPOSE[@]}" version 2>/dev/null | head -n1)"

# A scratch project with .env made from .env.example, so a developer's own .env is neither
# needed nor touched.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$ROOT/docker-compose.yml" "$ROOT/Dockerfile" "$WORK/"
cp "$ROOT/.env.example" "$WORK/.env"
mkdir -p "$WORK/deploy"
cp -r "$ROOT/deploy/prometheus" "$WORK/deploy/"

cd "$WORK"
# Compose must not read settings from this shell; only from .env.
env -i PATH="$PATH" HOME="${HOME:-/root}" "${COMPOSE[@]}" config -q
env -i PATH="$PATH" HOME="${HOME:-/root}" "${COMPOSE[@]}" --profile demo config >"$WORK/demo.yml"
grep -q 'NAUTOBOT_URL: http://nautobot-sim:8080' "$WORK/demo.yml" || {
  log "FAIL: in the demo profile the server does not point at http://nautobot-sim:8080"
  exit 1
}
log "OK: docker-compose.yml is valid (default and demo profiles)"
