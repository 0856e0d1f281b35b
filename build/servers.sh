#!/usr/bin/env bash
# Installs (when missing) and starts the real servers the tests need: PostgreSQL and the s3rver S3-protocol
# server. Prints `export` lines for the test environment; source them: eval "$(build/servers.sh start)".
# `build/servers.sh stop` stops both. State lives under .servers/ in the repository. PG_PORT and S3_PORT choose the
# ports; PG_DURABLE=1 starts PostgreSQL with fsync, synchronous_commit and full_page_writes on, as in production.
# SERVERS_DIR puts a second, private pair elsewhere (bench/faults.sh restarts its own); PG_BUFFERS_MB sizes it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="${SERVERS_DIR:-$root/.servers}"
pg_port=${PG_PORT:-55432}
s3_port=${S3_PORT:-4569}
log() { echo "servers: $*" >&2; }

need_apt() {
  if ! command -v "$1" >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    log "installing $2"; (apt-get update -qq && apt-get install -y -qq "$2") >&2
  fi
}

start_postgres() {
  need_apt initdb postgresql
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  local pg="$dir/pg"
  if [ -f "$pg/data/postmaster.pid" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$pg/data" status >/dev/null 2>&1; then
    log "PostgreSQL already running"; return
  fi
  rm -rf "$pg"; mkdir -p "$pg"; chown postgres:postgres "$pg"; chmod 700 "$pg"
  echo secret > "$pg/pw"; chown postgres "$pg/pw"
  runuser -u postgres -- "$bin/initdb" -D "$pg/data" -U postgres --auth=scram-sha-256 --pwfile="$pg/pw" \
    --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  # Tuned for throwaway test databases: durability is not the point here (PG_DURABLE=1 turns it back on).
  # shared_buffers is a quarter of the RAM (256 MB to 8 GB), as a production server is sized; the workflow bench's
  # million-instance store (3.4 GB) fits.
  local buffers_mb=${PG_BUFFERS_MB:-}
  [ -n "$buffers_mb" ] || buffers_mb=$(awk '/MemTotal/ { mb = int($2 / 4096); print (mb < 256 ? 256 : (mb > 8192 ? 8192 : mb)) }' /proc/meminfo)
  # Huge pages for that shared memory, when this runs as root (best effort; without them PostgreSQL uses normal
  # pages, huge_pages=try). With 4 kB pages every backend faults on each buffer the first time it touches it, and on
  # this VM that doubled the database's CPU per task completion on the million-instance store. The pages added to the
  # kernel's pool are given back by `stop`.
  if [ "$(id -u)" = 0 ] && [ -w /proc/sys/vm/nr_hugepages ]; then
    local page_kb want before; page_kb=$(awk '/Hugepagesize/ { print $2 }' /proc/meminfo)
    want=$(( (buffers_mb * 1024 * 11 / 10) / ${page_kb:-2048} + 64 )) # shared_buffers plus PostgreSQL's other shared memory
    before=$(cat /proc/sys/vm/nr_hugepages)
    echo $(( before + want )) > /proc/sys/vm/nr_hugepages 2>/dev/null || true
    echo $(( $(cat /proc/sys/vm/nr_hugepages) - before )) > "$pg/hugepages"
  fi
  local sync=off; [ "${PG_DURABLE:-0}" = 1 ] && sync=on
  runuser -u postgres -- "$bin/pg_ctl" -D "$pg/data" -l "$pg/log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg -c max_connections=400 -c fsync=$sync -c synchronous_commit=$sync -c full_page_writes=$sync -c shared_buffers=${buffers_mb}MB" start >/dev/null
  log "PostgreSQL on 127.0.0.1:$pg_port (fsync=$sync)"
}

start_s3() {
  local s3="$dir/s3"
  mkdir -p "$s3/data"
  if [ ! -f "$s3/node_modules/s3rver/bin/s3rver.js" ]; then
    command -v npm >/dev/null || { log "installing nodejs"; (apt-get update -qq && apt-get install -y -qq nodejs npm) >&2; }
    log "installing s3rver 3.7.1"
    (cd "$s3" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund s3rver@3.7.1) >&2
    # s3rver writes a wrong XML namespace; the Minio SDK then silently lists nothing.
    sed -i 's#http://doc.s3.amazonaws.com/2006-03-01/#http://s3.amazonaws.com/doc/2006-03-01/#g' "$s3"/node_modules/s3rver/lib/controllers/*.js
  fi
  if [ -f "$s3/pid" ] && kill -0 "$(cat "$s3/pid")" 2>/dev/null; then log "s3rver already running"; return; fi
  nohup node "$s3/node_modules/s3rver/bin/s3rver.js" -d "$s3/data" -a 127.0.0.1 -p "$s3_port" --silent >"$s3/log" 2>&1 &
  echo $! > "$s3/pid"
  for _ in $(seq 50); do (echo > "/dev/tcp/127.0.0.1/$s3_port") 2>/dev/null && break; sleep 0.1; done
  log "s3rver on 127.0.0.1:$s3_port"
}

case "${1:-start}" in
  start)
    mkdir -p "$dir"
    start_postgres
    start_s3
    echo "export PUBLICSERVICES_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=secret;Database=postgres'"
    echo "export PUBLICSERVICES_TEST_S3='127.0.0.1:$s3_port;S3RVER;S3RVER'"
    ;;
  status)
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    [ -d "$dir/pg/data" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$dir/pg/data" status >/dev/null 2>&1 \
      && [ -f "$dir/s3/pid" ] && kill -0 "$(cat "$dir/s3/pid")" 2>/dev/null
    ;;
  stop)
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    [ -d "$dir/pg/data" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    if [ -f "$dir/pg/hugepages" ]; then
      added=$(cat "$dir/pg/hugepages"); rm -f "$dir/pg/hugepages"
      echo $(( $(cat /proc/sys/vm/nr_hugepages) - added )) > /proc/sys/vm/nr_hugepages 2>/dev/null || true
    fi
    [ -f "$dir/s3/pid" ] && kill "$(cat "$dir/s3/pid")" 2>/dev/null || true
    ;;
esac
