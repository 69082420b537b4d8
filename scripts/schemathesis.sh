#!/usr/bin/env bash
# Property-based API tests with schemathesis (docs/development.md#schemathesis): starts the
# built server in demo mode on free loopback ports and lets schemathesis generate requests
# for every operation of our own /openapi.json, then checks that no answer is a 5xx, that
# every status, content type, header and body is one the document promises, that requests
# the document forbids are refused, and that undeclared methods get 405 with Allow (the
# checks and the one documented exclusion: scripts/schemathesis/schemathesis.toml).
#
#   1. open:    AUTH_MODE=none, every tool enabled (ENABLE_RAW_GRAPHQL=true).
#   2. keyed:   AUTH_MODE=api_key with AUTH_FILE keys, run four times: a key that may call
#               every tool (schemathesis' ignored_auth check replays requests without and
#               with a wrong credential and expects them refused), a key that may call
#               only the ipam toolset (403 tool-forbidden elsewhere), a wrong key and no
#               key (401 everywhere but the probes).
#
# Seeded (SCHEMATHESIS_SEED, default 11) with a bounded number of examples per operation
# (SCHEMATHESIS_EXAMPLES, default 25) and Hypothesis' example database off, so a run is
# reproducible: the same seed and the same pinned versions send the same requests. The
# rate limit is set far above what the run sends, so it stays in the request path without
# answering 429.
#
# schemathesis comes from PyPI, pinned with all it pulls in by scripts/schemathesis/
# requirements.txt, into a virtualenv outside the repo (~/.cache/nms-schemathesis), rebuilt
# only when that file changes. Builds nothing: run `npm run build` first.
#
# Usage: bash scripts/schemathesis.sh
# Env:   SCHEMATHESIS_HOME (venv and reports, default ~/.cache/nms-schemathesis),
#        SCHEMATHESIS_SEED, SCHEMATHESIS_EXAMPLES, SCHEMATHESIS_WORKERS (default 2).
# Exits non-zero when any run fails, after printing its report; always stops the servers.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CLI=dist/apps/server/src/cli.js
REQUIREMENTS=scripts/schemathesis/requirements.txt
ST_HOME=${SCHEMATHESIS_HOME:-$HOME/.cache/nms-schemathesis}
VENV=$ST_HOME/venv
SEED=${SCHEMATHESIS_SEED:-11}
EXAMPLES=${SCHEMATHESIS_EXAMPLES:-25}
WORKERS=${SCHEMATHESIS_WORKERS:-2}
WORK=$(mktemp -d)
REPORTS=$ST_HOME/reports/$(date -u +%Y%m%dT%H%M%SZ)
SERVER_PIDS=()
SUMMARY=()
FAILED=0

# Which checks run, and the one documented exclusion: scripts/schemathesis/schemathesis.toml.
CONFIG=scripts/schemathesis/schemathesis.toml

cleanup() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

die() {
  printf 'schemathesis.sh: %s\n' "$*" >&2
  exit 1
}

if [[ ! -f "$CLI" ]]; then
  die "$CLI is missing: run \`npm run build\` first (this script builds nothing)."
fi

# --- schemathesis in its own virtualenv --------------------------------------------------
ensure_venv_support() {
  if python3 -c 'import ensurepip, venv' 2>/dev/null; then
    return
  fi
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "[schemathesis] installing python3-venv (apt)"
    export DEBIAN_FRONTEND=noninteractive
    timeout 300 apt-get update -qq
    timeout 300 apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    return
  fi
  die "python3 cannot create virtualenvs (no ensurepip/venv): install Debian's python3-venv (apt-get install python3-venv) and rerun."
}

command -v python3 >/dev/null 2>&1 || die "python3 is missing: install Debian's python3 and python3-venv."
WANT_HASH=$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)
if [[ ! -x "$VENV/bin/schemathesis" || "$(cat "$VENV/.requirements.sha256" 2>/dev/null)" != "$WANT_HASH" ]]; then
  ensure_venv_support
  echo "[schemathesis] creating $VENV from $REQUIREMENTS"
  rm -rf "$VENV"
  mkdir -p "$ST_HOME"
  python3 -m venv "$VENV"
  timeout 600 "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$REQUIREMENTS"
  echo "$WANT_HASH" >"$VENV/.requirements.sha256"
