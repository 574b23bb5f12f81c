#!/usr/bin/env bash
# Builds the installable packages with Tauri's own bundler: a .deb and an
# .rpm holding the app (`ivr-studio`), its desktop entry (English and
# Chinese), icons, the file types it opens (*.ivr.json, *.task.json), and the
# `ivr` command beside it with its bash, zsh and fish completions and manual
# page. Installs what is missing (Debian packages, npm packages, tauri-cli),
# then prints where the packages are and their sizes.
#
#   bash scripts/package.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"

say "==> checking what packaging needs"
ensure_rust
ensure_disk 4096 "the release build and the packages"
ensure_packages "${APP_PACKAGES[@]}"
ensure_node
npm_ci ui
ensure_tauri_cli

say "==> building the editor, the app (release) and the ivr command (its smallest build, profile cli)"
build_ui
build_app
cargo build --profile cli -p ivr-cli

# What the packages carry besides the app: tauri.conf.json's
# bundle.linux.{deb,rpm}.files name these paths (relative to src-tauri/).
STAGE="$ROOT/target/package"
rm -rf "$STAGE" && mkdir -p "$STAGE/completions"
IVR="$(target_dir)/cli/ivr"
cp "$IVR" "$STAGE/ivr"
"$IVR" completions bash >"$STAGE/completions/ivr"
"$IVR" completions zsh >"$STAGE/completions/_ivr"
"$IVR" completions fish >"$STAGE/completions/ivr.fish"
"$IVR" manual | gzip -9n >"$STAGE/ivr.1.gz"
gzip -9nc packaging/linux/ivr-studio.1 >"$STAGE/ivr-studio.1.gz"
strip --strip-unneeded "$STAGE/ivr"
# The release profile strips the app; an older build may not be.
if file "$(target_dir)/release/ivr-studio" | grep -q 'not stripped'; then
  strip --strip-unneeded "$(target_dir)/release/ivr-studio"
fi
# Debian wants a changelog beside the copyright file.
VERSION=$(sed -n 's/^ *"version": "\(.*\)",$/\1/p' src-tauri/tauri.conf.json | head -1)
{
  printf 'ivr-studio (%s) unstable; urgency=medium\n\n' "$VERSION"
  printf '  * Built from commit %s.\n\n' "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  printf ' -- IVR Studio maintainers <maintainers@ivrstudio.dev>  %s\n' \
    "$(date -R -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)")"
} | gzip -9n >"$STAGE/changelog.gz"

say "==> bundling (.deb, .rpm)"
BUNDLE="$(target_dir)/release/bundle"
rm -rf "$BUNDLE/deb" "$BUNDLE/rpm"
(cd src-tauri && cargo tauri bundle --bundles deb,rpm)

say "==> packages"
for f in "$BUNDLE"/deb/*.deb "$BUNDLE"/rpm/*.rpm; do
  printf '%s  %s bytes (%s)\n' "$f" "$(stat -c %s "$f")" "$(du -h "$f" | cut -f1)"
done
printf 'ivr-studio  %s bytes\nivr         %s bytes (stripped, as packaged)\n' \
  "$(stat -c %s "$(target_dir)/release/ivr-studio")" "$(stat -c %s "$STAGE/ivr")"
