#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests and print its URL on stdout.
# Usage: eval "$(bash scripts/postgres_sementara.sh start DIR)"  ->  sets HUMAS_TEST_POSTGRES_URL
#        bash scripts/postgres_sementara.sh stop DIR
#        bash scripts/postgres_sementara.sh jeda DIR     # stop the server, keep its data and port
#        bash scripts/postgres_sementara.sh lanjut DIR   # start it again on the same port
set -euo pipefail
action=${1:?start|stop}
dir=${2:?folder for the server}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL tidak terpasang (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

serve() {
  as_owner "$bin/pg_ctl -D '$dir/data' -l '$dir/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $1 -k '$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
}

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    echo "$port" >"$dir/port"
    as_owner "$bin/initdb -D '$dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1
    serve "$port"
    echo "export HUMAS_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    ;;
  jeda)
    as_owner "$bin/pg_ctl -D '$dir/data' -m fast -w stop" >/dev/null
    ;;
  lanjut)
    serve "$(cat "$dir/port")"
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl -D '$dir/data' -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop|jeda|lanjut DIR" >&2; exit 2 ;;
esac
