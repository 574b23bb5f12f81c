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
build_app
IVR_STUDIO_BIN="$(target_dir)/release/ivr-studio" E2E_ARTIFACTS="$ARTIFACTS/e2e" \
  LC_ALL=C.UTF-8 \
  xvfb-run -a -s "-screen 0 1360x850x24" \
  dbus-run-session -- bash scripts/e2e-session.sh "$@"
