#!/usr/bin/env bash
# The PostgreSQL plans of the queries behind the busiest pages and API calls, on the large data
# set (issue 9): a PostgreSQL server of its own with auto_explain, filled by kravkedja_gen at
# SCALE (default 1: 300 organisations, 100,000 cases, 1,000,000 asset links), analysed, then
# `kravkedja serve` on it answers each endpoint once as an administrator of one organisation
# while every statement's plan is logged. Prints each distinct statement with its plan and
# fails when one scans a big table (over 10,000 rows) sequentially. Not part of `make test`.
#   bench/query-plans.sh [BUILD_DIR] [SCALE]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(realpath "${1:-$ROOT/build}")
SCALE=${2:-1}
source "$ROOT/scripts/postgres.sh"
start_postgres -c shared_preload_libraries=auto_explain -c auto_explain.log_min_duration=-1
URL="postgresql://postgres@127.0.0.1:$PG_PORT/kk_plans"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres kk_plans
echo "Generating scale $SCALE into PostgreSQL on 127.0.0.1:$PG_PORT"
"$BUILD/kravkedja_gen" --db "$URL" --scale "$SCALE" 2>/dev/null
psql -q "$URL" -c "ANALYZE" -c "ALTER DATABASE kk_plans SET auto_explain.log_min_duration = 0"

# One organisation in the middle of the data set; its administrator's token.
ADMIN=$(psql -qtA "$URL" -c "SELECT username FROM users WHERE username LIKE 'gen-%-0' ORDER BY username OFFSET (SELECT count(*) / 2 FROM organisations) LIMIT 1")
TOKEN=$("$BUILD/kravkedja" token create "$ADMIN" --db "$URL")
PORT=$((40000 + RANDOM % 20000))
"$BUILD/kravkedja" serve --db "$URL" --listen "127.0.0.1:$PORT" >"$PG_DIR/serve.log" 2>&1 &
SERVE=$!
trap 'kill $SERVE 2>/dev/null || true; stop_postgres' EXIT
# Waits for the service just started on loopback (nothing is fetched from the internet).
python3 "$ROOT/bench/loopback.py" wait "$PORT"
get() { python3 "$ROOT/bench/loopback.py" get "$PORT" "$1" "$TOKEN"; }
CASE=$(get /api/v1/cases | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
CONTRACT=$(get /api/v1/contracts | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
BIG=$(psql -qtA "$URL" -c "SELECT string_agg(relname, ' ') FROM pg_class WHERE relkind = 'r' AND reltuples > 10000")
# Only the requests below are planned: what came before (start-up, the look-ups above) is cut off.
MARK=$(wc -l <"$PG_DIR/server.log")
for path in /api/v1/me /api/v1/cases "/api/v1/cases/$CASE" "/cases/$CASE" "/api/v1/cases/$CASE/risks" \
            /api/v1/assets /cases /assets /api/v1/contracts "/api/v1/contracts/$CONTRACT" "/contracts/$CONTRACT" \
            /follow-ups /api/v1/follow-ups /api/v1/audit /api/v1/suppliers /suppliers /api/v1/users /admin/users \
            /api/v1/me/notifications "/api/v1/contracts?case_id=$CASE"; do
  answer=$(python3 "$ROOT/bench/loopback.py" status "$PORT" "$path" "$TOKEN")
  printf '%-60s %s\n' "$path" "$answer"
  # A failed request plans fewer statements: that must not pass for a clean result.
  [ "${answer%% *}" = "200" ] || FAILED_REQUESTS="${FAILED_REQUESTS:-} $path"
done
sleep 0.5
tail -n +"$((MARK + 1))" "$PG_DIR/server.log" | python3 "$ROOT/bench/plans_report.py" $BIG
if [ -n "${FAILED_REQUESTS:-}" ]; then
  echo "requests that did not answer 200:${FAILED_REQUESTS}"
  exit 1
fi
