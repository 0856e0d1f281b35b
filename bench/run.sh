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
source "$bench/processes.sh"

need wrk; need curl; need jq
mkdir -p "$results" "$logs"
bench_servers_start
bench_secrets

projects=("${system_projects[@]}"
  bench/Backend/PublicServices.Bench.Backend.csproj
  bench/BareProxy/PublicServices.Bench.BareProxy.csproj
  bench/PublicServices.Bench/PublicServices.Bench.csproj
)
bench_publish bench "${projects[@]}"
tool="$(dir_of PublicServices.Bench)/PublicServices.Bench"
trap bench_cleanup EXIT INT TERM
ports_free 5100 5101 5102 5103 5104 5105 5108 5109 8080 5190 5191

log "dropping the bench databases"
"$tool" reset-databases identity catalog documents dossiers workflow payments notifications web --Postgres "$pg"

# The issuer is the gateway's address as the bench reaches it: the portal's login redirects the browser there (and
# registers its callback there), so the cookies it sets on the way belong to the host the bench sends them to.
# The Demo environment: the demo data, accounts and secrets of each service's appsettings.Demo.json.
common=(ASPNETCORE_ENVIRONMENT=Demo Database__Provider=Postgres Auth__Issuer=http://127.0.0.1:8080/
  services__identity__http__0=http://127.0.0.1:5101 services__catalog__http__0=http://127.0.0.1:5102
  services__documents__http__0=http://127.0.0.1:5103 services__dossiers__http__0=http://127.0.0.1:5104
  services__workflow__http__0=http://127.0.0.1:5105 services__payments__http__0=http://127.0.0.1:5108
  services__notifications__http__0=http://127.0.0.1:5109
  services__web__http__0=http://127.0.0.1:5100)
db() { echo "ConnectionStrings__$1=$pg_base;Database=bench_$1"; }
s3=(Storage__Provider=S3 Storage__S3__Endpoint="$s3_endpoint" Storage__S3__AccessKey="$s3_access"
  Storage__S3__SecretKey="$s3_secret" Storage__S3__Bucket=bench-documents)

start identity PublicServices.Identity 5101 "${common[@]}" "$(db identity)" $(secret_env identity)
wait_ready identity http://127.0.0.1:5101/health/ready # the others fetch its keys
start catalog PublicServices.Catalog 5102 "${common[@]}" "$(db catalog)"
start documents PublicServices.Documents 5103 "${common[@]}" "$(db documents)" "${s3[@]}" $(secret_env documents)
start dossiers PublicServices.Dossiers 5104 "${common[@]}" "$(db dossiers)" $(secret_env dossiers)
# Every submission starts a workflow instance: the workflow service is part of what a submission costs.
start workflow PublicServices.Workflow 5105 "${common[@]}" "$(db workflow)" $(secret_env workflow)
# The gateway is ready only when every service it routes to is.
start payments PublicServices.Payments 5108 "${common[@]}" "$(db payments)" $(secret_env payments)
start notifications PublicServices.Notifications 5109 "${common[@]}" "$(db notifications)" $(secret_env notifications)
# The portal's pages.
start web PublicServices.Web 5100 "${common[@]}" "$(db web)" $(secret_env web)
start backend PublicServices.Bench.Backend 5190
start bareproxy PublicServices.Bench.BareProxy 5191 ReverseProxy__Clusters__bench__Destinations__d1__Address=http://127.0.0.1:5190/

# The gateway gets its bench route through configuration only, with the real catalog route's policies and metadata.
mapfile -t route < <("$tool" gateway-route "$(dir_of PublicServices.Gateway)/appsettings.json" catalog http://127.0.0.1:5190/ /bench \
  | sed -E "s/^export //; s/='(.*)'$/=\1/")
start gateway PublicServices.Gateway 8080 "${common[@]}" Gateway__RateLimit__PermitLimit=100000000 "${route[@]}"

for s in catalog:5102 documents:5103 dossiers:5104 workflow:5105 payments:5108 notifications:5109 web:5100 gateway:8080; do wait_ready "${s%%:*}" "http://127.0.0.1:${s##*:}/health/ready"; done
wait_ready backend http://127.0.0.1:5190/bench/hello
wait_ready bareproxy http://127.0.0.1:5191/bench/hello
log "all processes ready: $(for n in "${!pids[@]}"; do printf '%s=%s ' "$n" "${pids[$n]}"; done)"

# --- the bench ------------------------------------------------------------------------------------------------
bench_env=(BENCH_Postgres="$pg" BENCH_S3Endpoint="$s3_endpoint" BENCH_S3AccessKey="$s3_access" BENCH_S3SecretKey="$s3_secret"
  BENCH_DocumentsBucket=bench-documents BENCH_ClientId="$business_client" BENCH_ClientSecret="$business_secret" BENCH_ResultsFile="$results/latest.md"
  BENCH_RunLabel="$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')")
for n in "${!pids[@]}"; do bench_env+=("BENCH_Pids__$n=${pids[$n]}"); done
bench_env+=("BENCH_Pids__s3rver=$(cat "$root/.servers/s3/pid")")
env "${bench_env[@]}" "$tool" run "$@"
