#!/usr/bin/env bash
# The fault suite in one command: bench/faults.sh [--short] [bench tool options]
# Publishes the services, the gateway and the bench tool in Release (bench/out), starts a private PostgreSQL and
# s3rver (.servers/faults, ports 55442 and 4579: it restarts them, so never the shared ones), two replicas of each
# backend service behind the gateway in Production configuration, and supervises them: a replica that dies is
# started again after 1-3 s, as systemd or Kubernetes would. While business clients file dossiers with a PDF each
# (PublicServices.Bench faults), it kills every replica with SIGKILL three times (one replica of a service at a
# time), restarts PostgreSQL once and stops the object store for 30 s. Then the tool checks the databases and the
# object store and writes bench/results/faults-latest.md; the exit code is non-zero when a check fails.
# --short (CI): the same faults in a shorter, lighter load (about 2 minutes, 4 workers instead of 12).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
out="$bench/out"
results="$bench/results"
logs="$results/faults-logs"
run="$results/faults-run"
short=no
[ "${1:-}" = --short ] && { short=yes; shift; }
source "$bench/processes.sh"

need curl; need jq
rm -rf "$run" "$logs"; mkdir -p "$run/pids" "$logs"

# Private servers: this suite restarts PostgreSQL and stops s3rver, which must not disturb anyone else's tests.
export SERVERS_DIR="$root/.servers/faults" PG_PORT=${FAULTS_PG_PORT:-55442} S3_PORT=${FAULTS_S3_PORT:-4579} PG_BUFFERS_MB=128
bench_servers_start
bench_secrets
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

projects=("${system_projects[@]}"
  bench/PublicServices.Bench/PublicServices.Bench.csproj
)
bench_publish faults "${projects[@]}"
tool="$(dir_of PublicServices.Bench)/PublicServices.Bench"

# --- supervised replicas ------------------------------------------------------------------------------------------
services=(identity catalog documents dossiers workflow payments notifications)
declare -A project=([identity]=PublicServices.Identity [catalog]=PublicServices.Catalog [documents]=PublicServices.Documents
  [dossiers]=PublicServices.Dossiers [workflow]=PublicServices.Workflow [payments]=PublicServices.Payments
  [notifications]=PublicServices.Notifications)
