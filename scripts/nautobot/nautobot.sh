#!/usr/bin/env bash
# A real Nautobot on loopback for the e2e matrix, the recordings and the benchmark
# (docs/development.md#against-a-real-nautobot).
#
#   scripts/nautobot/nautobot.sh up 2.4|3.x     install, migrate, seed (cached) and serve;
#                                               prints {"version","url","token","pid"} as JSON
#   scripts/nautobot/nautobot.sh down [2.4|3.x] stop that instance (default: all), and the
#                                               PostgreSQL/Redis this script started
#   scripts/nautobot/nautobot.sh status         which instances run
#   scripts/nautobot/nautobot.sh prepare [2.4] [3.x]
#                                               steps 1-3 up to the migrated dump, serving
#                                               nothing (.ci/run starts it in the background
#                                               while `npm test` runs; `up` then waits for it)
#
# What it does, each step skipped when its result is cached:
#   1. PostgreSQL and Redis from Debian (apt-get when missing), started when not running;
#   2. Nautobot in its own virtualenv per version, from scripts/nautobot/lock-<line>.txt
#      (a `pip freeze` of requirements-<line>.txt);
#   3. a database per version: restored from a dump when one matches the lock file and the
#      seed; else migrated, given an admin user and an API token, dumped; then seeded through
#      Nautobot's REST API with the simulator's demo world (scripts/seed-nautobot.ts) and dumped
#      again;
#   4. `nautobot-server start` (uWSGI) on 127.0.0.1, waited for until /api/status/ answers.
#
# Env: NMS_NAUTOBOT_CACHE (default ~/.cache/nms-nautobot) holds venvs, dumps and logs;
#      NAUTOBOT_PORT_24 / NAUTOBOT_PORT_3X (default 8424 / 8432);
#      NMS_NAUTOBOT_FRESH=1 ignores the dumps (migrates and seeds again).
# Progress goes to stderr; stdout carries only the JSON, so `$(… up 2.4)` can be parsed.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CACHE=${NMS_NAUTOBOT_CACHE:-$HOME/.cache/nms-nautobot}
RUN="$CACHE/run"
DB_USER=nautobot
DB_PASSWORD=nautobot-test-only
mkdir -p "$CACHE" "$RUN"

log() { printf '[nautobot] %s\n' "$*" >&2; }
die() {
  printf '[nautobot] error: %s\n' "$*" >&2
  exit 1
}

# The release line → its pinned files and loopback port.
line_of() {
  case "$1" in
    2.4 | 2.4.*) echo 2.4 ;;
    3 | 3.x | 3.*) echo 3.x ;;
    *) die "unknown version '$1': use 2.4 or 3.x" ;;
  esac
}
port_of() {
  case "$1" in
    2.4) echo "${NAUTOBOT_PORT_24:-8424}" ;;
    3.x) echo "${NAUTOBOT_PORT_3X:-8432}" ;;
  esac
}
pinned_version() {
  sed -n 's/^nautobot==\(.*\)$/\1/p' "$HERE/lock-$1.txt"
}
hash_of() { cat "$@" | sha256sum | cut -c1-16; }

as_postgres() { (cd / && runuser -u postgres -- "$@"); }

# Concurrent runs (a background `prepare` and an `up`) take turns: one lock for the services,
# one per release line for its virtualenv and database. The daemons started under a lock are
# started with fds 8 and 9 closed, or they would hold the lock as long as they run.
lock_services() {
  exec 8>"$RUN/lock-services"
  flock 8
}
unlock_services() { flock -u 8; }
lock_line() {
  exec 9>"$RUN/lock-$1"
  flock 9
}

# --- 1. PostgreSQL and Redis ------------------------------------------------------------------

