# Sourced by bench/run.sh and bench/faults.sh: the real servers, the Release publish, the per-run secrets and the
# processes started straight from their publish folders in Production configuration (no Aspire).
# The caller sets root, out (publish output) and logs, and traps bench_cleanup on EXIT.
log() { echo "bench: $*" >&2; }

need() { # COMMAND [PACKAGE]: installs with apt-get when missing
  command -v "$1" >/dev/null || { log "installing ${2:-$1}"; (apt-get update -qq && apt-get install -y -qq "${2:-$1}") >/dev/null; }
}

# --- servers: PostgreSQL and s3rver (build/servers.sh); stopped at the end only if this run started them ----------
servers_were_up=no
bench_servers_start() {
  local sdir="${SERVERS_DIR:-$root/.servers}"
  if [ -f "$sdir/s3/pid" ] && kill -0 "$(cat "$sdir/s3/pid")" 2>/dev/null \
    && [ -f "$sdir/pg/data/postmaster.pid" ]; then servers_were_up=yes; fi
  eval "$("$root/build/servers.sh" start postgres s3)"
  pg="$PUBLICSERVICES_TEST_POSTGRES"                     # Host=...;Port=...;Username=...;Password=...;Database=postgres
  pg_base=$(echo "$pg" | sed -E 's/;?Database=[^;]*//I')
  IFS=';' read -r s3_endpoint s3_access s3_secret <<<"$PUBLICSERVICES_TEST_S3"
}

# The system's projects; each script adds its own tools.
system_projects=(
  services/Identity/PublicServices.Identity.csproj
  services/Catalog/PublicServices.Catalog.csproj
  services/Documents/PublicServices.Documents.csproj
  services/Dossiers/PublicServices.Dossiers.csproj
  services/Workflow/PublicServices.Workflow.csproj
  services/Payments/PublicServices.Payments.csproj
  services/Notifications/PublicServices.Notifications.csproj
  services/Web/PublicServices.Web.csproj
  gateway/PublicServices.Gateway.csproj
)

# --- publish (Release) into $out; obj and bin go there too, away from the developers' Debug builds -----------------
# bench_publish NAME PROJECT...: one throwaway solution (in $out, not PublicServices.sln) so a single publish shares
# evaluation and builds in parallel.
bench_publish() {
  local name=$1; shift
  local sln="$out/$name.sln"
  if [ ! -f "$sln" ] || [ "$root/bench/processes.sh" -nt "$sln" ] || [ "$0" -nt "$sln" ]; then
    rm -f "$sln"; mkdir -p "$out"
    dotnet new sln -o "$out" -n "$name" --format sln >/dev/null
    (cd "$root" && dotnet sln "$sln" add "$@" >/dev/null)
  fi
  log "publishing $# projects (Release) into ${out#"$root"/}"
  local started; started=$(date +%s)
  dotnet publish "$sln" -c Release --artifacts-path "$out" --nologo -v q -clp:ErrorsOnly >"$logs/publish.log" 2>&1 \
    || { cat "$logs/publish.log" >&2; log "publish failed"; exit 1; }
  log "published in $(( $(date +%s) - started )) s"
}
dir_of() { echo "$out/publish/$1/release"; }

# --- secrets: made for this run, in one place; never the committed development values ---------------------------
bench_secret() { head -c 36 /dev/urandom | base64 | tr -d '/+=\n'; }
bench_secrets() {
  web_secret=$(bench_secret); business_secret=$(bench_secret)
  svc_dossiers_secret=$(bench_secret); svc_workflow_secret=$(bench_secret)
  svc_payments_secret=$(bench_secret); vnpay_hash_secret=$(bench_secret); svc_notifications_secret=$(bench_secret)
  svc_documents_secret=$(bench_secret); link_key=$(bench_secret); officer_password="Bench-$(bench_secret)"
  business_client=bench-business
}