declare -A base_port=([identity]=5301 [catalog]=5302 [documents]=5303 [dossiers]=5304 [workflow]=5305 [payments]=5308 [notifications]=5309)
port_of() { echo $(( base_port[${1%-*}] + 10 * ${1##*-} )); } # identity-0 → 5301, identity-1 → 5311
web_port=5300 gateway_port=8090
declare -A keepers=()
since() { awk -v t0="$t0" -v t="$(date +%s.%N)" 'BEGIN { printf "%.1f", t - t0 }'; }
t0=$(date +%s.%N)

# keep NAME PROJECT PORT [VAR=VALUE...]: runs the process, and starts it again 1-3 s after it dies, until the run ends.
keep() {
  local name=$1; shift
  (
    while :; do
      launch "$logs/$name.log" "$@"
      echo $! >"$run/pids/$name"
      wait $! || true
      [ -f "$run/stop" ] && break
      sleep $(( 1 + RANDOM % 3 ))
      echo "$(since) restart $name" >>"$run/supervisor.log"
    done
  ) &
  keepers[$name]=$!
  pids[$name]=$! # bench_cleanup waits for the keeper
}
pid_of() { cat "$run/pids/$1" 2>/dev/null || echo 0; }
alive() { kill -0 "${pids[$1]}" 2>/dev/null; }
ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$(port_of "$1")/health/${2:-ready}" 2>/dev/null; }

faults_cleanup() {
  local code=$?
  touch "$run/stop"
  for name in "${!keepers[@]}"; do kill "$(pid_of "$name")" 2>/dev/null || true; done
  (exit $code) # bench_cleanup exits with the status it finds: the run's, not the loop's above
  bench_cleanup
}
trap faults_cleanup EXIT INT TERM
ports_free $gateway_port $web_port $(for s in "${services[@]}"; do port_of "$s-0"; port_of "$s-1"; done)

prefix=faults_
log "dropping the ${prefix}* databases"
"$tool" reset-databases identity catalog documents dossiers workflow payments notifications web --Postgres "$pg" --DatabasePrefix "$prefix"

common=(Database__Provider=Postgres Auth__Issuer="http://127.0.0.1:$gateway_port/" services__web__http__0="http://127.0.0.1:$web_port")
for s in "${services[@]}"; do
  common+=("services__${s}__http__0=http://127.0.0.1:$(port_of "$s-0")" "services__${s}__http__1=http://127.0.0.1:$(port_of "$s-1")")
done
db() { echo "ConnectionStrings__$1=$pg_base;Database=$prefix$1"; }
bucket=faults-documents
s3=(Storage__Provider=S3 Storage__S3__Endpoint="$s3_endpoint" Storage__S3__AccessKey="$s3_access"
  Storage__S3__SecretKey="$s3_secret" Storage__S3__Bucket=$bucket)
replica_env() { # SERVICE
  printf '%s\n' "${common[@]}" "$(db "$1")" $(secret_env "$1")
  [ "$1" = documents ] && printf '%s\n' "${s3[@]}"
  return 0
}

# The first replica of each service migrates its database alone; the second starts once it is ready.
for replica in 0 1; do
  for s in "${services[@]}"; do
    mapfile -t env_list < <(replica_env "$s")
    keep "$s-$replica" "${project[$s]}" "$(port_of "$s-$replica")" "${env_list[@]}"
    [ "$s" = identity ] && [ $replica = 0 ] && { for _ in $(seq 240); do ready identity-0 && break; sleep 0.5; done; } # the others fetch its keys
  done
  for s in "${services[@]}"; do
    for _ in $(seq 240); do ready "$s-$replica" && break; sleep 0.5; done
    ready "$s-$replica" || { tail -30 "$logs/$s-$replica.log" >&2; log "$s-$replica not ready"; exit 1; }
  done
done
start web PublicServices.Web $web_port "${common[@]}" "$(db web)" $(secret_env web)
start gateway PublicServices.Gateway $gateway_port "${common[@]}" Gateway__RateLimit__PermitLimit=100000000
wait_ready web "http://127.0.0.1:$web_port/health/ready"
wait_ready gateway "http://127.0.0.1:$gateway_port/health/ready"
log "all processes ready"

# --- faults -------------------------------------------------------------------------------------------------------
# --short: fewer workers too, so that the end checks (every object read back from s3rver) stay short in CI.
if [ $short = yes ]; then load_seconds=${FAULTS_SECONDS:-100}; gap=2; workers=4; else load_seconds=${FAULTS_SECONDS:-240}; gap=6; workers=12; fi
fault() { echo "$(since) $*" | tee -a "$run/faults.log" >&2; }

# Kills one replica once its sibling answers (so the service stays up), waiting up to 60 s for that. Live, not
# ready: while PostgreSQL or the object store is down no replica is ready, and the kills go on.
kill_replica() {
  local name=$1 sibling=${1%-*}-$(( 1 - ${1##*-} ))
  for _ in $(seq 120); do ready "$sibling" live && break; sleep 0.5; done
  local pid; pid=$(pid_of "$name")
  if kill -9 "$pid" 2>/dev/null; then fault "SIGKILL $name pid $pid"; else fault "missed $name (pid $pid not running)"; fi
}
pg_restart() {
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$SERVERS_DIR/pg/data" -m fast -w -t 60 restart >>"$logs/pg-restart.log" 2>&1
  fault "postgres restarted (pg_ctl restart -m fast)"
}
s3_outage() {
  kill "$(cat "$SERVERS_DIR/s3/pid")" && fault "s3rver stopped for 30 s"
  sleep 30
  "$root/build/servers.sh" start postgres s3 >/dev/null 2>>"$logs/s3-restart.log" && fault "s3rver started"
}

# Kills in rounds: round r kills replica 0 then replica 1 of each service in turn; PostgreSQL restarts after the first
# round and the object store goes down during the second (kills go on meanwhile).
inject() {
  sleep 5
  for round in 1 2 3; do
    for replica in 0 1; do
      for s in "${services[@]}"; do kill_replica "$s-$replica"; sleep $gap; done
    done
    [ $round = 1 ] && pg_restart
    [ $round = 2 ] && s3_outage &
  done
  wait
  fault "done"
}

log "load for at least $load_seconds s with faults injected"
t0=$(date +%s.%N) # fault times are seconds since the load started
inject 2>>"$logs/injector.log" &
injector=$!
pids[injector]=$injector
replicas=$(for s in "${services[@]}"; do printf '%s-0,%s-1,' "$s" "$s"; done)
set +e
env BENCH_Postgres="$pg" BENCH_DatabasePrefix="$prefix" BENCH_Gateway="http://127.0.0.1:$gateway_port" \
  BENCH_S3Endpoint="$s3_endpoint" BENCH_S3AccessKey="$s3_access" BENCH_S3SecretKey="$s3_secret" BENCH_DocumentsBucket=$bucket \
  BENCH_ClientId="$business_client" BENCH_ClientSecret="$business_secret" BENCH_FaultsSeconds="$load_seconds" BENCH_FaultsWorkers=$workers \
  BENCH_FaultsLog="$run/faults.log" BENCH_DeliveryDrainSeconds=330 BENCH_FaultsMaxExtraSeconds=420 BENCH_FaultsSubmissionDeadlineSeconds=300 BENCH_FaultsReplicas="${replicas%,}" BENCH_ResultsFile="$results/faults-latest.md" \
  BENCH_RunLabel="fault suite$([ $short = yes ] && echo ' (--short)'), $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')" \
  "$tool" faults "$@"
code=$?
set -e
[ -f "$run/supervisor.log" ] && log "restarts by the supervisor: $(wc -l <"$run/supervisor.log")"
exit $code
