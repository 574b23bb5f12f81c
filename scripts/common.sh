# Shared by scripts/test.sh and scripts/app.sh: finds or installs what the
# project needs, saying what it does. Source it; it defines functions only.

# Debian/Ubuntu packages to build and run the app (Tauri 2 on Linux).
APP_PACKAGES=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config libdbus-1-dev)
# And to run the tests: a virtual display, the WebKit WebDriver, the keyring
# service, screenshots, CJK fonts for the Chinese UI, a window manager
# (started by window-state.test.mjs and menu.test.mjs only: bare Xvfb
# maximises no window and gives no keyboard focus) and xdotool, the keys
# that walk the native menu (menu.test.mjs), and openssl, the HTTPS server
# the cloud client's TLS is tested against (crates/ivr-cloud/tests/tls.rs).
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver gnome-keyring dbus-x11 imagemagick fonts-noto-cjk openbox xdotool openssl)
# And to check the packages: lintian for the .deb, rpm for `rpm -qlp`.
PACKAGE_PACKAGES=(lintian rpm desktop-file-utils)

say() { printf '%s\n' "$*"; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# ensure_packages PKG...: installs the Debian packages that are not installed yet,
# with apt-get as root or through sudo; does nothing when all are present.
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "system packages: all ${#} present"
    return 0
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      die "missing Debian packages: ${missing[*]}; run as root or install sudo"
    fi
  fi
  say "system packages: installing ${missing[*]} with apt-get"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    "${missing[@]}"
}

# ensure_disk MIB WHAT: stops early, with the fix, when the disk that holds the
# build is too full for WHAT (about MIB MiB from an empty target folder, less
# what the target folder holds already), instead of failing half-way through a
# compile with "No space left on device".
ensure_disk() {
  local need=$1 what=$2 dir free have
  dir=$(target_dir)
  mkdir -p "$dir"
  free=$(df -Pm "$dir" | awk 'NR == 2 { print $4 }')
  have=$(du -sm "$dir" 2>/dev/null | awk '{ print $1 }')
  need=$((need - ${have:-0}))
  [ "$need" -lt 512 ] && need=512
  if [ -n "$free" ] && [ "$free" -lt "$need" ]; then
    die "only ${free} MiB free on the disk that holds $dir, and $what needs about ${need} MiB more: free some space (old clones, cargo clean) and run again"
  fi
  say "disk: ${free:-?} MiB free under $dir (about ${need} MiB needed)"
}

# ensure_node: Node.js 20.19+ and npm (Vite 7 needs them).
ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    say "node: not found; installing Debian's nodejs and npm"
    ensure_packages nodejs npm
  fi
  local version major minor
  version=$(node --version | sed 's/^v//')
  major=${version%%.*}
  minor=${version#*.}
  minor=${minor%%.*}
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    die "Node.js $version is too old: the UI build (Vite 7) needs 20.19 or newer"
  fi
  say "node: $version, npm $(npm --version 2>/dev/null)"
}

# ensure_rust: cargo with rustfmt and clippy.
ensure_rust() {
  command -v cargo >/dev/null 2>&1 ||
    die "cargo not found: install Rust 1.90 or newer with rustup (https://rustup.rs)"
  say "rust: $(cargo --version)"
}

# npm_ci DIR: installs DIR's locked npm packages unless node_modules matches
# the lock already. Install scripts are not run: nothing here needs them, and
# some (browser drivers) would try to download binaries.
npm_ci() {
  local dir=$1
  if [ -f "$dir/node_modules/.package-lock.json" ] &&
    [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    say "npm: $dir is up to date"
    return 0
  fi
  say "npm: installing $dir's packages (npm ci)"
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
}

# ensure_tauri_driver: the WebDriver bridge for Tauri apps.
ensure_tauri_driver() {
  if command -v tauri-driver >/dev/null 2>&1 || [ -x "$HOME/.cargo/bin/tauri-driver" ]; then
    say "tauri-driver: present"
    return 0
  fi
  say "tauri-driver: installing with cargo install tauri-driver --locked"
  cargo install tauri-driver --locked
}

# ensure_python_module MODULE [PACKAGE]: a Python module from PyPI (the JUnit
# reader `ivr test`'s output is checked with), installed for this user.
ensure_python_module() {
  local module=$1 package=${2:-$1}
  if python3 -c "import $module" >/dev/null 2>&1; then
    say "python: $module present"
    return 0
  fi
  say "python: installing $package from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check "$package" ||
    python3 -m pip install --quiet --disable-pip-version-check --user --break-system-packages "$package"
}

# ensure_tauri_cli: Tauri's own bundler (`cargo tauri`), from the Rust registry.
ensure_tauri_cli() {
  if cargo tauri --version >/dev/null 2>&1; then
    say "tauri-cli: present ($(cargo tauri --version))"
    return 0
  fi
  say "tauri-cli: installing with cargo install tauri-cli --locked"
  cargo install tauri-cli --version "^2" --locked
}

# The directory cargo builds into.
target_dir() {
  printf '%s\n' "${CARGO_TARGET_DIR:-$ROOT/target}"
}

# build_ui: the editor's static files in ui/dist, which the app embeds.
build_ui() {
  (cd "$ROOT/ui" && npm run --silent build)
}

# build_app: the release binary with its bundled UI (no dev server).
# REMOVE_UNUSED_COMMANDS is what `cargo tauri build` sets for the config's
# build.removeUnusedCommands: Tauri's and the plugins' commands that no
# capability allows are left out of the binary (they could never be called).
build_app() {
  REMOVE_UNUSED_COMMANDS="$ROOT/src-tauri" cargo build --release -p ivr-studio --features tauri/custom-protocol
}
