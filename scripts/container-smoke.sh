#!/usr/bin/env bash
# Builds the real Dockerfile with podman and runs the image the way users will:
#   1. demo mode, read-only root filesystem, all capabilities dropped, as the image's
#      non-root user, port published on 127.0.0.1: /healthz, /readyz, the HEALTHCHECK,
#      a tool call, and a graceful stop (SIGTERM -> exit 0);
#   2. the docker-compose.yml topology: the simulator (same image, sim-cli on 0.0.0.0:8080)
#      as "nautobot-sim" on a private network, the server talking to it by name, and
#      /metrics on METRICS_PORT exporting every metric the Grafana dashboard charts.
# Prints image size, build time, start-to-healthy time, memory and stop time. Containers
# and the network are removed on exit, failure included; images stay (the build cache).
#
# Installs podman, runc, uidmap, curl and (for CNI networking) the dnsname plugin with apt
# when missing, and makes the FROM image locally when no registry can be reached
# (scripts/container-base-image.sh, which installs debootstrap if it needs it). Needs root.
# Usage: scripts/container-smoke.sh
# Env: IMAGE (default localhost/nautobot-mcp-server:smoke), CONTEXT (default: repo root).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CONTEXT="${CONTEXT:-$ROOT}"
IMAGE="${IMAGE:-localhost/nautobot-mcp-server:smoke}"
BASE_IMAGE=docker.io/library/node:24-bookworm-slim
SUFFIX="$$"
API="nmcp-smoke-api-$SUFFIX"
SIM_NET="nmcp-smoke-net-$SUFFIX"
DEMO_TOKEN=0123456789abcdef0123456789abcdef01234567
# Debian's podman works here with runc and explicit ulimits (see docs/docker.md).
PODMAN=(podman --runtime runc)
LIMITS=(--ulimit nofile=1024:1024 --ulimit nproc=1000:1000)
# What docs/docker.md recommends for production: nothing writable (not even a tmpfs), no
# capabilities. No healthcheck timer (it needs systemd): the check runs by hand below.
HARDENED=(--read-only --read-only-tmpfs=false --cap-drop=ALL --security-opt=no-new-privileges
  --health-interval=disable)

log() { printf '[container-smoke] %s\n' "$*" >&2; }
die() {
  log "FAIL: $*"
  exit 1
}
# Without systemd, podman reports (harmlessly) that it cannot add healthcheck timers.
quiet() { "$@" 2> >(grep -v 'systemd connection' >&2); }
now_ms() { date +%s%3N; }

