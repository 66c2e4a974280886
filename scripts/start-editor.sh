#!/usr/bin/env bash
# `npm start`: the extension in a real editor on the example workspace, on the embedded engine.
# Installs the tools once (scripts/setup-editor.sh), packages the VSIX, installs it into code-server and
# opens examples/card-dw. Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-editor.sh
npm run --silent package >/dev/null
TOOLS="${TABLESPEC_TOOLS:-$HOME/.cache/tablespec-tools}"
NODE="$TOOLS/node24/bin/node"
CODE_SERVER=("$NODE" "$TOOLS/code-server/node_modules/code-server/out/node/entry.js")
STATE="$TOOLS/editor"
mkdir -p "$STATE/extensions" "$STATE/user-data/User"
# Settings of this editor only: no telemetry prompts, the walkthrough on start.
printf '{\n  "workbench.startupEditor": "none",\n  "telemetry.telemetryLevel": "off",\n  "security.workspace.trust.enabled": false\n}\n' > "$STATE/user-data/User/settings.json"
"${CODE_SERVER[@]}" --install-extension "$PWD/tablespec-linux-x64.vsix" --force --extensions-dir "$STATE/extensions" --user-data-dir "$STATE/user-data" >/dev/null
PORT="${PORT:-8080}"
WORKSPACE="$PWD/examples/card-dw"
echo
echo "TableSpec is running in code-server: open http://127.0.0.1:$PORT/?folder=$WORKSPACE"
echo "(the example workspace, local engine; a salt for hashed columns is asked on the first load)"
echo
exec "${CODE_SERVER[@]}" --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --user-data-dir "$STATE/user-data" --extensions-dir "$STATE/extensions" "$WORKSPACE"
