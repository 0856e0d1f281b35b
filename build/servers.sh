#!/usr/bin/env bash
# Installs (when missing) and starts the real servers the tests need: PostgreSQL, the s3rver S3-protocol server and
# the smtp4dev mail server. Prints `export` lines for the test environment; source them: eval "$(build/servers.sh start)".
# `start`, `status` and `stop` take the servers to act on (postgres, s3, smtp4dev; all three when none is named), e.g.
# `build/servers.sh start smtp4dev`. State lives under .servers/ in the repository. PG_PORT, S3_PORT, SMTP_PORT and
# SMTP_API_PORT choose the ports; PG_DURABLE=1 starts PostgreSQL with fsync, synchronous_commit and full_page_writes
# on, as in production.
# SERVERS_DIR puts a second, private set elsewhere (bench/faults.sh restarts its own); PG_BUFFERS_MB sizes it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="${SERVERS_DIR:-$root/.servers}"
pg_port=${PG_PORT:-55432}
s3_port=${S3_PORT:-4569}
smtp_port=${SMTP_PORT:-2525}
smtp_api_port=${SMTP_API_PORT:-5080}
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
    local page_kb want before cap; page_kb=$(awk '/Hugepagesize/ { print $2 }' /proc/meminfo)
    want=$(( (buffers_mb * 1024 * 11 / 10) / ${page_kb:-2048} + 64 )) # shared_buffers plus PostgreSQL's other shared memory
    before=$(cat /proc/sys/vm/nr_hugepages)
    # Several instances (a developer's, CI's, the fault suite's) share the machine: the pool never takes more than
    # 40% of the RAM, or the services and browsers starve; beyond it PostgreSQL falls back to normal pages.
    cap=$(awk -v p="${page_kb:-2048}" '/MemTotal/ { print int($2 * 0.4 / p) }' /proc/meminfo)
    [ $(( before + want )) -le "$cap" ] || want=$(( cap > before ? cap - before : 0 ))
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

# smtp4dev (a .NET tool): the identity service's mail goes to it over SMTP; tests read it through its REST API.
start_smtp4dev() {
  local smtp="$dir/smtp4dev"
  mkdir -p "$smtp"
  if [ ! -x "$smtp/tool/smtp4dev" ]; then
    log "installing smtp4dev 3.15.0"
    dotnet tool install Rnwood.Smtp4dev --version 3.15.0 --tool-path "$smtp/tool" >&2
  fi
  if running "$smtp/pid"; then log "smtp4dev already running"; return; fi
  # Empty --imapport/--pop3port, or it also binds 143 and 110; --db= keeps the mailbox in memory. It keeps 100
  # messages by default: a whole test run sends more, and a test must still find its own.
  nohup "$smtp/tool/smtp4dev" --urls="http://127.0.0.1:$smtp_api_port" --bindaddress=127.0.0.1 --smtpport="$smtp_port" \
    --imapport= --pop3port= --db= --nousersettings --baseappdatapath="$smtp/appdata" --hostname=localhost --tlsmode=None \
    --disableipv6 --messagestokeep=100000 --sessionstokeep=1000 >"$smtp/log" 2>&1 &
  echo $! > "$smtp/pid"
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$smtp_api_port/api/messages" >/dev/null 2>&1 && break; sleep 0.2; done
  log "smtp4dev: SMTP on 127.0.0.1:$smtp_port, API on http://127.0.0.1:$smtp_api_port"
}

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

command=${1:-start}
shift || true
servers=${*:-postgres s3 smtp4dev}
case "$command" in
  start)
    mkdir -p "$dir"
    for server in $servers; do
      case "$server" in
        postgres)
          start_postgres
          echo "export PUBLICSERVICES_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=secret;Database=postgres'" ;;
        s3)
          start_s3
          echo "export PUBLICSERVICES_TEST_S3='127.0.0.1:$s3_port;S3RVER;S3RVER'" ;;
        smtp4dev)
          start_smtp4dev
          echo "export PUBLICSERVICES_TEST_SMTP='127.0.0.1:$smtp_port'"
          echo "export PUBLICSERVICES_TEST_SMTP_API='http://127.0.0.1:$smtp_api_port'" ;;
        *) log "unknown server: $server"; exit 2 ;;
      esac
    done
    ;;
  status)
    # Succeeds when every server named runs.
    for server in $servers; do
      case "$server" in
        postgres) [ -d "$dir/pg/data" ] && runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$dir/pg/data" status >/dev/null 2>&1 || exit 1 ;;
        s3) running "$dir/s3/pid" || exit 1 ;;
        smtp4dev) running "$dir/smtp4dev/pid" || exit 1 ;;
      esac
    done
    ;;
  stop)
    for server in $servers; do
      case "$server" in
        postgres)
          [ -d "$dir/pg/data" ] && runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null 2>&1 || true
          if [ -f "$dir/pg/hugepages" ]; then
            added=$(cat "$dir/pg/hugepages"); rm -f "$dir/pg/hugepages"
            echo $(( $(cat /proc/sys/vm/nr_hugepages) - added )) > /proc/sys/vm/nr_hugepages 2>/dev/null || true
          fi ;;
        s3) [ -f "$dir/s3/pid" ] && kill "$(cat "$dir/s3/pid")" 2>/dev/null || true ;;
        smtp4dev) [ -f "$dir/smtp4dev/pid" ] && kill "$(cat "$dir/smtp4dev/pid")" 2>/dev/null || true ;;
      esac
    done
    ;;
esac
