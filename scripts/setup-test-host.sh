#!/usr/bin/env bash
# Installs the test host for the real-VS-Code and browser tiers, idempotently:
#   - Debian packages: chromium (the browser the UI check and the code-server route drive), ripgrep (fed to
#     @vscode/ripgrep instead of its GitHub download), libkrb5-dev (code-server's kerberos module builds
#     against it), python3-httpbin (a real HTTP server on loopback for send tests);
#   - code-server@4.100.3 (bundles VS Code 1.100.3) and playwright-core, in a cached folder OUTSIDE the
#     extension's node_modules: ${FLOW_CALLOUT_TEST_HOST:-$HOME/.cache/flow-callout-test-host}.
# Works as root under CI=true with no stdin. Safe to run again: it only does what is missing.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_CORE_VERSION=1.65.1
HOST_DIR="${FLOW_CALLOUT_TEST_HOST:-$HOME/.cache/flow-callout-test-host}"
APT_PACKAGES=(chromium ripgrep libkrb5-dev python3-httpbin)

log() { printf '[setup-test-host] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
    log "need root to run: $*"; return 1; fi
}

# 1. Debian packages ------------------------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$pkg"); fi
done
if [ ${#missing[@]} -eq 0 ]; then
  log "apt: already installed: ${APT_PACKAGES[*]}"
else
  log "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update </dev/null
  as_root apt-get install -y --no-install-recommends "${APT_PACKAGES[@]}" </dev/null
fi

# 2. The code-server folder -----------------------------------------------------------------------------
marker="$HOST_DIR/.installed-code-server-$CODE_SERVER_VERSION-playwright-core-$PLAYWRIGHT_CORE_VERSION"
server_main="$HOST_DIR/node_modules/code-server/lib/vscode/out/server-main.js"
if [ -f "$marker" ] && [ -f "$server_main" ] && [ -d "$HOST_DIR/node_modules/playwright-core" ]; then
  log "code-server@$CODE_SERVER_VERSION and playwright-core@$PLAYWRIGHT_CORE_VERSION already in $HOST_DIR"
  exit 0
fi

mkdir -p "$HOST_DIR"
log "installing code-server@$CODE_SERVER_VERSION and playwright-core@$PLAYWRIGHT_CORE_VERSION into $HOST_DIR"

# @vscode/ripgrep's postinstall downloads rg from GitHub unless a cached tarball is present: give it Debian's.
rg_bin="$(command -v rg)"
rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
rg_tar="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$rg_tar" ]; then
  log "ripgrep: caching $rg_bin as $rg_tar"
  mkdir -p "$rg_cache"
  tmp="$(mktemp -d)"
  cp "$rg_bin" "$tmp/rg"
  tar -czf "$rg_tar" -C "$tmp" rg
  rm -rf "$tmp"
fi

cat >"$HOST_DIR/package.json" <<JSON
{
  "name": "flow-callout-test-host",
  "private": true,
  "description": "Test host for Flow Callout Studio: a real VS Code (code-server) and a Chromium driver. Installed by scripts/setup-test-host.sh.",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_CORE_VERSION"
  }
}
JSON
# unsafe-perm: installing as root; yes: node-pty's postinstall runs `npx node-gyp` (the user config says
# yes=false); nodedir: node-gyp must use the local Node headers, nodejs.org is unreachable.
cat >"$HOST_DIR/.npmrc" <<'NPMRC'
unsafe-perm=true
yes=true
nodedir=/usr
fund=false
audit=false
NPMRC

(
  cd "$HOST_DIR"
  export npm_config_yes=true npm_config_nodedir=/usr
  npm install --foreground-scripts </dev/null
)

[ -f "$server_main" ] || { log "code-server installed but $server_main is missing"; exit 1; }
touch "$marker"
log "done: $(node -p "require('$HOST_DIR/node_modules/code-server/package.json').version") (VS Code $(node -p "require('$HOST_DIR/node_modules/code-server/lib/vscode/package.json').version")) in $HOST_DIR"