# client_env ID SECRET KEY=VALUE...: the identity service's settings for one client, whether its Identity:Clients is a
# list (each entry with a ClientId) or keyed by client id. A client the list lacks is added at its end.
client_env() {
  local id=$1 secret=$2; shift 2
  local settings="$(dir_of PublicServices.Identity)/appsettings.json" prefix
  if [ "$(jq -r '.Identity.Clients | type' "$settings")" = array ]; then
    local index; index=$(jq -r --arg id "$id" '.Identity.Clients | (map(.ClientId) | index($id)) // length' "$settings")
    prefix="Identity__Clients__${index}__"
    echo "${prefix}ClientId=$id"
  else
    prefix="Identity__Clients__${id}__"
  fi
  echo "${prefix}ClientSecret=$secret"
  for kv in "$@"; do echo "$prefix$kv"; done
}

# Settings every process of a run shares (the gateway's address as issuer, the service-discovery names) come from
# the caller; these are what the services need beyond them.
secret_env() { # SERVICE
  case $1 in
    identity)
      client_env web "$web_secret"
      client_env svc-dossiers "$svc_dossiers_secret"
      client_env svc-workflow "$svc_workflow_secret"
      client_env svc-payments "$svc_payments_secret"
      client_env svc-notifications "$svc_notifications_secret"
      client_env svc-documents "$svc_documents_secret"
      client_env "$business_client" "$business_secret" Type=confidential DisplayName=Bench Role=business \
        Scopes__0=catalog Scopes__1=documents Scopes__2=dossiers
      echo "Identity__Seed__OfficerPassword=$officer_password" ;;
    # No dossier is decided in the benches, so no result is signed and documents needs no agency certificate.
    documents) printf '%s\n' "Documents__LinkSigningKey=$link_key" "Auth__ClientSecret=$svc_documents_secret" ;;
    dossiers) echo "Auth__ClientSecret=$svc_dossiers_secret" ;;
    workflow) echo "Auth__ClientSecret=$svc_workflow_secret" ;;
    # No payment provider runs in the benches: the merchant exists, its sandbox does not (no fee is paid there).
    payments) printf '%s\n' "Auth__ClientSecret=$svc_payments_secret" "Payments__VnPay__HashSecret=$vnpay_hash_secret" "Payments__VnPay__TmnCode=BENCHTMN" ;;
    # No mail server in the benches: an empty Notifications:Smtp:Host writes the e-mails to the log.
    notifications) echo "Auth__ClientSecret=$svc_notifications_secret" ;;
    web) echo "Web__ClientSecret=$web_secret" ;;
  esac
}

# --- processes ----------------------------------------------------------------------------------------------------
declare -A pids=()
bench_cleanup() {
  local code=$?
  for name in "${!pids[@]}"; do kill "${pids[$name]}" 2>/dev/null || true; done
  for name in "${!pids[@]}"; do wait "${pids[$name]}" 2>/dev/null || true; done
  [ "$servers_were_up" = no ] && "$root/build/servers.sh" stop postgres s3 || true
  exit $code
}

# launch LOG PROJECT PORT [VAR=VALUE...]: runs the published app from its own folder (YARP reads appsettings from the
# content root) in Production configuration, logging at Warning; appends to LOG; the caller takes $! .
launch() {
  local logfile=$1 project=$2 port=$3; shift 3
  local dir; dir=$(dir_of "$project")
  (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
      Logging__LogLevel__Default=Warning "$@" "./$project" --contentRoot "$dir") >>"$logfile" 2>&1 &
}

start() { # NAME PROJECT PORT [VAR=VALUE...]
  local name=$1; shift
  launch "$logs/$name.log" "$@"
  pids[$name]=$!
}

alive() { kill -0 "${pids[$1]}" 2>/dev/null; }

wait_ready() { # NAME URL
  for _ in $(seq 240); do
    curl -fsS -o /dev/null --max-time 2 "$2" 2>/dev/null && return 0
    alive "$1" || { tail -30 "$logs/$1.log" >&2; log "$1 exited"; exit 1; }
    sleep 0.5
  done
  tail -30 "$logs/$1.log" >&2; log "$1 not ready at $2"; exit 1
}

# A port already taken (say, by the Aspire AppHost) would let the readiness checks reach someone else's process.
ports_free() {
  for port in "$@"; do
    if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then log "port $port is already in use: stop what listens there first"; exit 1; fi
  done
}
