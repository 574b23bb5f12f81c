#!/usr/bin/env bash
# Sets up and launches IVR Studio: installs what is missing (Debian packages,
# the UI's npm packages), builds the UI and the release app with the UI
# bundled in, and opens it. `--build-only` stops after the build.
#
#   bash scripts/app.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"

build_only=false
for arg in "$@"; do
  case $arg in
    --build-only) build_only=true ;;
    *) die "unknown option $arg (usage: bash scripts/app.sh [--build-only])" ;;
  esac
done

say "==> checking what the app needs"
ensure_rust
ensure_disk 3072 "the release build"
ensure_packages "${APP_PACKAGES[@]}"
ensure_node
npm_ci ui

say "==> building the editor (ui/dist)"
build_ui
say "==> building the app (release, UI bundled; the first build takes several minutes)"
build_app

bin="$(target_dir)/release/ivr-studio"
say "==> built $bin"
if $build_only; then
  exit 0
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  die "no display (DISPLAY and WAYLAND_DISPLAY are unset): run this from a desktop session, or run $bin under xvfb-run"
fi
say "==> launching IVR Studio"
exec "$bin"
