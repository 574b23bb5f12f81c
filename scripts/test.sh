#!/usr/bin/env bash
# THE test command: sets up what is missing, then runs every check and test,
# in order, each stage timed: formatting; the UI's typecheck, unit tests and
# build; clippy; the Rust tests (with the TypeScript-binding freshness check);
# the keyring test (scripts/test-keyring.sh); the decoders' fuzz targets
# (scripts/test-fuzz.sh); the release app;
# the real-window end-to-end test under Xvfb; and the packages. Stops at the first failure,
# naming the stage. Screenshots and logs go to artifacts/.
#
#   bash scripts/test.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"

ARTIFACTS="$ROOT/artifacts"
LOG="$ARTIFACTS/test.log"
mkdir -p "$ARTIFACTS"
: >"$LOG"

STAGE="start"
T_STAGE=$SECONDS
SUMMARY=()
T_ALL=$SECONDS
trap 'rc=$?; if [ $rc -ne 0 ]; then printf "\nFAILED: stage \"%s\" (exit %s) after %ss; log: %s\n" "$STAGE" "$rc" "$((SECONDS - T_STAGE))" "$LOG" >&2; fi' EXIT

# /dev/null must be the null device. Two CI runs failed because it had
# become a regular file: cargo's probe of rustc (`rustc - --print ...`) reads
# it as its standard input, and rustc then compiled the text earlier commands
# had thrown away there ("cc: error: unrecognized command-line option",
# "help: find a package to install `fuzz`") as Rust. Put it back, saying
# during which stage it was replaced.
guard_dev_null() {
  [ -c /dev/null ] && return 0
  echo "warning: /dev/null is not the null device (after stage \"$STAGE\"); making it again" >&2
  if [ "$(id -u)" -eq 0 ]; then
    rm -f /dev/null && mknod -m 666 /dev/null c 1 3
  else
    sudo sh -c 'rm -f /dev/null && mknod -m 666 /dev/null c 1 3'
  fi
}

# stage NAME FUNCTION: runs FUNCTION, its output shown and kept in the log,
# its standard input the null device.
stage() {
  guard_dev_null
  STAGE=$1
  T_STAGE=$SECONDS
  printf '\n==> %s\n' "$1"
  "$2" </dev/null 2>&1 | tee -a "$LOG"
  local took=$((SECONDS - T_STAGE))
  SUMMARY+=("$(printf '%-14s %5ss' "$1" "$took")")
  printf '<== %s: ok (%ss)\n' "$1" "$took"
}

setup() {
  ensure_rust
  ensure_disk 7168 "the whole test run"
  ensure_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}"
  ensure_node
  npm_ci ui
  npm_ci tests/e2e
  ensure_tauri_driver
  ensure_tauri_cli
  ensure_python_module junitparser
}

fmt() {
  cargo fmt --all -- --check
  # The fuzz targets are their own cargo project, outside the workspace.
  (cd fuzz && cargo fmt -- --check)
}

ui() {
  (cd ui && npm run --silent typecheck && npm test --silent && npm run --silent build)
}

clippy() {
  cargo clippy --workspace --all-targets -- -D warnings
}

rust_tests() {
  cargo test --workspace
}

keyring() {
  bash scripts/test-keyring.sh
}

# Every decoder under libFuzzer for a bounded time (FUZZ_SECONDS each).
fuzz() {
  FUZZ_SECONDS="${FUZZ_SECONDS:-15}" bash scripts/test-fuzz.sh
}

release() {
  build_app
  ls -l "$(target_dir)/release/ivr-studio"
}

e2e() {
  mkdir -p "$ARTIFACTS/e2e"
  rm -f "$ARTIFACTS"/e2e/*.png
  # A 1360x850 display holds the 1360x850 window exactly; a private D-Bus
  # session for WebKitGTK, with its own unlocked throwaway keyring.
  IVR_STUDIO_BIN="$(target_dir)/release/ivr-studio" E2E_ARTIFACTS="$ARTIFACTS/e2e" \
    LC_ALL=C.UTF-8 \
    xvfb-run -a -s "-screen 0 1360x850x24" \
    dbus-run-session -- bash scripts/e2e-session.sh
  ls "$ARTIFACTS"/e2e/
}

# The .deb and .rpm built, checked, installed, started and removed
# (scripts/test-package.sh).
package() {
  bash scripts/test-package.sh
}

# The totals of every test runner in the log: cargo test, vitest, node --test,
# and the keyring and fuzz scripts' own summary lines.
totals() {
  awk '
    /^test result: / { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } }
    /^ +Tests +[0-9]/ { for (i = 1; i <= NF; i++) { if ($(i) == "passed") p += $(i-1); if ($(i) == "failed") f += $(i-1) } }
    /^(# |ℹ )pass [0-9]+$/ { p += $3 }
    /^[a-z-]+: [0-9]+ passed, [0-9]+ failed$/ { p += $2; f += $4 }
    /^(# |ℹ )fail [0-9]+$/ { f += $3 }
    END { printf "%d passed, %d failed\n", p, f }
  ' "$LOG"
}

stage setup setup
stage fmt fmt
stage ui ui
stage clippy clippy
stage rust-tests rust_tests
stage keyring keyring
stage fuzz fuzz
stage release release
stage e2e e2e
stage package package
STAGE="summary"

printf '\n==> summary (%ss in all)\n' "$((SECONDS - T_ALL))"
printf '%s\n' "${SUMMARY[@]}"
printf 'tests: %s\n' "$(totals)"