ensure_packages() {
  local missing=()
  command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 ||
    missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 ||
    die "install ${missing[*]} (Debian packages), or run this as root where apt-get works"
  log "installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq
  timeout 600 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_postgres() {
  local cluster
  cluster=$(pg_lsclusters -h | head -n 1)
  [ -n "$cluster" ] || die "no PostgreSQL cluster (pg_lsclusters is empty): pg_createcluster 15 main"
  read -r ver name _port status _rest <<<"$cluster"
  if [ "$status" != online ]; then
    log "starting PostgreSQL $ver/$name"
    pg_ctlcluster "$ver" "$name" start 8>&- 9>&-
    touch "$RUN/started-postgres"
    echo "$ver $name" >"$RUN/postgres-cluster"
  fi
  for _ in $(seq 1 30); do
    as_postgres psql -qtAc 'select 1' >/dev/null 2>&1 && break
    sleep 1
  done
  if ! as_postgres psql -qtAc "select 1 from pg_roles where rolname='$DB_USER'" | grep -q 1; then
    as_postgres psql -qc "create role $DB_USER login createdb"
  fi
  as_postgres psql -qc "alter role $DB_USER password '$DB_PASSWORD'"
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    return 0
  fi
  log "starting Redis on 127.0.0.1:6379"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no \
    --pidfile "$RUN/redis.pid" --logfile "$RUN/redis.log" 8>&- 9>&-
  touch "$RUN/started-redis"
  for _ in $(seq 1 20); do
    redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  die "Redis did not start (see $RUN/redis.log)"
}

# --- 2. Nautobot in a virtualenv --------------------------------------------------------------

ensure_venv() {
  local line=$1 version=$2 venv="$CACHE/venv-$2" want
  want=$(hash_of "$HERE/lock-$line.txt")
  if [ -x "$venv/bin/nautobot-server" ] && [ "$(cat "$venv/.lock-hash" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  log "installing Nautobot $version into $venv (pip, a few minutes on a fresh machine)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$HERE/lock-$line.txt" >&2
  echo "$want" >"$venv/.lock-hash"
}

# --- 3. The database ------------------------------------------------------------------------

nautobot_env() {
  local version=$1
  export NAUTOBOT_CONFIG="$HERE/nautobot_config.py"
  export NAUTOBOT_ROOT="$CACHE/root-$version"
  export NAUTOBOT_DB_NAME="nautobot_${version//./_}"
  export NAUTOBOT_DB_USER=$DB_USER NAUTOBOT_DB_PASSWORD=$DB_PASSWORD NAUTOBOT_DB_HOST=127.0.0.1
  export NAUTOBOT_REDIS_HOST=127.0.0.1 NAUTOBOT_REDIS_PORT=6379
  [ -s "$CACHE/secret-key" ] || head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$CACHE/secret-key"
  NAUTOBOT_SECRET_KEY=$(cat "$CACHE/secret-key")
  export NAUTOBOT_SECRET_KEY
  mkdir -p "$NAUTOBOT_ROOT"
}

recreate_db() {
  as_postgres dropdb --if-exists --force "$NAUTOBOT_DB_NAME"
  # ICU en-US collation, as a production PostgreSQL (en_US.UTF-8) sorts names: "North America"
  # before "NYC01". Debian's default cluster is C.UTF-8 (byte order), which no user runs.
  as_postgres createdb -O "$DB_USER" -T template0 -E UTF8 --locale=C.UTF-8 \
    --locale-provider=icu --icu-locale=en-US "$NAUTOBOT_DB_NAME"
}

restore_db() {
  log "restoring $NAUTOBOT_DB_NAME from $(basename "$1")"
  recreate_db
  PGPASSWORD=$DB_PASSWORD pg_restore -h 127.0.0.1 -U "$DB_USER" -d "$NAUTOBOT_DB_NAME" \
    --no-owner --single-transaction "$1"
}

dump_db() {
  PGPASSWORD=$DB_PASSWORD pg_dump -h 127.0.0.1 -U "$DB_USER" -Fc -f "$1.tmp" "$NAUTOBOT_DB_NAME"
  mv "$1.tmp" "$1"
  log "dumped $NAUTOBOT_DB_NAME to $(basename "$1") ($(du -h "$1" | cut -f1))"
}

# The admin user and its API token (a fixed 40-hex key per version, stored beside the dumps).
bootstrap_admin() {
  local venv=$1 token=$2
  NMS_TOKEN=$token "$venv/bin/nautobot-server" nbshell --command "$(
    cat <<'PY'
import os
from django.contrib.auth import get_user_model
from nautobot.users.models import Token
User = get_user_model()
user, _ = User.objects.get_or_create(username="admin", defaults={"is_superuser": True, "is_staff": True})
user.is_superuser = True
user.is_staff = True
user.set_password("admin")
user.save()
Token.objects.filter(key=os.environ["NMS_TOKEN"]).delete()
Token.objects.create(user=user, key=os.environ["NMS_TOKEN"], write_enabled=True)
PY
  )" >"$RUN/bootstrap.log" 2>&1 || {
    tail -n 40 "$RUN/bootstrap.log" >&2
    die "creating the admin user and token failed"
  }
}

