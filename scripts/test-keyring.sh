#!/usr/bin/env bash
# The real Secret Service test for `ivr profile` (issue 5).
#
# In a throwaway HOME / XDG dirs / IVR_STUDIO_CONFIG_DIR:
#  1. under `dbus-run-session`, with `gnome-keyring-daemon --unlock
#     --components=secrets` unlocked by a throwaway password: add a profile with
#     a secret (--secret-stdin), see `profile list` report it stored (text and
#     JSON, last 4 only), use it (`profile check` reads it back from the
#     keyring), see the item on the bus, remove it and see the item gone;
#  2. with no D-Bus session at all: adding a secret fails with the clear error,
#     nothing is written, and the secret is found nowhere under the throwaway
#     dirs; the environment override still works without a keyring.
#
# Usage: scripts/test-keyring.sh            (builds `ivr` with cargo if needed)
#        IVR_BIN=/path/to/ivr scripts/test-keyring.sh
# Needs: dbus-run-session (dbus), gnome-keyring-daemon (gnome-keyring);
#        gdbus (libglib2.0-bin) for the extra on-the-bus checks, if present.
# Prints one line per check and ends with `keyring: N passed, M failed`;
# exits non-zero on any failure.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SELF="$ROOT/scripts/$(basename "$0")"

PASS=0
FAIL=0
ok() { echo "ok   - $1"; PASS=$((PASS + 1)); }
bad() { echo "FAIL - $1"; FAIL=$((FAIL + 1)); }
# expect DESC COND...: run a test command, count it.
expect() {
    local desc=$1
    shift
    if "$@"; then ok "$desc"; else bad "$desc"; fi
}
has() { [[ "$1" == *"$2"* ]]; }
lacks() { [[ "$1" != *"$2"* ]]; }

SECRET1='kr-test-Secret-4f9Q-2b7Zx'   # stored in the real keyring
SECRET2='nobus-Secret-8hT1-w0Rk5'     # must end up nowhere
LAST4_1=${SECRET1: -4}

