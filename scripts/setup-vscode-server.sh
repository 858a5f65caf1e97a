#!/usr/bin/env bash
# Installs what the real-VS-Code suites need, once, into .vscode-test/ (git-ignored):
# Debian's Chromium and the headers code-server's native modules build against, Node 24
# from the npm registry (code-server 4.139 requires it), and code-server itself.
# Safe to re-run: every step is skipped when its result is already there.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="$ROOT/.vscode-test"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
mkdir -p "$CACHE"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# code-server's native modules (kerberos, spdlog, sqlite3, @parcel/watcher, ...) compile with
# node-gyp when no prebuilt binary can be downloaded, which is always the case here.
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || need_apt+=(build-essential)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
for pkg in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

NODE24_DIR="$CACHE/node24"
NODE24="$NODE24_DIR/node_modules/node/bin/node"
if [ ! -x "$NODE24" ]; then
  echo "setup: installing Node 24 from the npm registry"
  mkdir -p "$NODE24_DIR"
  (cd "$NODE24_DIR" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund --loglevel=error node@24 >/dev/null)
fi
NODE24_BIN="$(dirname "$NODE24")"
NODE24_HEADERS="$(find "$NODE24_DIR/node_modules/node/node_modules" -maxdepth 1 -type d -name 'node-linux-*' | head -1)"

CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
# The marker is written last, so an install that failed halfway is redone, not trusted.
if [ ! -f "$CS_DIR/.installed" ] || [ ! -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  echo "setup: installing code-server@$CODE_SERVER_VERSION (about 600 MB, a few minutes)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  # Run from `npm test` (harness: cache missing), the outer npm's npm_config_user_agent names
  # its own Node 20, and code-server's postinstall reads the Node version from it: drop it.
  (cd "$CS_DIR" && echo '{"private":true}' > package.json && \
    PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS" \
    env -u npm_config_user_agent npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  touch "$CS_DIR/.installed"
fi
echo "setup: ready (node24: $NODE24, code-server: $CS_DIR)"
