#!/usr/bin/env bash
# Makes sure the Dockerfile's base image (node:24-bookworm-slim) is in local podman storage.
#
# Order: already there -> done; `podman pull` works -> done; otherwise build a stand-in
# locally and import it under the same name, so the real Dockerfile builds unchanged on a
# machine that reaches no container registry (this project's CI). The stand-in mirrors the
# upstream image where it matters to us: Debian bookworm (minbase), Node 24 at
# /usr/local/bin/node with npm and npx, a `node` user with uid/gid 1000, CMD ["node"].
# Node comes from the npm registry's node-linux-<arch> package (the binary the `node@24`
# npm package installs) and npm from the `npm@11` package.
#
# One difference: this machine may reach the npm registry through a TLS-inspecting proxy,
# so the stand-in trusts this machine's CA bundle (NODE_EXTRA_CA_CERTS). The upstream image
# relies on Node's built-in CAs.
#
# Needs root (debootstrap, chroot). Usage: scripts/container-base-image.sh [image-name]
# Env: PODMAN (default "podman --runtime runc"), NODE_MAJOR (24), NPM_MAJOR (11).
set -euo pipefail

IMAGE="${1:-docker.io/library/node:24-bookworm-slim}"
NODE_MAJOR="${NODE_MAJOR:-24}"
NPM_MAJOR="${NPM_MAJOR:-11}"
read -r -a PODMAN <<<"${PODMAN:-podman --runtime runc}"

log() { printf '[base-image] %s\n' "$*" >&2; }

if "${PODMAN[@]}" image exists "$IMAGE"; then
  log "$IMAGE is in local storage"
  exit 0
fi

if [[ "${SKIP_PULL:-}" != 1 ]] && timeout 60 "${PODMAN[@]}" pull -q "$IMAGE" >/dev/null 2>&1; then
  log "pulled $IMAGE"
  exit 0
fi
log "cannot pull $IMAGE: building a local stand-in (debootstrap + Node from the npm registry)"

if [[ $(id -u) -ne 0 ]]; then
  log "building the stand-in needs root (debootstrap, chroot)"
  exit 1
fi
if ! command -v debootstrap >/dev/null; then
  log "installing debootstrap"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq
  timeout 300 apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

# The Debian mirror this machine's apt uses (deb822 .sources or one-line .list), not security.
debian_mirror() {
  local uri
  uri=$(grep -hsE '^\s*URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' |
    grep -v security | grep '/debian' | head -n1 || true)
  if [[ -z "$uri" ]]; then
    uri=$(grep -hsE '^\s*deb\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
      grep -v security | grep -oE 'https?://[^ ]+/debian/?' | head -n1 || true)
  fi
  printf '%s\n' "${uri:-http://deb.debian.org/debian}"
}

case "$(uname -m)" in
  x86_64) NODE_ARCH=x64 ;;
  aarch64) NODE_ARCH=arm64 ;;
  *)
    log "unsupported architecture $(uname -m)"
    exit 1
    ;;
esac

WORK=$(mktemp -d /var/tmp/node-base.XXXXXX)
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
ROOTFS="$WORK/rootfs"
MIRROR=$(debian_mirror)

log "debootstrap bookworm from $MIRROR"
timeout 600 debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
  tail -n 30 "$WORK/debootstrap.log" >&2
  exit 1
}

log "Node ${NODE_MAJOR} (node-linux-${NODE_ARCH}) and npm ${NPM_MAJOR} from the npm registry"
(
  cd "$WORK"
  timeout 300 npm pack --silent "node-linux-${NODE_ARCH}@${NODE_MAJOR}" "npm@${NPM_MAJOR}" >packed.txt 2>/dev/null
)
NODE_TGZ="$WORK/$(grep '^node-linux' "$WORK/packed.txt")"
NPM_TGZ="$WORK/$(grep '^npm-' "$WORK/packed.txt")"
install -d "$ROOTFS/usr/local/bin" "$ROOTFS/usr/local/lib/node_modules/npm"
tar -xzf "$NODE_TGZ" -C "$WORK" package/bin/node
install -m 0755 "$WORK/package/bin/node" "$ROOTFS/usr/local/bin/node"
tar -xzf "$NPM_TGZ" -C "$ROOTFS/usr/local/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS/usr/local/bin/npx"

# Same user as the upstream image; trust this machine's CAs (see the header).
chroot "$ROOTFS" /bin/sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
install -D -m 0644 /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/ca-certificates.crt"
NODE_VERSION=$(chroot "$ROOTFS" /usr/local/bin/node --version)
NPM_VERSION=$(chroot "$ROOTFS" /usr/local/bin/node /usr/local/bin/npm --version 2>/dev/null)
log "node $NODE_VERSION, npm $NPM_VERSION"

# Slim it like the upstream -slim images: no docs, man pages, locales or apt lists.
rm -rf "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* \
  "$ROOTFS"/usr/share/locale/* "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/* \
  "$ROOTFS"/var/cache/debconf/*-old "$ROOTFS"/var/log/* "$ROOTFS"/tmp/*

tar --numeric-owner -C "$ROOTFS" -c . |
  "${PODMAN[@]}" import -q \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV NODE_VERSION=${NODE_VERSION#v}" \
    --change "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt" \
    --change 'CMD ["node"]' \
    --message "local stand-in for $IMAGE (debootstrap bookworm + Node from the npm registry)" \
    - "$IMAGE" >/dev/null
log "imported $IMAGE"
