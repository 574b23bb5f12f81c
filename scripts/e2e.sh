#!/usr/bin/env bash
# Builds the release app and runs the real-window end-to-end tests on their
# own (the last two stages of scripts/test.sh), optionally only some files:
#
#   bash scripts/e2e.sh                      # every tests/e2e/*.test.mjs
#   bash scripts/e2e.sh editing.test.mjs     # one file (relative to tests/e2e)
#
# Assumes scripts/test.sh has set the machine up once.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"
ARTIFACTS="$ROOT/artifacts"
mkdir -p "$ARTIFACTS/e2e"
build_ui
# Cargo hashes a workspace's own crates by their path relative to the
# workspace, so two clones (or git worktrees) sharing CARGO_TARGET_DIR share
# artifacts: a build from another tree whose files are older would be taken as
# fresh. Touch this tree's sources when the last build came from elsewhere.
STAMP="$(target_dir)/.ivr-studio-built-from"
if [ "$(cat "$STAMP" 2>/dev/null)" != "$ROOT" ]; then
  git ls-files -z -- '*.rs' '*Cargo.toml' 'src-tauri/capabilities/*' | xargs -0 touch
fi
build_app
mkdir -p "$(target_dir)" && printf '%s\n' "$ROOT" >"$STAMP"
IVR_STUDIO_BIN="$(target_dir)/release/ivr-studio" E2E_ARTIFACTS="$ARTIFACTS/e2e" \
  LC_ALL=C.UTF-8 \
  xvfb-run -a -s "-screen 0 1360x850x24" \
  dbus-run-session -- bash scripts/e2e-session.sh "$@"
