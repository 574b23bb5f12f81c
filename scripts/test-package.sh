#!/usr/bin/env bash
# The packages as a user meets them (issue 18): builds them
# (scripts/package.sh); checks the .deb with lintian (no errors) and the
# .rpm's file list (rpm -qlp); installs the .deb with apt-get; runs the
# installed `ivr --version` and its bash completion; validates the desktop
# entry and finds the file types registered; starts the installed app through
# its desktop entry's Exec line with a *.ivr.json under Xvfb and sees the
# flow on the canvas (tests/e2e/package/installed.test.mjs, WebDriver); then
# purges the package and finds none of its files left, the user's data kept.
#
#   bash scripts/test-package.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/common.sh
source "$ROOT/scripts/common.sh"
ARTIFACTS="$ROOT/artifacts"
mkdir -p "$ARTIFACTS/e2e"

ensure_packages "${PACKAGE_PACKAGES[@]}"
bash scripts/package.sh

BUNDLE="$(target_dir)/release/bundle"
DEB=$(ls "$BUNDLE"/deb/*.deb)
RPM=$(ls "$BUNDLE"/rpm/*.rpm)
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo)
fail() { printf 'test-package: FAILED: %s\n' "$*" >&2; exit 1; }
pass() { printf 'test-package: ok: %s\n' "$*"; PASSED=$((PASSED + 1)); }
PASSED=0

say "==> sizes"
# Issue 18's targets (docs/performance.md, "Release size"), in bytes.
APP_BYTES=$(stat -c %s "$(target_dir)/release/ivr-studio")
IVR_BYTES=$(stat -c %s "$ROOT/target/package/ivr")
[ "$APP_BYTES" -lt 15000000 ] || fail "ivr-studio is $APP_BYTES bytes; the target is under 15,000,000"
[ "$IVR_BYTES" -lt 8000000 ] || fail "ivr (as packaged) is $IVR_BYTES bytes; the target is under 8,000,000"
pass "sizes: ivr-studio $APP_BYTES bytes, ivr $IVR_BYTES bytes, .deb $(stat -c %s "$DEB"), .rpm $(stat -c %s "$RPM")"

say "==> lintian $DEB"
# Errors fail; tags that cannot be fixed are overridden in the package
# (packaging/linux/lintian-overrides), each with its reason.
lintian --fail-on error --no-tag-display-limit "$DEB" | tee "$ARTIFACTS/lintian.txt" ||
  fail "lintian found errors in the .deb (artifacts/lintian.txt)"
pass "lintian: no errors ($(grep -c '^W:' "$ARTIFACTS/lintian.txt" || true) warnings)"

say "==> rpm -qlp $RPM"
rpm -qlp "$RPM" | tee "$ARTIFACTS/rpm-files.txt"
for f in /usr/bin/ivr-studio /usr/bin/ivr /usr/share/man/man1/ivr.1.gz /usr/share/man/man1/ivr-studio.1.gz \
  /usr/share/bash-completion/completions/ivr /usr/share/zsh/vendor-completions/_ivr \
  /usr/share/fish/vendor_completions.d/ivr.fish /usr/share/mime/packages/ivr-studio.xml \
  /usr/share/icons/hicolor/128x128/apps/ivr-studio.png; do
  grep -qxF "$f" "$ARTIFACTS/rpm-files.txt" || fail "the .rpm does not hold $f"
done
grep -q '\.desktop$' "$ARTIFACTS/rpm-files.txt" || fail "the .rpm holds no desktop entry"
for f in index.json main-menu.ivr.json after-hours.ivr.json callback.ivr.json account-lookup.ivr.json \
  survey.ivr.json language.ivr.json; do
  grep -q "/templates/$f\$" "$ARTIFACTS/rpm-files.txt" || fail "the .rpm does not hold the template $f"
done
pass "rpm: the app, ivr, its manual and completions, the file types, icons, desktop entry and templates"

say "==> apt-get install $DEB"
PKG=$(dpkg-deb -f "$DEB" Package)
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$DEB"
dpkg -L "$PKG" >"$ARTIFACTS/deb-files.txt"
command -v ivr-studio >/dev/null || fail "ivr-studio is not on PATH after the install"
VERSION=$(ivr --version) || fail "the installed ivr --version failed"
printf '%s\n' "$VERSION"
[[ $VERSION == ivr* ]] || fail "ivr --version printed: $VERSION"
bash -c 'source /usr/share/bash-completion/completions/ivr && complete -p ivr' | grep -q ivr ||
  fail "the installed bash completion does not complete ivr"
man -w ivr >/dev/null 2>&1 || [ -f /usr/share/man/man1/ivr.1.gz ] || fail "no manual page for ivr"
TEMPLATES=$(grep -E '/templates/index\.json$' "$ARTIFACTS/deb-files.txt" | head -1)
[ -n "$TEMPLATES" ] && [ -f "$TEMPLATES" ] || fail "the .deb installed no templates/index.json"
pass "installed: ivr --version ($VERSION), bash completion, manual page, templates ($TEMPLATES)"

# Every shared library the two binaries load is found, and comes from a
# package the .deb depends on, directly or not (what dpkg-shlibdeps would
# have declared): a user's apt-get pulls in all they need.
CLOSURE=$(apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances "$PKG" | awk '/Depends:/ { gsub(/[<>]/, "", $2); print $2 }' |
  sed 's/:.*//' | sort -u)
libs=0
for bin in /usr/bin/ivr-studio /usr/bin/ivr; do
  loaded=$(ldd "$bin")
  ! grep -q 'not found' <<<"$loaded" || fail "$bin needs a library that is not installed: $(grep 'not found' <<<"$loaded")"
  while read -r soname; do
    path=$(awk -v l="$soname" '$1 == l { print $3 }' <<<"$loaded")
    [ -n "$path" ] || continue
    owner=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path" 2>/dev/null || true)
    owner=${owner%%:*}
    [ -n "$owner" ] || fail "$bin loads $soname ($path), which no package owns"
    grep -qxF "$owner" <<<"$CLOSURE" || fail "$bin loads $soname from $owner, which $PKG does not depend on"
    libs=$((libs + 1))
  done < <(objdump -p "$bin" | awk '/NEEDED/ { print $2 }')
done
pass "shared libraries: all $libs the binaries load are installed and come from the package's dependencies"

DESKTOP=$(grep -E '^/usr/share/applications/.*\.desktop$' "$ARTIFACTS/deb-files.txt" | head -1)
[ -n "$DESKTOP" ] || fail "the .deb installed no desktop entry"
desktop-file-validate "$DESKTOP" || fail "$DESKTOP does not validate"
grep -q '^MimeType=.*application/x-ivr-studio-flow+json' "$DESKTOP" || fail "$DESKTOP opens no *.ivr.json"
grep -q '^Comment\[zh_CN\]=' "$DESKTOP" || fail "$DESKTOP has no Chinese comment"
# shared-mime-info's trigger has read the package's types.
[ -f /usr/share/mime/application/x-ivr-studio-flow+json.xml ] ||
  "${SUDO[@]}" update-mime-database /usr/share/mime
[ -f /usr/share/mime/application/x-ivr-studio-flow+json.xml ] || fail "the *.ivr.json type is not registered"
pass "desktop entry validates, in English and Chinese, and *.ivr.json / *.task.json are registered"

say "==> the installed app, started by its desktop entry with a flow"
IVR_STUDIO_BIN="$(command -v ivr-studio)" IVR_DESKTOP_FILE="$DESKTOP" E2E_ARTIFACTS="$ARTIFACTS/e2e" \
  LC_ALL=C.UTF-8 xvfb-run -a -s "-screen 0 1360x850x24" \
  dbus-run-session -- bash scripts/e2e-session.sh package/installed.test.mjs
pass "the installed app opened the flow given on its Exec line"

say "==> apt-get purge $PKG"
# A user's own file in the app's data folder: a purge must leave it.
USER_DATA="${XDG_DATA_HOME:-$HOME/.local/share}/dev.ivrstudio.app"
mkdir -p "$USER_DATA" && printf 'mine\n' >"$USER_DATA/test-package-keep.txt"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PKG"
left=()
while IFS= read -r f; do
  [ -f "$f" ] || [ -L "$f" ] || continue
  left+=("$f")
done <"$ARTIFACTS/deb-files.txt"
[ ${#left[@]} -eq 0 ] || fail "files left after the purge: ${left[*]}"
! command -v ivr-studio >/dev/null || fail "ivr-studio still on PATH after the purge"
[ -f "$USER_DATA/test-package-keep.txt" ] || fail "the purge removed the user's data"
rm -f "$USER_DATA/test-package-keep.txt"
pass "purged: none of the package's $(wc -l <"$ARTIFACTS/deb-files.txt") paths left, the user's data kept"

printf 'package: %s passed, 0 failed\n' "$PASSED"