# --- 4. The server --------------------------------------------------------------------------

start_server() {
  local line=$1 version=$2 port=$3 venv="$CACHE/venv-$2"
  local pidfile="$RUN/nautobot-$line.pid" logfile="$RUN/nautobot-$line.log"
  if curl -sf -o /dev/null "http://127.0.0.1:$port/health/" 2>/dev/null; then
    die "port $port is already in use (another Nautobot? scripts/nautobot/nautobot.sh down $line)"
  fi
  log "serving Nautobot $version on http://127.0.0.1:$port (log: $logfile)"
  # The settings of Nautobot's official container image (docker/uwsgi.ini), keep-alive included;
  # 2 processes × 4 threads for a 2-core machine.
  "$venv/bin/nautobot-server" start --http="127.0.0.1:$port" --http-keepalive=1 --master \
    --enable-threads --single-interpreter --die-on-term --need-app --disable-logging \
    --log-4xx --log-5xx --processes=2 --threads=4 --pidfile="$pidfile" --daemonize="$logfile" 8>&- 9>&-
  local token
  token=$(cat "$CACHE/token-$version")
  for _ in $(seq 1 120); do
    if curl -sf -o /dev/null -H "Authorization: Token $token" "http://127.0.0.1:$port/api/status/"; then
      return 0
    fi
    sleep 1
  done
  tail -n 50 "$logfile" >&2 || true
  die "Nautobot $version did not answer on port $port within 120 s"
}

