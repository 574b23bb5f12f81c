#!/usr/bin/env bash
# Fuzzes ivr-flow's decoders and ivr-task's readers (task files, call lists): installs cargo-fuzz when it is missing, builds
# every target in fuzz/ (stable Rust: no sanitizer, debug assertions and
# overflow checks on), makes seed corpora and a dictionary from the test
# fixtures, then runs each target for a bounded time, FUZZ_JOBS at once.
# Fails on any panic, hang or out-of-memory, printing the crashing input's
# path and the end of the target's log. Inputs in fuzz/regressions/<target>/
# are replayed on every run. Ends with `fuzz: N passed, M failed`.
#
#   bash scripts/test-fuzz.sh [TARGET...]
#
#   FUZZ_SECONDS      time each target fuzzes (default 20)
#   FUZZ_JOBS         targets run at once (default: the number of cores)
#   FUZZ_TARGET_DIR   cargo's target directory (default fuzz/target)
#
# Reproduce a failure with
#   cargo fuzz run --sanitizer none -a TARGET PATH   (in the repository root)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FUZZ="$ROOT/fuzz"
FIXTURES="$ROOT/crates/ivr-flow/tests/fixtures"
TASK_FIXTURES="$ROOT/crates/ivr-task/tests/fixtures"
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
FUZZ_JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
export CARGO_TARGET_DIR=${FUZZ_TARGET_DIR:-$FUZZ/target}
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export RUST_BACKTRACE=1

ALL_TARGETS=(dialect_decode file_from_bytes connect_decode aliyun_decode aliyun2017_decode task_from_bytes call_list_read)
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi

case $FUZZ_SECONDS in '' | *[!0-9]*) echo "error: FUZZ_SECONDS must be a whole number" >&2 && exit 2 ;; esac
case $FUZZ_JOBS in '' | *[!0-9]* | 0) echo "error: FUZZ_JOBS must be a positive number" >&2 && exit 2 ;; esac

T0=$SECONDS
cd "$ROOT"

# cargo-fuzz, from crates.io, built with the machine's (stable) toolchain.
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz: not found; installing it (cargo install cargo-fuzz --locked)"
  env -u CARGO_TARGET_DIR cargo install cargo-fuzz --locked --quiet
fi
echo "cargo-fuzz: $(cargo fuzz --version) with $(rustc --version)"

# --sanitizer none is what works on a stable toolchain; -a turns on debug
# assertions and overflow checks, so arithmetic on hostile numbers panics here.
BUILD=(--sanitizer none --debug-assertions)
WORK="$CARGO_TARGET_DIR/fuzz-run"
rm -rf "$WORK"
mkdir -p "$WORK/seeds/fixtures" "$WORK/seeds/native" "$WORK/seeds/task" "$WORK/seeds/csv" "$WORK/logs"

echo "build: cargo fuzz build ${BUILD[*]}"
T_BUILD=$SECONDS
if ! cargo fuzz build "${BUILD[@]}" --fuzz-dir "$FUZZ" >"$WORK/logs/build.log" 2>&1; then
  cat "$WORK/logs/build.log" >&2
  echo "fuzz: build failed" >&2
  exit 1
fi
BIN="$CARGO_TARGET_DIR/$(rustc -vV | sed -n 's/^host: //p')/release"
echo "build: done in $((SECONDS - T_BUILD))s"