apt_install() {
  log "installing $*"
  export DEBIAN_FRONTEND=noninteractive
  if [[ -z "${APT_UPDATED:-}" ]]; then
    timeout 300 apt-get update -qq
    APT_UPDATED=1
  fi
  timeout 600 apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_tools() {
  local missing=()
  command -v podman >/dev/null || missing+=(podman)
  command -v runc >/dev/null || missing+=(runc)
  command -v newuidmap >/dev/null || missing+=(uidmap)
  command -v curl >/dev/null || missing+=(curl)
  if ((${#missing[@]} > 0)); then
    apt_install "${missing[@]}"
  fi
  # Name resolution between containers (nautobot-sim): built into netavark; Debian's
  # podman 4.3 uses CNI, which needs the dnsname plugin.
  if [[ "$("${PODMAN[@]}" info --format '{{.Host.NetworkBackend}}' 2>/dev/null)" == cni &&
    ! -e /usr/lib/cni/dnsname ]]; then
    apt_install golang-github-containernetworking-plugin-dnsname
  fi
}

cleanup() {
  local rc=$?
  if ((rc != 0)); then
    for c in "$API" nautobot-sim-"$SUFFIX"; do
      if "${PODMAN[@]}" container exists "$c" 2>/dev/null; then
        log "--- last log lines of $c ---"
        "${PODMAN[@]}" logs --tail 30 "$c" >&2 2>&1 || true
      fi
    done
  fi
  "${PODMAN[@]}" rm -f -t 0 "$API" "nautobot-sim-$SUFFIX" >/dev/null 2>&1 || true
  "${PODMAN[@]}" network rm -f "$SIM_NET" >/dev/null 2>&1 || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Polls URL until it answers 2xx; prints the milliseconds it took from START_MS.
wait_ok() {
  local url=$1 start_ms=$2 deadline=$(($(date +%s) + 60))
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    (($(date +%s) < deadline)) || die "$url did not answer 2xx within 60 s"
    sleep 0.1
  done
  echo $(($(now_ms) - start_ms))
}

# POSTs a tool call and checks the reply names the tool and has items.
check_tool() {
  local base=$1 tool=$2 location=$3 body
  body=$(curl -fsS --max-time 10 -X POST "$base/tools/invoke" -H 'content-type: application/json' \
    -d "{\"name\":\"$tool\",\"arguments\":{\"location\":\"$location\"}}") ||
    die "POST $base/tools/invoke ($tool) failed"
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e '
    const r = JSON.parse(process.argv[1]);
    if (r.name !== process.argv[2] || !(r.result?.items?.length > 0)) {
      console.error("unexpected reply: " + process.argv[1].slice(0, 500));
      process.exit(1);
    }
    console.log(`${r.name}: ${r.result.items.length} items in ${r.meta.durationMs} ms`);
  ' "$body" "$tool" >&2 || die "$tool returned an unexpected body"
}

ensure_tools
cd "$ROOT"
log "podman $(podman --version | awk '{print $3}'), runc $(runc --version | awk 'NR==1{print $3}')"

started=$(now_ms)
"$ROOT/scripts/container-base-image.sh" "$BASE_IMAGE"
base_ms=$(($(now_ms) - started))

version=$(node -p "require('$ROOT/package.json').version")
revision=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
# The commit date, not "now", so an unchanged tree rebuilds entirely from cache.
created=$(git -C "$ROOT" log -1 --format=%cI 2>/dev/null || echo unknown)
old_id=$("${PODMAN[@]}" image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
log "building $IMAGE from $CONTEXT/Dockerfile"
started=$(now_ms)
# --format docker keeps HEALTHCHECK (the OCI image format has no field for it).
timeout 600 "${PODMAN[@]}" build --format docker --pull=missing "${LIMITS[@]}" \
  --build-arg "VERSION=$version" --build-arg "REVISION=$revision" --build-arg "CREATED=$created" \
  -t "$IMAGE" -f "$CONTEXT/Dockerfile" "$CONTEXT" >/tmp/nmcp-container-build.log 2>&1 || {
  tail -n 40 /tmp/nmcp-container-build.log >&2
  die "podman build failed (full log: /tmp/nmcp-container-build.log)"
}
build_ms=$(($(now_ms) - started))
new_id=$("${PODMAN[@]}" image inspect --format '{{.Id}}' "$IMAGE")
if [[ -n "$old_id" && "$old_id" != "$new_id" ]]; then
  "${PODMAN[@]}" rmi "$old_id" >/dev/null 2>&1 || true
fi
# Untagged build-stage images are the layer cache; keep a day of them, not every run's.
"${PODMAN[@]}" image prune -f --filter until=24h >/dev/null 2>&1 || true
size=$("${PODMAN[@]}" image inspect --format '{{.Size}}' "$IMAGE")
user=$("${PODMAN[@]}" image inspect --format '{{.Config.User}}' "$IMAGE")
[[ "$user" == 1000:1000 ]] || die "image user is '$user', expected 1000:1000"

# ---- 1. demo mode, hardened, published on loopback ----
port=$(free_port)
log "phase 1: demo mode on 127.0.0.1:$port (read-only, cap-drop ALL, uid 1000)"
started=$(now_ms)
quiet "${PODMAN[@]}" run -d --name "$API" "${LIMITS[@]}" "${HARDENED[@]}" \
  -e DEMO_MODE=true -p "127.0.0.1:$port:7001" "$IMAGE" >/dev/null
healthy_ms=$(wait_ok "http://127.0.0.1:$port/healthz" "$started")
log "/healthz answered ${healthy_ms} ms after podman run"
curl -fsS --max-time 5 "http://127.0.0.1:$port/readyz" >/dev/null || die "/readyz not ready in demo mode"
quiet "${PODMAN[@]}" healthcheck run "$API" >/dev/null || die "the image HEALTHCHECK failed"
check_tool "http://127.0.0.1:$port" prefixes_by_location AMS01
uid=$("${PODMAN[@]}" exec "$API" id -u)
[[ "$uid" == 1000 ]] || die "process runs as uid $uid"
if "${PODMAN[@]}" exec "$API" sh -c 'touch /app/x || touch /tmp/x' 2>/dev/null; then
  die "the root filesystem is writable"
fi
memory=$("${PODMAN[@]}" stats --no-stream --format '{{.MemUsage}}' "$API" | awk -F' / ' '{print $1}')
started=$(now_ms)
quiet "${PODMAN[@]}" stop -t 30 "$API" >/dev/null
stop_ms=$(($(now_ms) - started))
code=$("${PODMAN[@]}" inspect --format '{{.State.ExitCode}}' "$API")
[[ "$code" == 0 ]] || die "exit code $code after SIGTERM (expected a graceful exit 0)"
quiet "${PODMAN[@]}" rm "$API" >/dev/null

# ---- 2. the compose topology: server -> simulator by service name, metrics port ----
port=$(free_port)
metrics_port=$(free_port)
while [[ "$metrics_port" == "$port" ]]; do metrics_port=$(free_port); done
log "phase 2: server -> nautobot-sim on a private network, 127.0.0.1:$port, metrics :$metrics_port"
"${PODMAN[@]}" network create "$SIM_NET" >/dev/null
quiet "${PODMAN[@]}" run -d --name "nautobot-sim-$SUFFIX" --network "$SIM_NET" \
  --network-alias nautobot-sim "${LIMITS[@]}" "${HARDENED[@]}" "$IMAGE" \
  node dist/libs/nautobot-sim/src/sim-cli.js --host 0.0.0.0 --port 8080 >/dev/null
quiet "${PODMAN[@]}" run -d --name "$API" --network "$SIM_NET" "${LIMITS[@]}" "${HARDENED[@]}" \
  -e NAUTOBOT_URL=http://nautobot-sim:8080 -e NAUTOBOT_TOKEN="$DEMO_TOKEN" -e AUTH_MODE=none \
  -e METRICS_PORT=9464 -p "127.0.0.1:$port:7001" -p "127.0.0.1:$metrics_port:9464" \
  "$IMAGE" >/dev/null
wait_ok "http://127.0.0.1:$port/readyz" "$(now_ms)" >/dev/null
check_tool "http://127.0.0.1:$port" devices_by_location AMS01

# Every metric the Grafana dashboard charts is exported, and the call above was counted.
metrics=$(curl -fsS --max-time 5 "http://127.0.0.1:$metrics_port/metrics") ||
  die "GET /metrics on the metrics port failed"
# shellcheck disable=SC2013 # metric names are single words
for name in $(grep -oE '"expr": "[^"]*' "$ROOT/deploy/grafana/nautobot-mcp-server.json" |
  grep -oE '\b(nautobot_mcp|process|nodejs)_[a-z_]+' | sed -E 's/_(bucket|count|sum)$//' | sort -u); do
  grep -q "^# TYPE $name " <<<"$metrics" || die "/metrics has no $name (the dashboard charts it)"
done
counted=$(grep -E '^nautobot_mcp_tool_invocations_total\{.*tool="devices_by_location"' <<<"$metrics" || true)
[[ "$counted" == *'outcome="ok"'* ]] ||
  die "the tool call is not counted in nautobot_mcp_tool_invocations_total"
memory_server=$("${PODMAN[@]}" stats --no-stream --format '{{.MemUsage}}' "$API" | awk -F' / ' '{print $1}')

log "OK"
printf '%s\n' \
  "image:            $IMAGE ($(numfmt --to=si --suffix=B "$size"), user $user)" \
  "base image:       ${base_ms} ms to make available" \
  "build:            ${build_ms} ms" \
  "start to healthy: ${healthy_ms} ms (podman run -> first 200 from /healthz)" \
  "memory:           $memory in demo mode, $memory_server against a Nautobot (after one call)" \
  "stop (SIGTERM):   ${stop_ms} ms, exit code 0"
