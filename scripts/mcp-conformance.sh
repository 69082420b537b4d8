#!/usr/bin/env bash
# MCP checks beyond the jest suites (docs/mcp.md#conformance): starts the demo server (the
# built CLI, DEMO_MODE=true, a free port on 127.0.0.1), runs the official MCP conformance
# scenarios that apply to any server, then an MCP Inspector CLI smoke test that lists and
# calls the tools, and docs/mcp.md's own Inspector commands on this machine's Node. Exits
# non-zero on any failure; always stops the server.
#
# Both tools need Node >= 22. They and a Node 22 binary (the `node@22` npm package) are
# installed once into a prefix of their own, never into the project (a `node` devDependency
# would shadow Node 20 for every npm script); a later run reuses them.
#
# Usage: bash scripts/mcp-conformance.sh      (runs `npm run build` first when dist/ is missing)
# Env:   MCP_TOOLS_PREFIX (default ~/.cache/nms-node22), MCP_PORT fixes the port.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CLI=dist/apps/server/src/cli.js
PREFIX=${MCP_TOOLS_PREFIX:-$HOME/.cache/nms-node22}
NODE_PACKAGE=node@22
CONFORMANCE_VERSION=0.1.16
INSPECTOR_VERSION=2.12.0
SCENARIOS=(server-initialize ping tools-list dns-rebinding-protection)
NODE22=$PREFIX/node_modules/node/bin/node
WORK=$(mktemp -d)
SERVER_PID=
SUMMARY=()
FAILED=0

cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

die() {
  printf 'mcp-conformance: FAIL: %s\n' "$*" >&2
  if [[ -s "$WORK/server.log" ]]; then
    printf -- '--- server log (last 40 lines) ---\n' >&2
    tail -n 40 "$WORK/server.log" >&2
  fi
  exit 1
}

installed_version() {
  "$NODE22" -p "require('$PREFIX/node_modules/$1/package.json').version" 2>/dev/null || true
}

# 1. Node 22, the conformance suite and the Inspector, in their own prefix (idempotent).
if [[ ! -x "$NODE22" ]] ||
  [[ "$(installed_version @modelcontextprotocol/conformance)" != "$CONFORMANCE_VERSION" ]] ||
  [[ "$(installed_version @modelcontextprotocol/inspector)" != "$INSPECTOR_VERSION" ]]; then
  echo "mcp-conformance: installing $NODE_PACKAGE, conformance $CONFORMANCE_VERSION, inspector $INSPECTOR_VERSION into $PREFIX"
  mkdir -p "$PREFIX"
  timeout 600 npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error \
    "$NODE_PACKAGE" "@modelcontextprotocol/conformance@$CONFORMANCE_VERSION" \
    "@modelcontextprotocol/inspector@$INSPECTOR_VERSION" >"$WORK/install.log" 2>&1 ||
    { cat "$WORK/install.log" >&2; die "npm install into $PREFIX failed"; }
fi
"$NODE22" --version >/dev/null || die "no Node 22 binary at $NODE22"
echo "mcp-conformance: node $("$NODE22" --version), conformance $(installed_version @modelcontextprotocol/conformance), inspector $(installed_version @modelcontextprotocol/inspector)"
# Runs a tool under Node 22 (with Node 22 first on PATH: the tools may spawn `node`), bounded.
run22() { timeout 120 env PATH="$PREFIX/node_modules/node/bin:$PATH" "$NODE22" "$@"; }

# 2. The demo server, on loopback only.
if [[ ! -f "$CLI" ]]; then
  npm run build >/dev/null
