#!/usr/bin/env bash
# Runs every test: domain unit tests, and the HTTP-level tests against a started
# `kravkedja serve` on SQLite and on a real PostgreSQL 15 server started here on loopback
# in a temporary directory (stopped again at the end).
set -euo pipefail
BUILD_DIR=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR=$(mktemp -d /tmp/kk-pg.XXXXXX)
PG_PORT=${KK_TEST_PG_PORT:-$((20000 + RANDOM % 20000))}

cleanup() {
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
}
trap cleanup EXIT

# initdb refuses to run as root: run the server as the postgres user then.
as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$(id -u)" = "0" ]; then chown postgres "$PG_DIR"; fi
as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
  || { cat "$PG_DIR/initdb.log"; exit 1; }
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
  || { cat "$PG_DIR/server.log"; exit 1; }
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres kk_http
export KK_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PG_PORT/kk_http"
echo "PostgreSQL 15 test server on 127.0.0.1:$PG_PORT"

cd "$BUILD_DIR"
# CTest runs three tests (unit, http_sqlite, http_postgresql); each is a GoogleTest binary.
# Their own summaries are shown too, so the run says how many cases ran on each engine.
LOG=$(mktemp /tmp/kk-ctest.XXXXXX)
status=0
ctest -V --timeout 900 >"$LOG" 2>&1 || status=$?
if [ $status -ne 0 ]; then
  grep -vE '^[0-9]+: \[ (RUN|      OK) ' "$LOG" | tail -n 400
else
  grep -E '^[0-9]+: \[(==========|  PASSED  |  FAILED  )\]' "$LOG" | grep -E 'ran|PASSED|FAILED' || true
  grep -E '^ *[0-9]+/[0-9]+ Test|tests passed|Total Test time' "$LOG"
fi
rm -f "$LOG"
exit $status