stop_server() {
  local line=$1 pidfile="$RUN/nautobot-$1.pid" pid
  [ -s "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping Nautobot $line (pid $pid)"
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

seed_hash() {
  hash_of "$ROOT/scripts/seed-nautobot.ts" "$ROOT"/libs/nautobot-sim/src/data/{demo,builder,enums}.ts
}

ensure_built() {
  if [ ! -f "$ROOT/dist/scripts/seed-nautobot.js" ] || [ -n "$(find "$ROOT/scripts/seed-nautobot.ts" \
    "$ROOT/libs/nautobot-sim/src" -newer "$ROOT/dist/scripts/seed-nautobot.js" -print -quit)" ]; then
    log "building (npm run build) for the seed script"
    (cd "$ROOT" && npm run -s build >&2)
  fi
}

ensure_services() {
  lock_services
  ensure_packages
  ensure_postgres
  ensure_redis
  unlock_services
}

# The dumps that match this line's lock file and config (migrated) and the seed (seeded).
dump_paths() {
  local lock_hash
  lock_hash=$(hash_of "$HERE/lock-$1.txt" "$HERE/nautobot_config.py")
  MIGRATED_DUMP="$CACHE/migrated-$2-$lock_hash.pgdump"
  SEEDED_DUMP="$CACHE/seeded-$2-$lock_hash-$(seed_hash).pgdump"
}

token_of() {
  [ -s "$CACHE/token-$1" ] || python3 -c "import secrets; print(secrets.token_hex(20))" >"$CACHE/token-$1"
  cat "$CACHE/token-$1"
}

migrate_db() {
  local venv=$1 version=$2 token=$3 dump=$4
  log "migrating a new database for Nautobot $version (a few minutes)"
  recreate_db
  "$venv/bin/nautobot-server" migrate --no-input >"$RUN/migrate-$version.log" 2>&1 ||
    {
      tail -n 40 "$RUN/migrate-$version.log" >&2
      die "migrate failed"
    }
  bootstrap_admin "$venv" "$token"
  dump_db "$dump"
}

# Everything `up` needs before it serves and seeds, for each line given (a fresh machine
# spends most of its time here: pip and `migrate`).
prepare() {
  local line version
  [ $# -gt 0 ] || set -- 2.4 3.x
  ensure_services
  for arg in "$@"; do
    line=$(line_of "$arg")
    version=$(pinned_version "$line")
    lock_line "$line"
    ensure_venv "$line" "$version"
    nautobot_env "$version"
    dump_paths "$line" "$version"
    if [ -s "$SEEDED_DUMP" ] || [ -s "$MIGRATED_DUMP" ]; then
      log "Nautobot $version: prepared (cached)"
    else
      stop_server "$line"
      migrate_db "$CACHE/venv-$version" "$version" "$(token_of "$version")" "$MIGRATED_DUMP"
    fi
    flock -u 9
  done
}

# stdout carries the one JSON line tests parse: everything the steps and the tools they run
# print (pg_ctlcluster's "Removed stale pid file.", pip, uWSGI) goes to stderr. The daemons
# started on the way inherit only stderr, so `$(nautobot.sh up 2.4)` ends when `up` does.
up() {
  serve_line "${1:-}" >&2
  printf '{"line":"%s","version":"%s","url":"http://127.0.0.1:%s","token":"%s","pid":%s}\n' \
    "$UP_LINE" "$UP_VERSION" "$UP_PORT" "$UP_TOKEN" "$(cat "$RUN/nautobot-$UP_LINE.pid")"
}

serve_line() {
  local line version port venv migrated seeded token
  line=$(line_of "${1:-}")
  version=$(pinned_version "$line")
  port=$(port_of "$line")
  venv="$CACHE/venv-$version"
  ensure_services
  lock_line "$line"
  ensure_venv "$line" "$version"
  nautobot_env "$version"
  stop_server "$line"

  dump_paths "$line" "$version"
  migrated=$MIGRATED_DUMP seeded=$SEEDED_DUMP
  token=$(token_of "$version")
  if [ "${NMS_NAUTOBOT_FRESH:-}" = 1 ]; then
    rm -f "$migrated" "$seeded"
  fi

  if [ -s "$seeded" ]; then
    restore_db "$seeded"
    start_server "$line" "$version" "$port"
  else
    if [ -s "$migrated" ]; then
      restore_db "$migrated"
    else
      migrate_db "$venv" "$version" "$token" "$migrated"
    fi
    start_server "$line" "$version" "$port"
    ensure_built
    log "seeding the demo world through the REST API"
    NAUTOBOT_URL="http://127.0.0.1:$port" NAUTOBOT_TOKEN=$token \
      node "$ROOT/dist/scripts/seed-nautobot.js" >&2
    dump_db "$seeded"
  fi
  UP_LINE=$line UP_VERSION=$version UP_PORT=$port UP_TOKEN=$token
}

down() {
  local which=${1:-all}
  if [ "$which" = all ]; then
    stop_server 2.4
    stop_server 3.x
  else
    stop_server "$(line_of "$which")"
    return 0
  fi
  if [ -f "$RUN/started-redis" ]; then
    log "stopping the Redis this script started"
    redis-cli -h 127.0.0.1 shutdown nosave >/dev/null 2>&1 || true
    rm -f "$RUN/started-redis"
  fi
  if [ -f "$RUN/started-postgres" ]; then
    read -r ver name <"$RUN/postgres-cluster"
    log "stopping the PostgreSQL this script started ($ver/$name)"
    pg_ctlcluster "$ver" "$name" stop || true
    rm -f "$RUN/started-postgres"
  fi
}

status() {
  for line in 2.4 3.x; do
    local pidfile="$RUN/nautobot-$line.pid"
    if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "$line: running on http://127.0.0.1:$(port_of "$line") (pid $(cat "$pidfile"))"
    else
      echo "$line: stopped"
    fi
  done
}

case "${1:-}" in
  up) up "${2:-}" ;;
  down) down "${2:-all}" ;;
  status) status ;;
  prepare)
    shift
    prepare "$@"
    ;;
  *)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