# ---------------------------------------------------------------- inside ---
# Runs inside `dbus-run-session`; reports its counts through $COUNTS.
if [[ "${1:-}" == "--inside" ]]; then
    IVR=$IVR_BIN
    out=$(printf '%s\n' "$KEYRING_PASSWORD" |
        gnome-keyring-daemon --unlock --components=secrets 2>&1)
    expect "gnome-keyring-daemon started and unlocked" test $? -eq 0
    if command -v gdbus >/dev/null; then
        for _ in $(seq 1 50); do
            gdbus call --session --dest org.freedesktop.DBus \
                --object-path /org/freedesktop/DBus \
                --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets \
                2>/dev/null | grep -q true && break
            sleep 0.1
        done
    fi

    search_items() {
        gdbus call --session --dest org.freedesktop.secrets \
            --object-path /org/freedesktop/secrets \
            --method org.freedesktop.Secret.Service.SearchItems \
            "{'service': 'ivr-studio', 'username': 'profile/kr-test/secret'}" 2>&1
    }

    out=$(printf '%s\n' "$SECRET1" | "$IVR" profile add kr-test --provider connect \
        --region us-east-1 --instance inst-1 --key-id AKIDKEYRINGTEST --secret-stdin 2>&1)
    rc=$?
    expect "profile add --secret-stdin exits 0" test $rc -eq 0
    expect "add reports the secret stored (last 4 only)" \
        has "$out" "secret stored in the OS keyring (ends in $LAST4_1)"
    expect "add never prints the secret" lacks "$out" "$SECRET1"

    out=$("$IVR" profile list 2>&1)
    expect "profile list exits 0" test $? -eq 0
    expect "profile list says a secret is stored" has "$out" "stored (…$LAST4_1)"
    expect "profile list never prints the secret" lacks "$out" "$SECRET1"

    out=$("$IVR" profile list --format json 2>&1)
    expect "profile list --format json: stored true" has "$out" '"stored": true'
    expect "profile list --format json: last4" has "$out" "\"last4\": \"$LAST4_1\""
    expect "profile list --format json never prints the secret" lacks "$out" "$SECRET1"

    out=$("$IVR" profile check kr-test 2>&1)
    rc=$?
    expect "profile check reads the secret back from the keyring (exit 0)" test $rc -eq 0
    expect "profile check: source, length and last 4 match" \
        has "$out" "credentials from the OS keyring: key id AKIDKEYRINGTEST, secret length ${#SECRET1}, last4 $LAST4_1"
    expect "profile check never prints the secret" lacks "$out" "$SECRET1"

    if command -v gdbus >/dev/null; then
        out=$(search_items)
        expect "the Secret Service holds the item (service ivr-studio)" \
            has "$out" "/org/freedesktop/secrets/collection/"
    else
        echo "skip - gdbus not installed: on-the-bus item check"
    fi

    found=$(grep -rlF -- "$SECRET1" "$IVR_STUDIO_CONFIG_DIR" 2>/dev/null)
    expect "the profiles file holds no secret" test -z "$found"

    # The log of a call signed with the keyring's secret, at the most verbose
    # level (-vv and IVR_LOG=trace), against the local sandbox: the call is
    # there, the secret and the signature are not.
    port=$((20000 + RANDOM % 20000))
    "$IVR" sandbox --addr "127.0.0.1:$port" --data "$IVR_STUDIO_CONFIG_DIR/../sandbox" >/dev/null 2>&1 &
    sandbox=$!
    for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
    printf '%s\n' "$SECRET1" | "$IVR" profile add kr-sb --provider connect --region us-east-1 \
        --instance inst-1 --endpoint "http://127.0.0.1:$port" --key-id AKIDKEYRINGTEST --secret-stdin >/dev/null 2>&1
    log="$IVR_STUDIO_CONFIG_DIR/../ivr-trace.log"
    IVR_LOG=trace "$IVR" -vv list --profile kr-sb >/dev/null 2>"$log"
    kill "$sandbox" 2>/dev/null
    expect "the trace log names the signed call (ListContactFlows)" grep -q "ListContactFlows" "$log"
    expect "the trace log holds no secret" lacks "$(cat "$log")" "$SECRET1"
    expect "the trace log holds no signature" lacks "$(cat "$log")" "Signature="
    "$IVR" profile remove kr-sb >/dev/null 2>&1

    out=$("$IVR" profile remove kr-test 2>&1)
    expect "profile remove exits 0" test $? -eq 0
    expect "profile remove deleted the keyring entry" has "$out" "deleted its secret from the OS keyring"

    out=$("$IVR" profile check kr-test 2>&1)
    rc=$?
    expect "after remove, check finds no secret (exit 1)" test $rc -eq 1
    expect "after remove, the keyring entry is gone" has "$out" "no secret stored for it in the OS keyring"
    if command -v gdbus >/dev/null; then
        out=$(search_items)
        expect "after remove, the Secret Service has no such item" \
            lacks "$out" "/org/freedesktop/secrets/collection/"
        expect "the Secret Service answered the search" has "$out" "@ao []"
    fi
    out=$("$IVR" profile list 2>&1)
    expect "after remove, list shows no profile" has "$out" "no profiles in"

    # Stop the daemon this session started (found by its bus name, not by a
    # process name), so nothing outlives the test.
    if command -v gdbus >/dev/null; then
        pid=$(gdbus call --session --dest org.freedesktop.DBus \
            --object-path /org/freedesktop/DBus \
            --method org.freedesktop.DBus.GetConnectionUnixProcessID \
            org.freedesktop.secrets 2>/dev/null | tr -dc '0-9 ' | awk '{print $NF}')
        [[ -n "$pid" ]] && kill "$pid" 2>/dev/null
    fi
    echo "$PASS $FAIL" >"$COUNTS"
    exit 0
fi

