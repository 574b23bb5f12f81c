#!/usr/bin/env bash
# Runs inside the e2e stage's private D-Bus session: starts one unlocked
# gnome-keyring with a throwaway password and a throwaway data folder before
# any app starts, so every app in the run (and the desktop portal, which would
# otherwise activate a locked keyring of the real HOME) uses it; then runs the
# end-to-end tests. Nothing of the machine's own keyring is touched.
#
#   dbus-run-session -- bash scripts/e2e-session.sh [TEST_FILE...]
set -euo pipefail

KEYRING_HOME=$(mktemp -d "${TMPDIR:-/tmp}/ivr-e2e-keyring-XXXXXX")
trap 'rm -rf "$KEYRING_HOME"' EXIT
# The daemon prints the variables that reach it (GNOME_KEYRING_CONTROL...).
eval "$(printf '%s\n' throwaway-e2e-password |
  XDG_DATA_HOME="$KEYRING_HOME" gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
export IVR_E2E_KEYRING_DATA="$KEYRING_HOME"

cd "$(dirname "${BASH_SOURCE[0]}")/../tests/e2e"
if [ $# -eq 0 ]; then set -- ./*.test.mjs; fi
node --test --test-concurrency=1 --test-timeout=300000 "$@"
