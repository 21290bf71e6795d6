#!/usr/bin/env bash
# Runs the libFuzzer targets built in BUILD_DIR (tests/fuzz/fuzz_*.cpp, see tests/fuzz/README.md).
#
#   scripts/fuzz.sh BUILD_DIR replay    every input of each target's corpora, then a fixed-seed
#                                       pass of a fixed number of runs: the same every time, so
#                                       `make test` never turns red by chance
#   scripts/fuzz.sh BUILD_DIR explore S each target for S seconds; what it finds is kept in
#                                       BUILD_DIR/corpus/<target> for the next run (`make fuzz`)
#
# A crash, a leak, undefined behaviour or a timeout fails the run; the input is saved in
# BUILD_DIR/fuzz-artifacts/ — fix the code and keep the input in tests/fuzz/regressions/<target>/.
set -euo pipefail
BUILD_DIR=${1:?build dir}
MODE=${2:-replay}
SECONDS_EACH=${3:-60}
RUNS=${KK_FUZZ_RUNS:-20000}
# Reports name source lines when a symbolizer is at hand.
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ]; then
  for s in /usr/bin/llvm-symbolizer-16 /usr/bin/llvm-symbolizer /usr/bin/llvm-symbolizer-14; do
    if [ -x "$s" ]; then export ASAN_SYMBOLIZER_PATH=$s; break; fi
  done
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

# Seeds besides tests/fuzz/corpus: Kravkedja's own content and the matrix it hands out.
seeds_of() {
  case "$1" in
    catalogue_yaml) echo catalog/requirements/kravkedja-bas ;;
    rule_set_yaml) echo catalog/rules ;;
    answer_matrix_xlsx | spreadsheet_import) echo "$GENERATED" ;;
  esac
}

WORK=$(mktemp -d /tmp/kk-fuzz.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$BUILD_DIR/fuzz-artifacts"
status=0
for bin in "$BUILD_DIR"/fuzz_*; do
  [ -x "$bin" ] || continue
  target=$(basename "$bin")
  target=${target#fuzz_}
  GENERATED="$WORK/seed-$target"
  mkdir -p "$GENERATED" "tests/fuzz/corpus/$target"
  corpora=("tests/fuzz/corpus/$target" $(seeds_of "$target"))
  [ -d "tests/fuzz/regressions/$target" ] && corpora+=("tests/fuzz/regressions/$target")
  common=(-timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$BUILD_DIR/fuzz-artifacts/$target-")
  log="$WORK/$target.log"
  if [ "$MODE" = explore ]; then
    keep="$BUILD_DIR/corpus/$target"
    mkdir -p "$keep"
    args=("${common[@]}" -max_total_time="$SECONDS_EACH" "$keep" "${corpora[@]}")
  else
    fresh="$WORK/new-$target"
    mkdir -p "$fresh"
    args=("${common[@]}" -seed=1 -runs="$RUNS" "$fresh" "${corpora[@]}")
  fi
  if KK_FUZZ_SEED_DIR="$GENERATED" "$bin" "${args[@]}" >"$log" 2>&1; then
    summary=$(grep -E '^(#[0-9]+|Done [0-9]+ runs)' "$log" | tail -n 1)
    echo "fuzz $target: ok — ${summary:-no runs reported}"
  else
    echo "fuzz $target: FAILED (input in $BUILD_DIR/fuzz-artifacts/)"
    tail -n 60 "$log"
    status=1
  fi
done
exit $status
