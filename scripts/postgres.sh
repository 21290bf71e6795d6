# Sourced by scripts that need a PostgreSQL 15 server of their own (Debian's `postgresql`
# package): `start_postgres [server options…]` starts one in a temporary directory on a random
# loopback port — as the postgres user when run as root, since initdb refuses root — and sets
# PG_BIN, PG_DIR and PG_PORT; it is stopped and removed when the script exits.
PG_BIN=/usr/lib/postgresql/15/bin

# initdb refuses to run as root: run the server as the postgres user then.
as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  [ -n "${PG_DIR:-}" ] && rm -rf "$PG_DIR"
}

start_postgres() {
  PG_DIR=$(mktemp -d /tmp/kk-pg.XXXXXX)
  PG_PORT=${KK_TEST_PG_PORT:-$((20000 + RANDOM % 20000))}
  trap stop_postgres EXIT
  if [ "$(id -u)" = "0" ]; then chown postgres "$PG_DIR"; fi
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log"; exit 1; }
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off $*" start >/dev/null \
    || { cat "$PG_DIR/server.log"; exit 1; }
}
