#!/bin/sh
# npm's pretest hook: the browser tests (test/swagger-ui.e2e-spec.ts) drive Chromium.
# Found (CHROMIUM_PATH or /usr/bin/chromium): nothing to do. Missing: install Debian's
# chromium when we are root with apt-get, else stop at once saying what to install,
# rather than failing one browser test after the whole run.
set -eu
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "pretest: $CHROMIUM is missing; installing Debian's chromium (apt-get install chromium)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  if [ -x "$CHROMIUM" ]; then
    exit 0
  fi
  echo "pretest: apt-get installed chromium but $CHROMIUM is still missing; set CHROMIUM_PATH" >&2
  exit 1
fi
cat >&2 <<MSG
npm test needs Chromium for the browser tests, and $CHROMIUM is missing.
Install it, then run npm test again:
  Debian/Ubuntu:  sudo apt-get install -y chromium
  elsewhere:      install Chromium or Chrome and set CHROMIUM_PATH=/path/to/chromium
MSG
exit 1