# Seeds, made anew each run (nothing large is committed): the fixtures for
# every target, and for the native targets the fixtures written as native
# files by file_from_bytes' seed mode. A dictionary of the JSON strings they
# hold helps the mutator make keys and type names the decoders know.
find "$FIXTURES" -type f -name '*.json' | sort | while read -r f; do
  rel=${f#"$FIXTURES"/}
  cp "$f" "$WORK/seeds/fixtures/${rel//\//-}"
done
cp "$TASK_FIXTURES"/*.task.json "$WORK/seeds/task/"
cp "$TASK_FIXTURES"/*.csv "$WORK/seeds/csv/"
IVR_FUZZ_EMIT_NATIVE="$WORK/seeds/native" "$BIN/file_from_bytes" \
  "$WORK"/seeds/fixtures/*.json >"$WORK/logs/seeds.log" 2>&1 ||
  { cat "$WORK/logs/seeds.log" >&2 && echo "fuzz: making native seeds failed" >&2 && exit 1; }
{
  printf '"true"\n"false"\n"null"\n"[]"\n"{}"\n"\\":"\n"\\",\\""\n"1.5"\n"-1"\n"1e308"\n'
  cat "$WORK"/seeds/fixtures/* "$WORK"/seeds/native/* "$WORK"/seeds/task/* |
    grep -ohE '"[A-Za-z0-9_.:$ -]{1,48}"' | sort -u | sed 's/"/\\"/g; s/.*/"&"/'
} >"$WORK/json.dict"
echo "seeds: $(find "$WORK/seeds" -type f | wc -l) files ($(find "$WORK/seeds/native" -type f | wc -l) native), dictionary: $(wc -l <"$WORK/json.dict") entries"

seed_dirs() {
  case $1 in
    dialect_decode | file_from_bytes) echo "$WORK/seeds/fixtures $WORK/seeds/native" ;;
    task_from_bytes) echo "$WORK/seeds/task" ;;
    call_list_read) echo "$WORK/seeds/csv" ;;
    *) echo "$WORK/seeds/fixtures" ;;
  esac
}

# run_target TARGET: fuzzes one target; its log goes to $WORK/logs/TARGET.log.
# New inputs go to fuzz/corpus/TARGET (ignored by git, kept between local runs),
# crashes to fuzz/artifacts/TARGET/.
run_target() {
  local t=$1 log="$WORK/logs/$1.log" dirs=()
  mkdir -p "$FUZZ/corpus/$t" "$FUZZ/artifacts/$t"
  read -r -a dirs <<<"$(seed_dirs "$t")"
  [ -d "$FUZZ/regressions/$t" ] && dirs+=("$FUZZ/regressions/$t")
  timeout --signal=KILL $((FUZZ_SECONDS + 120)) "$BIN/$t" \
    -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=4096 \
    -dict="$WORK/json.dict" -print_final_stats=1 \
    -artifact_prefix="$FUZZ/artifacts/$t/" \
    "$FUZZ/corpus/$t" "${dirs[@]}" >"$log" 2>&1
}

echo "fuzz: ${#TARGETS[@]} targets, ${FUZZ_SECONDS}s each, $FUZZ_JOBS at once"
declare -A PID_OF
for t in "${TARGETS[@]}"; do
  [ -x "$BIN/$t" ] || { echo "error: no fuzz target $t (have: ${ALL_TARGETS[*]})" >&2 && exit 2; }
  while [ "$(jobs -rp | wc -l)" -ge "$FUZZ_JOBS" ]; do wait -n || true; done
  run_target "$t" &
  PID_OF[$t]=$!
done

passed=0
failed=0
for t in "${TARGETS[@]}"; do
  rc=0
  wait "${PID_OF[$t]}" || rc=$?
  log="$WORK/logs/$t.log"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\) .*/\1/p' "$log" | tail -1)
  corpus=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' "$log" | tail -1)
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    echo "fuzz: $t ok: ${runs:-?} runs in ${secs:-?}s, coverage ${cov:-?}, corpus ${corpus:-?}"
  else
    failed=$((failed + 1))
    input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    echo "fuzz: $t FAILED (exit $rc) after ${runs:-?} runs; log: $log"
    echo "----- end of $t's log -----"
    tail -n 60 "$log"
    echo "-----"
    if [ -n "$input" ]; then
      echo "crashing input: $input"
      echo "reproduce: cargo fuzz run --sanitizer none -a $t $input"
    fi
  fi
done

echo "fuzz: total $((SECONDS - T0))s"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
