#!/usr/bin/env bash
# The HTTP benchmark (issue 12): kravkedja_gen fills a SQLite database and a PostgreSQL server of
# the script's own at SCALE (default 1: 300 organisations, 100,000 cases, 1,000,000 asset links),
# then bench/http_bench.py measures every endpoint with wrk against nginx serving the same bytes,
# and one node against two on PostgreSQL. Prints the figures and writes them as JSON under
# BUILD_DIR/bench/. Not part of `make test`; asserts no duration.
#   bench/http-bench.sh [BUILD_DIR] [SCALE]      (BENCH_SECONDS: seconds per wrk run, default 5;
#                                                 BENCH_OUT: where the JSON goes, default BUILD_DIR/bench)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(realpath "${1:-$ROOT/build}")
SCALE=${2:-1}
source "$ROOT/scripts/postgres.sh"
# Durable commits as in production (the test server runs with fsync off).
start_postgres -c fsync=on -c synchronous_commit=on -c shared_buffers=256MB -c max_connections=200
WORK=$(mktemp -d /tmp/kk-bench-db.XXXXXX)
trap 'stop_postgres; rm -rf "$WORK"' EXIT
SQLITE="sqlite:$WORK/bench.db"
PG="postgresql://postgres@127.0.0.1:$PG_PORT/kk_bench"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres kk_bench
echo "Generating scale $SCALE into SQLite and PostgreSQL"
"$BUILD/kravkedja_gen" --db "$SQLITE" --scale "$SCALE" 2>/dev/null
"$BUILD/kravkedja_gen" --db "$PG" --scale "$SCALE" 2>/dev/null
psql -q "$PG" -c "ANALYZE"
# The administrator of the organisation in the middle of each data set.
MIDDLE="SELECT username FROM users WHERE username LIKE 'gen-%-0' ORDER BY username LIMIT 1 OFFSET (SELECT count(*) / 2 FROM organisations)"
ADMIN_SQLITE=$(sqlite3 "$WORK/bench.db" "$MIDDLE")
ADMIN_PG=$(psql -qtA "$PG" -c "$MIDDLE")
python3 "$ROOT/bench/http_bench.py" --build "$BUILD" --out "${BENCH_OUT:-$BUILD/bench}" --scale "$SCALE" --seconds "${BENCH_SECONDS:-5}" \
  --sqlite "$SQLITE" --postgresql "$PG" --admin-sqlite "$ADMIN_SQLITE" --admin-postgresql "$ADMIN_PG"