# --------------------------------------------------------------- outside ---
missing=()
command -v dbus-run-session >/dev/null || missing+=(dbus-run-session)
command -v gnome-keyring-daemon >/dev/null || missing+=(gnome-keyring-daemon)
if ((${#missing[@]})); then
    bad "tools present: missing ${missing[*]} (apt-get install dbus gnome-keyring dbus-x11)"
    echo "keyring: $PASS passed, $FAIL failed"
    exit 1
fi

if [[ -z "${IVR_BIN:-}" ]]; then
    echo "building ivr (cargo build -p ivr-cli)..."
    (cd "$ROOT" && cargo build -q -p ivr-cli) || {
        bad "cargo build -p ivr-cli"
        echo "keyring: $PASS passed, $FAIL failed"
        exit 1
    }
    IVR_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/ivr"
fi
IVR_BIN=$(cd "$(dirname "$IVR_BIN")" && pwd)/$(basename "$IVR_BIN")
if ! "$IVR_BIN" profile --help >/dev/null 2>&1; then
    bad "$IVR_BIN has an \`ivr profile\` command"
    echo "keyring: $PASS passed, $FAIL failed"
    exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ivr-keyring-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home"
export XDG_CONFIG_HOME="$WORK/xdg-config"
export XDG_DATA_HOME="$WORK/xdg-data"
export XDG_CACHE_HOME="$WORK/xdg-cache"
export XDG_RUNTIME_DIR="$WORK/xdg-runtime"
export IVR_STUDIO_CONFIG_DIR="$WORK/ivr-config"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# Credentials in the environment would override the keyring: none here.
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN \
    ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN \
    NXLINK_ACCESS_KEY NXLINK_ACCESS_SECRET DISPLAY WAYLAND_DISPLAY
export IVR_BIN SECRET1
export KEYRING_PASSWORD="throwaway-$RANDOM-$RANDOM"
export COUNTS="$WORK/counts"

echo "# part 1: real Secret Service (gnome-keyring under dbus-run-session)"
dbus-run-session -- "$SELF" --inside 2> >(grep -v 'Failed to set fd limit' >&2)
if [[ -s "$COUNTS" ]]; then
    read -r p f <"$COUNTS"
    PASS=$((PASS + p))
    FAIL=$((FAIL + f))
else
    bad "the dbus-run-session part ran to the end"
fi

echo "# part 2: no D-Bus session"
out=$(printf '%s\n' "$SECRET2" | env -u DBUS_SESSION_BUS_ADDRESS "$IVR_BIN" profile add \
    kr-nobus --provider aliyun --region cn-shanghai --instance ccc-test \
    --key-id LTAI-nobus --secret-stdin 2>&1)
rc=$?
expect "without D-Bus, add --secret-stdin is refused (exit 1)" test $rc -eq 1
expect "the error says no D-Bus session / Secret Service is reachable" \
    has "$out" "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so no Secret Service keyring is reachable"
expect "the error says what to install and start" has "$out" "install and start gnome-keyring"
expect "the error offers the environment variables" has "$out" "ALIBABA_CLOUD_ACCESS_KEY_ID"
expect "the error never contains the secret" lacks "$out" "$SECRET2"
out=$(env -u DBUS_SESSION_BUS_ADDRESS "$IVR_BIN" profile list 2>&1)
expect "without D-Bus, the refused profile was not written" lacks "$out" "kr-nobus"
found=$(grep -rlaF -- "$SECRET2" "$WORK" 2>/dev/null)
expect "the secret is written nowhere under the throwaway HOME, XDG and config dirs" test -z "$found"

out=$(env -u DBUS_SESSION_BUS_ADDRESS "$IVR_BIN" profile add kr-env --provider aliyun \
    --region cn-shanghai --instance ccc-test 2>&1)
expect "without D-Bus, a profile without a secret can be added" test $? -eq 0
out=$(env -u DBUS_SESSION_BUS_ADDRESS ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI-env \
    ALIBABA_CLOUD_ACCESS_KEY_SECRET="$SECRET2" "$IVR_BIN" profile check kr-env 2>&1)
rc=$?
expect "without D-Bus, environment credentials are used (exit 0)" test $rc -eq 0
expect "check reports the environment as the source" has "$out" "credentials from the environment: key id LTAI-env"
expect "check never prints the environment secret" lacks "$out" "$SECRET2"
out=$(env -u DBUS_SESSION_BUS_ADDRESS "$IVR_BIN" profile remove kr-env 2>&1)
expect "without D-Bus, remove refuses to orphan a secret (exit 1)" test $? -eq 1
out=$(env -u DBUS_SESSION_BUS_ADDRESS "$IVR_BIN" profile remove kr-env --profile-only 2>&1)
expect "remove --profile-only works without D-Bus" test $? -eq 0

echo "keyring: $PASS passed, $FAIL failed"
((FAIL == 0))