fi
ST="$VENV/bin/schemathesis"
echo "[schemathesis] $("$ST" --version), seed $SEED, at most $EXAMPLES examples per operation and phase"

# --- servers ------------------------------------------------------------------------------
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# start_server <name> [VAR=value ...]: starts the built CLI in demo mode with these settings
# on a free port, waits for /healthz and sets BASE to its URL.
start_server() {
  local name=$1 port pid
  shift
  port=$(free_port)
  env DEMO_MODE=true HOST=127.0.0.1 PORT="$port" LOG_LEVEL=warn ENABLE_RAW_GRAPHQL=true \
    RATE_LIMIT_PER_MIN=1000000 "$@" node "$CLI" serve >"$WORK/$name.log" 2>&1 &
  pid=$!
  SERVER_PIDS+=("$pid")
  BASE="http://127.0.0.1:$port"
  for _ in $(seq 1 150); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$WORK/$name.log" >&2
      die "the $name server exited during start-up"
    fi
    if URL="$BASE/healthz" node -e 'fetch(process.env.URL).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))'; then
      return
    fi
    sleep 0.2
  done
  die "the $name server did not answer /healthz within 30 s"
}

# --- runs ---------------------------------------------------------------------------------
# run <label> <server log name> [schemathesis options ...]: one schemathesis run against
# $BASE/openapi.json; its report goes to stdout and $REPORTS/<label>/.
run() {
  local label=$1 log=$2 started status=0 line
  shift 2
  mkdir -p "$REPORTS/$label"
  printf '\n[schemathesis] run %s against %s/openapi.json\n' "$label" "$BASE"
  started=$SECONDS
  # From $ST_HOME, so schemathesis' own cache (.schemathesis/) stays out of the repo.
  (cd "$ST_HOME" && timeout 600 "$ST" --config-file "$ROOT/$CONFIG" run "$BASE/openapi.json" \
    --seed "$SEED" \
    --max-examples "$EXAMPLES" \
    --generation-database none \
    --workers "$WORKERS" \
    --request-timeout 10 \
    --no-color \
    --report junit --report-dir "$REPORTS/$label" \
    "$@") >"$WORK/$label.out" 2>&1 || status=$?
  cat "$WORK/$label.out"
  line=$(grep -E '^ *[0-9]+ generated' "$WORK/$label.out" | tail -n 1 | sed 's/^ *//' || true)
  SUMMARY+=("$(printf '%-10s %s, %s s: %s' "$label" "$([[ $status -eq 0 ]] && echo passed || echo FAILED)" $((SECONDS - started)) "${line:-no cases}")")
  if [[ $status -ne 0 ]]; then
    FAILED=1
    printf -- '--- %s server log (last 40 lines) ---\n' "$log"
    tail -n 40 "$WORK/$log.log"
  fi
}

# 1. Open: AUTH_MODE=none (the demo default).
start_server open AUTH_MODE=none
run open open

# 2. Keyed: two keys from an AUTH_FILE, fresh for each run of this script.
FULL_KEY=st-full-$(node -e 'console.log(require("crypto").randomBytes(16).toString("hex"))')
IPAM_KEY=st-ipam-$(node -e 'console.log(require("crypto").randomBytes(16).toString("hex"))')
cat >"$WORK/auth.yaml" <<EOF
apiKeys:
  - name: schemathesis-full
    key: $FULL_KEY
    tools: ['*']
  - name: schemathesis-ipam
    key: $IPAM_KEY
    tools: [ipam]
EOF
start_server keyed AUTH_MODE=api_key AUTH_FILE="$WORK/auth.yaml"
run keyed keyed -H "X-API-Key: $FULL_KEY"
run ipam-only keyed -H "X-API-Key: $IPAM_KEY"
run wrong-key keyed -H "X-API-Key: st-wrong-0123456789abcdef"
# Without -H, schemathesis would invent X-API-Key values (401 too); none at all is the case
# this run is for.
run no-key keyed --generation-with-security-parameters false

printf '\n[schemathesis] summary (seed %s, reports in %s)\n' "$SEED" "$REPORTS"
printf '  %s\n' "${SUMMARY[@]}"
exit "$FAILED"
