#!/usr/bin/env bash
# Runs every test: domain unit tests, and the HTTP-level tests against a started
# `kravkedja serve` on SQLite and on a real PostgreSQL 15 server started here on loopback
# in a temporary directory (stopped again at the end); then the unit tests again under
# AddressSanitizer and UndefinedBehaviorSanitizer, and each fuzz target over its corpora with a
# fixed seed. `make test` builds the three directories first.
set -euo pipefail
BUILD_DIR=${1:-build}
SAN_DIR=${2:-build-asan}
FUZZ_DIR=${3:-build-fuzz}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
for need in "$BUILD_DIR/unit_tests" "$SAN_DIR/unit_tests" "$FUZZ_DIR/fuzz_http_request"; do
  if [ ! -x "$need" ]; then
    echo "$need is missing: run \`make test\`, which builds it" >&2
    exit 1
  fi
done

source "$ROOT/scripts/postgres.sh"
start_postgres
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres kk_http
export KK_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PG_PORT/kk_http"
echo "PostgreSQL 15 test server on 127.0.0.1:$PG_PORT"

cd "$BUILD_DIR"
# CTest runs six tests: unit, http_sqlite and http_postgresql (GoogleTest binaries), deploy
# (scripts/check-deploy.sh), generator (scripts/check-generator.sh) and browser (tests/browser,
# the journeys in Chromium).
# Their own summaries are shown too, so the run says how many cases ran on each engine.
LOG=$(mktemp /tmp/kk-ctest.XXXXXX)
status=0
ctest -V --timeout 900 >"$LOG" 2>&1 || status=$?
if [ $status -ne 0 ]; then
  grep -vE '^[0-9]+: \[ (RUN|      OK) ' "$LOG" | tail -n 400
else
  grep -E '^[0-9]+: \[(==========|  PASSED  |  FAILED  )\]' "$LOG" | grep -E 'ran|PASSED|FAILED' || true
  grep -E '^[0-9]+: \[(deploy|generator)\] ' "$LOG" || true
  grep -E '^[0-9]+: # (axe-core:|tests |pass |fail )' "$LOG" || true
  grep -E '^ *[0-9]+/[0-9]+ Test|tests passed|Total Test time' "$LOG"
fi
rm -f "$LOG"
[ $status -eq 0 ] || exit $status
cd "$ROOT"

echo "Unit tests under AddressSanitizer and UndefinedBehaviorSanitizer ($SAN_DIR)"
SAN_LOG=$(mktemp /tmp/kk-asan.XXXXXX)
if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 "$SAN_DIR/unit_tests" >"$SAN_LOG" 2>&1; then
  grep -E '^\[(==========|  PASSED  )\]' "$SAN_LOG"
else
  tail -n 200 "$SAN_LOG"
  status=1
fi
rm -f "$SAN_LOG"

echo "Fuzz targets over their corpora, fixed seed ($FUZZ_DIR)"
bash scripts/fuzz.sh "$FUZZ_DIR" replay || status=1
exit $status
