#!/usr/bin/env bash
# The whole benchmark in one command: bench/run.sh
# Starts PostgreSQL and s3rver (build/servers.sh), publishes the services, the gateway and the bench projects in
# Release into bench/out, starts every process in Production configuration on PostgreSQL and S3, runs the five
# parts (PublicServices.Bench) and prints the summary, also written to bench/results/latest.md. Everything it
# started is stopped on exit. Options pass through to the bench tool: bench/run.sh --Parts 1,2 --WrkSeconds 5
# The workflow runtime's benchmark (against WorkflowCore) is a separate command: bench/workflow.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
out="$bench/out"
results="$bench/results"
logs="$results/logs"
log() { echo "bench: $*" >&2; }

command -v wrk >/dev/null || { log "installing wrk"; (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null; }
command -v curl >/dev/null || { log "installing curl"; (apt-get update -qq && apt-get install -y -qq curl) >/dev/null; }
command -v jq >/dev/null || { log "installing jq"; (apt-get update -qq && apt-get install -y -qq jq) >/dev/null; }
mkdir -p "$results" "$logs"

# --- servers: PostgreSQL and s3rver; stopped at the end only if this run started them --------------------------
servers_were_up=no
if [ -f "$root/.servers/s3/pid" ] && kill -0 "$(cat "$root/.servers/s3/pid")" 2>/dev/null \
  && [ -f "$root/.servers/pg/data/postmaster.pid" ]; then servers_were_up=yes; fi
eval "$("$root/build/servers.sh" start)"
pg="$PUBLICSERVICES_TEST_POSTGRES"                       # Host=...;Port=...;Username=...;Password=...;Database=postgres
pg_base=$(echo "$pg" | sed -E 's/;?Database=[^;]*//I')
IFS=';' read -r s3_endpoint s3_access s3_secret <<<"$PUBLICSERVICES_TEST_S3"

# --- publish (Release) into bench/out; obj and bin go there too, away from the developers' Debug builds ---------
projects=(
  services/Identity/PublicServices.Identity.csproj
  services/Catalog/PublicServices.Catalog.csproj
  services/Documents/PublicServices.Documents.csproj
  services/Dossiers/PublicServices.Dossiers.csproj
  services/Workflow/PublicServices.Workflow.csproj
  services/Web/PublicServices.Web.csproj
  gateway/PublicServices.Gateway.csproj
  bench/Backend/PublicServices.Bench.Backend.csproj
  bench/BareProxy/PublicServices.Bench.BareProxy.csproj
  bench/PublicServices.Bench/PublicServices.Bench.csproj
)
# One throwaway solution (in bench/out, not PublicServices.sln) so a single publish shares evaluation and builds in parallel.
sln="$out/bench.sln"
if [ ! -f "$sln" ] || [ "$bench/run.sh" -nt "$sln" ]; then
  rm -f "$sln"; mkdir -p "$out"
  dotnet new sln -o "$out" -n bench --format sln >/dev/null
  (cd "$root" && dotnet sln "$sln" add "${projects[@]}" >/dev/null)
fi
log "publishing ${#projects[@]} projects (Release) into bench/out"
started=$(date +%s)
dotnet publish "$sln" -c Release --artifacts-path "$out" --nologo -v q -clp:ErrorsOnly >"$logs/publish.log" 2>&1 \
  || { cat "$logs/publish.log" >&2; log "publish failed"; exit 1; }
log "published in $(( $(date +%s) - started )) s"
dir_of() { echo "$out/publish/$1/release"; }
tool="$(dir_of PublicServices.Bench)/PublicServices.Bench"

# --- processes ------------------------------------------------------------------------------------------------
declare -A pids=()
cleanup() {
  local code=$?
  for name in "${!pids[@]}"; do kill "${pids[$name]}" 2>/dev/null || true; done
  for name in "${!pids[@]}"; do wait "${pids[$name]}" 2>/dev/null || true; done
  [ "$servers_were_up" = no ] && "$root/build/servers.sh" stop || true
  exit $code
}
trap cleanup EXIT INT TERM

# start NAME PROJECT PORT [VAR=VALUE...]: runs the published app from its own folder (YARP reads appsettings from
# the content root) in Production configuration, logging at Warning.
start() {
  local name=$1 project=$2 port=$3; shift 3
  local dir; dir=$(dir_of "$project")
  (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
      Logging__LogLevel__Default=Warning "$@" "./$project" --contentRoot "$dir") >"$logs/$name.log" 2>&1 &
  pids[$name]=$!
}

wait_ready() { # NAME URL
  for _ in $(seq 240); do
    curl -fsS -o /dev/null --max-time 2 "$2" 2>/dev/null && return 0
    kill -0 "${pids[$1]}" 2>/dev/null || { tail -30 "$logs/$1.log" >&2; log "$1 exited"; exit 1; }
    sleep 0.5
  done
  tail -30 "$logs/$1.log" >&2; log "$1 not ready at $2"; exit 1
}

# A port already taken (say, by the Aspire AppHost) would let the readiness checks reach someone else's process.
for port in 5100 5101 5102 5103 5104 5105 8080 5190 5191; do
  if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then log "port $port is already in use: stop what listens there first"; exit 1; fi
done

log "dropping the bench databases"
"$tool" reset-databases identity catalog documents dossiers workflow web --Postgres "$pg"

# The issuer is the gateway's address as the bench reaches it: the portal's login redirects the browser there (and
# registers its callback there), so the cookies it sets on the way belong to the host the bench sends them to.
# The Demo environment: the demo data, accounts and secrets of each service's appsettings.Demo.json.
common=(ASPNETCORE_ENVIRONMENT=Demo Database__Provider=Postgres Auth__Issuer=http://127.0.0.1:8080/
  services__identity__http__0=http://127.0.0.1:5101 services__catalog__http__0=http://127.0.0.1:5102
  services__documents__http__0=http://127.0.0.1:5103 services__dossiers__http__0=http://127.0.0.1:5104
  services__workflow__http__0=http://127.0.0.1:5105 services__web__http__0=http://127.0.0.1:5100)
db() { echo "ConnectionStrings__$1=$pg_base;Database=bench_$1"; }
s3=(Storage__Provider=S3 Storage__S3__Endpoint="$s3_endpoint" Storage__S3__AccessKey="$s3_access"
  Storage__S3__SecretKey="$s3_secret" Storage__S3__Bucket=bench-documents)

start identity PublicServices.Identity 5101 "${common[@]}" "$(db identity)"
wait_ready identity http://127.0.0.1:5101/health/ready # the others fetch its keys
start catalog PublicServices.Catalog 5102 "${common[@]}" "$(db catalog)"
start documents PublicServices.Documents 5103 "${common[@]}" "$(db documents)" "${s3[@]}"
start dossiers PublicServices.Dossiers 5104 "${common[@]}" "$(db dossiers)"
# Every submission starts a workflow instance: the workflow service is part of what a submission costs.
start workflow PublicServices.Workflow 5105 "${common[@]}" "$(db workflow)"
# The portal's pages (its demo client secret, like the identity service's, from its appsettings.Demo.json).
start web PublicServices.Web 5100 "${common[@]}" "$(db web)"
start backend PublicServices.Bench.Backend 5190
start bareproxy PublicServices.Bench.BareProxy 5191 ReverseProxy__Clusters__bench__Destinations__d1__Address=http://127.0.0.1:5190/

# The gateway gets its bench route through configuration only, with the real catalog route's policies and metadata.
mapfile -t route < <("$tool" gateway-route "$(dir_of PublicServices.Gateway)/appsettings.json" catalog http://127.0.0.1:5190/ /bench \
  | sed -E "s/^export //; s/='(.*)'$/=\1/")
start gateway PublicServices.Gateway 8080 "${common[@]}" Gateway__RateLimit__PermitLimit=100000000 "${route[@]}"

for s in catalog:5102 documents:5103 dossiers:5104 workflow:5105 web:5100 gateway:8080; do wait_ready "${s%%:*}" "http://127.0.0.1:${s##*:}/health/ready"; done
wait_ready backend http://127.0.0.1:5190/bench/hello
wait_ready bareproxy http://127.0.0.1:5191/bench/hello
log "all processes ready: $(for n in "${!pids[@]}"; do printf '%s=%s ' "$n" "${pids[$n]}"; done)"

# --- the bench ------------------------------------------------------------------------------------------------
# The demo business client's secret, from the identity service's demo configuration.
secret=$(jq -r '.Identity.Clients["demo-business"].ClientSecret // empty' "$(dir_of PublicServices.Identity)/appsettings.Demo.json")
bench_env=(BENCH_Postgres="$pg" BENCH_S3Endpoint="$s3_endpoint" BENCH_S3AccessKey="$s3_access" BENCH_S3SecretKey="$s3_secret"
  BENCH_DocumentsBucket=bench-documents BENCH_ClientSecret="$secret" BENCH_ResultsFile="$results/latest.md"
  BENCH_RunLabel="$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')")
for n in "${!pids[@]}"; do bench_env+=("BENCH_Pids__$n=${pids[$n]}"); done
bench_env+=("BENCH_Pids__s3rver=$(cat "$root/.servers/s3/pid")")
env "${bench_env[@]}" "$tool" run "$@"