fi
PORT=${MCP_PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
BASE="http://127.0.0.1:$PORT"
env -i PATH="$PATH" HOME="$HOME" DEMO_MODE=true HOST=127.0.0.1 PORT="$PORT" LOG_LEVEL=warn \
  node "$CLI" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  if node -e "fetch('$BASE/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    break
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || die "the demo server exited"
  sleep 0.3
done
node -e "fetch('$BASE/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" ||
  die "the demo server did not come up on $BASE"
echo "mcp-conformance: demo server on $BASE/mcp"

# 3. The conformance scenarios.
for scenario in "${SCENARIOS[@]}"; do
  if run22 "$PREFIX/node_modules/.bin/conformance" server --url "$BASE/mcp" --scenario "$scenario" \
    >"$WORK/$scenario.log" 2>&1; then
    SUMMARY+=("PASS conformance $scenario")
  else
    SUMMARY+=("FAIL conformance $scenario")
    FAILED=1
    cat "$WORK/$scenario.log" >&2
  fi
done

# 4. The Inspector CLI: the tools it lists are ours, and a call answers.
inspect() { run22 "$PREFIX/node_modules/.bin/inspector" --cli "$BASE/mcp" "$@"; }
node -e "fetch('$BASE/tools').then(r=>r.json()).then(b=>console.log(JSON.stringify(b.tools.map(t=>t.name).sort())))" \
  >"$WORK/rest-tools.json"
if inspect --method tools/list >"$WORK/inspector-tools.json" 2>"$WORK/inspector.err" &&
  node -e "
    const fs = require('fs');
    const listed = JSON.parse(fs.readFileSync('$WORK/inspector-tools.json', 'utf8')).tools.map((t) => t.name).sort();
    const expected = JSON.parse(fs.readFileSync('$WORK/rest-tools.json', 'utf8'));
    if (expected.length === 0 || JSON.stringify(listed) !== JSON.stringify(expected)) {
      console.error('Inspector listed', listed, 'expected', expected);
      process.exit(1);
    }
    console.log('mcp-conformance: Inspector lists ' + listed.length + ' tools: ' + listed.join(', '));
  "; then
  SUMMARY+=("PASS inspector tools/list")
else
  SUMMARY+=("FAIL inspector tools/list")
  FAILED=1
  cat "$WORK/inspector-tools.json" "$WORK/inspector.err" >&2 || true
fi
if inspect --method tools/call --tool-name prefixes_by_location --tool-arg location=AMS01 \
  --tool-arg limit=2 >"$WORK/inspector-call.json" 2>"$WORK/inspector.err" &&
  node -e "
    const r = JSON.parse(require('fs').readFileSync('$WORK/inspector-call.json', 'utf8'));
    if (r.isError || r.structuredContent?.count !== 2) { console.error(JSON.stringify(r)); process.exit(1); }
  "; then
  SUMMARY+=("PASS inspector tools/call")
else
  SUMMARY+=("FAIL inspector tools/call")
  FAILED=1
  cat "$WORK/inspector-call.json" "$WORK/inspector.err" >&2 || true
fi

# 5. docs/mcp.md's Inspector commands as written there, on this machine's Node (20): the version
#    the page pins must install, list and call the tools, and take --header against a server
#    with API keys (an unpinned npx on Node 20 resolves 0.15.0, which has no --header).
#    Installed once into a prefix per Node major, like the tools above.
DOC_INSPECTOR=$(sed -n 's/^INSPECTOR=\([^ ]*\).*/\1/p' docs/mcp.md | head -n 1)
[[ "$DOC_INSPECTOR" =~ ^@modelcontextprotocol/inspector@[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
  die "docs/mcp.md must pin the Inspector as INSPECTOR=@modelcontextprotocol/inspector@X.Y.Z (found '$DOC_INSPECTOR')"
DOC_PREFIX=${MCP_DOC_INSPECTOR_PREFIX:-$HOME/.cache/nms-inspector-node$(node -p 'process.versions.node.split(".")[0]')}
DOC_PACKAGE=$DOC_PREFIX/node_modules/@modelcontextprotocol/inspector
if [[ "$(node -p "require('$DOC_PACKAGE/package.json').version" 2>/dev/null)" != "${DOC_INSPECTOR##*@}" ]]; then
  mkdir -p "$DOC_PREFIX"
  timeout 600 npm install --prefix "$DOC_PREFIX" --no-audit --no-fund --loglevel=error "$DOC_INSPECTOR" \
    >"$WORK/doc-install.log" 2>&1 || { cat "$WORK/doc-install.log" >&2; die "npm install $DOC_INSPECTOR failed"; }
fi
# The package's own bin (mcp-inspector in 0.x, inspector in 2.x), as npx would run it.
DOC_BIN=$DOC_PACKAGE/$(node -p "const { bin } = require('$DOC_PACKAGE/package.json');
  typeof bin === 'string' ? bin : Object.values(bin)[0]")
docinspect() { timeout 120 node "$DOC_BIN" --cli "$@"; }
KEYED_PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
DOC_KEY=$(node -p "require('crypto').randomBytes(24).toString('hex')")
env -i PATH="$PATH" HOME="$HOME" DEMO_MODE=true AUTH_MODE=api_key API_KEYS="docs=$DOC_KEY" HOST=127.0.0.1 \
  PORT="$KEYED_PORT" LOG_LEVEL=warn node "$CLI" serve >"$WORK/keyed-server.log" 2>&1 &
KEYED_PID=$!
for _ in $(seq 1 100); do
  node -e "fetch('http://127.0.0.1:$KEYED_PORT/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" && break
  sleep 0.3
done
if docinspect "$BASE/mcp" --method tools/list >"$WORK/doc-tools.json" 2>"$WORK/doc.err" &&
  docinspect "$BASE/mcp" --method tools/call --tool-name prefixes_by_location --tool-arg location=AMS01 \
    --tool-arg limit=2 >"$WORK/doc-call.json" 2>>"$WORK/doc.err" &&
  docinspect "http://127.0.0.1:$KEYED_PORT/mcp" --header "X-API-Key: $DOC_KEY" --method tools/list \
    >"$WORK/doc-keyed.json" 2>>"$WORK/doc.err" &&
  node -e "
    const fs = require('fs');
    const read = (f) => JSON.parse(fs.readFileSync('$WORK/' + f, 'utf8'));
    const [open, keyed, call] = [read('doc-tools.json'), read('doc-keyed.json'), read('doc-call.json')];
    if (open.tools.length === 0 || keyed.tools.length !== open.tools.length || call.isError || call.structuredContent?.count !== 2) {
      console.error(JSON.stringify({ open: open.tools.length, keyed: keyed.tools.length, call }));
      process.exit(1);
    }
  "; then
  SUMMARY+=("PASS docs/mcp.md Inspector commands ($DOC_INSPECTOR on node $(node --version), with --header)")
else
  SUMMARY+=("FAIL docs/mcp.md Inspector commands ($DOC_INSPECTOR on node $(node --version))")
  FAILED=1
  cat "$WORK/doc-tools.json" "$WORK/doc-call.json" "$WORK/doc-keyed.json" "$WORK/doc.err" >&2 || true
fi
kill "$KEYED_PID" 2>/dev/null || true
wait "$KEYED_PID" 2>/dev/null || true

echo "mcp-conformance summary:"
printf '  %s\n' "${SUMMARY[@]}"
if [[ $FAILED -ne 0 ]]; then
  die "see the failures above"
fi
echo "mcp-conformance: all MCP checks passed"
