#!/usr/bin/env bash
# The conference demo as a script (docs/demo.md): starts the demo server (the built CLI,
# settings from .env.demo, a free port on 127.0.0.1), then walks through /healthz,
# /tools, a few tool calls, a did-you-mean 400 and a refused call (401), printing each
# request and answer. Exits non-zero on any unexpected answer; always stops the server.
#
# Usage: bash scripts/demo.sh        (runs `npm run build` first when dist/ is missing)
# Env:   DEMO_PAUSE=1 waits for Enter between steps (on stage); DEMO_PORT fixes the port;
#        DEMO_CLIENT=node uses Node's fetch instead of curl (used anyway when curl is missing).
# JavaScript expressions are single-quoted on purpose; API_KEYS comes from .env.demo.
# shellcheck disable=SC2016,SC2153
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CLI=dist/apps/server/src/cli.js
ENV_FILE="$ROOT/.env.demo"
WORK=$(mktemp -d)
SERVER_PID=
STEP=0

if [[ -t 1 ]]; then
  bold() { printf '\n\033[1m%s\033[0m\n' "$*"; }
else
  bold() { printf '\n== %s\n' "$*"; }
fi
fail() {
  printf '\nFAIL: %s\n' "$*" >&2
  if [[ -s "$WORK/server.log" ]]; then
    printf -- '--- server log ---\n' >&2
    tail -n 40 "$WORK/server.log" >&2
  fi
  exit 1
}
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [[ ! -f "$CLI" ]]; then
  bold "Building (dist/ is missing)"
  npm run build >/dev/null
fi

# Settings: .env.demo, then a free loopback port.
set -a
# shellcheck source=/dev/null
. "$ENV_FILE"
set +a
API_KEY=${API_KEYS#*=}
API_KEY=${API_KEY%%,*}
HOST=127.0.0.1
PORT=${DEMO_PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
export HOST PORT
BASE="http://$HOST:$PORT"

# HTTP client: curl when present, else Node's fetch. Writes the body to $WORK/body and
# prints the status code.
http() { # method path [json-body] [key]
  local method=$1 path=$2 body=${3:-} key=${4:-}
  if [[ "${DEMO_CLIENT:-curl}" == curl ]] && command -v curl >/dev/null 2>&1; then
    local args=(-s -o "$WORK/body" -w '%{http_code}' -X "$method" "$BASE$path")
    [[ -n "$key" ]] && args+=(-H "X-API-Key: $key")
    [[ -n "$body" ]] && args+=(-H 'content-type: application/json' --data "$body")
    curl "${args[@]}" || echo 000
  else
    METHOD=$method URL="$BASE$path" BODY=$body KEY=$key OUT="$WORK/body" node -e '
      const h = {};
      if (process.env.KEY) h["x-api-key"] = process.env.KEY;
      if (process.env.BODY) h["content-type"] = "application/json";
      fetch(process.env.URL, { method: process.env.METHOD, headers: h, body: process.env.BODY || undefined })
        .then(async (r) => { require("fs").writeFileSync(process.env.OUT, await r.text()); console.log(r.status); })
        .catch(() => console.log("000"));'
  fi
}

# check <description> <js expression over `b` (parsed body)>: fails the demo when false.
check() {
  node -e '
    const fs = require("fs");
    let b;
    try { b = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch { b = undefined; }
    process.exit(eval(process.argv[2]) ? 0 : 1);' "$WORK/body" "$2" || fail "$1"
}

# show <js expression over `b`>: prints part of the answer, as the audience would see it.
show() {
  node -e '
    const b = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const v = eval(process.argv[2]);
    console.log(typeof v === "string" ? v : JSON.stringify(v, null, 2));' "$WORK/body" "$1"
}

# step <title> <expected status> <method> <path> [body] [key]
step() {
  local title=$1 want=$2 method=$3 path=$4 body=${5:-} key=${6:-}
  STEP=$((STEP + 1))
  bold "[$STEP] $title"
  local shown="curl -s -X $method $BASE$path"
  [[ -n "$key" ]] && shown+=" -H 'X-API-Key: $key'"
  [[ -n "$body" ]] && shown+=" -H 'content-type: application/json' -d '$body'"
  printf '$ %s\n' "$shown"
  local got
  got=$(http "$method" "$path" "$body" "$key")
  printf '→ HTTP %s\n' "$got"
  [[ "$got" == "$want" ]] || fail "step $STEP ($title): expected HTTP $want, got $got: $(head -c 500 "$WORK/body")"
}

pause() {
  if [[ "${DEMO_PAUSE:-}" == 1 && -t 0 ]]; then
    read -r -p '(Enter for the next step)' _
  fi
}

bold "Starting the demo server on $BASE (DEMO_MODE, AUTH_MODE=api_key)"
node "$CLI" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do
  kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited during start-up"
  [[ "$(http GET /healthz)" == 200 ]] && break
  sleep 0.2
done

step 'Liveness, open to everyone: /healthz' 200 GET /healthz
check '/healthz says ok and its version' 'b.status === "ok" && typeof b.version === "string"'
show '`status ${b.status}, version ${b.version}`'
pause

step 'The tool catalogue: GET /tools' 200 GET /tools '' "$API_KEY"
check '/tools lists the demo tools' \
  'Array.isArray(b.tools) && ["prefixes_by_location","devices_by_location_and_role"].every((n) => b.tools.some((t) => t.name === n))'
show 'b.tools.map((t) => `${t.name.padEnd(32)} ${t.title}`).join("\n")'
pause

step 'Which prefixes does AMS01 have? (POST /tools/invoke)' 200 POST /tools/invoke \
  '{"name":"prefixes_by_location","arguments":{"location":"AMS01","limit":5}}' "$API_KEY"
check 'AMS01 has prefixes' \
  'b.name === "prefixes_by_location" && b.result.items.length > 0 && b.result.items.every((p) => typeof p.prefix === "string") && typeof b.meta.durationMs === "number"'
show 'b.result.items.map((p) => `${p.prefix.padEnd(20)} ${p.status ?? ""} ${p.role ?? ""}`).join("\n")'
pause

step 'The leaf switches in FRA01 (POST /tools/{name})' 200 POST /tools/devices_by_location_and_role \
  '{"location":"FRA01","role":"leaf"}' "$API_KEY"
check 'FRA01 has leaf switches, and only leafs are returned' \
  'b.items.length > 0 && b.items.every((d) => d.role === "leaf" && /^fra01-/.test(d.name))'
show 'b.items.map((d) => `${d.name.padEnd(16)} ${d.status} ${d.platform ?? ""}`).join("\n")'
pause

step 'A typo: location AMS1 → 400 with a suggestion' 400 POST /tools/prefixes_by_location \
  '{"location":"AMS1"}' "$API_KEY"
check 'the problem says unknown-location and suggests AMS01' \
  '/unknown-location/.test(b.type) && JSON.stringify(b).includes("AMS01")'
show '`${b.title}: ${b.detail}`'
pause

step 'No API key → 401' 401 GET /tools
check 'the 401 is an unauthorized problem' '/unauthorized/.test(b.type) && b.status === 401'
show '`${b.title}: ${b.detail}`'

step 'A wrong API key → 401' 401 POST /tools/invoke \
  '{"name":"prefixes_by_location","arguments":{"location":"AMS01"}}' 'not-the-demo-key'
check 'the 401 is an unauthorized problem' '/unauthorized/.test(b.type)'

bold "Demo passed: $STEP steps."
