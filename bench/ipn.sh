#!/usr/bin/env bash
# The IPN benchmark in one command: bench/ipn.sh   (options go to the tool: bench/ipn.sh --IpnSeconds 10; BENCH_<Name> too)
# PostgreSQL (the shared test server when one answers on its port, else build/servers.sh start postgres, stopped at the
# end), a Release publish of the payments service and the bench tool into bench/out, two payments replicas in
# Production configuration on a fresh ipnbench_payments database, then `PublicServices.Bench ipn`: seeds invoices and
# sessions, fires signed IPNs at both replicas from 32 workers, prints the figures, checks exactly-once effects in the
# database and writes bench/results/ipn-latest.md. Exits non-zero when a check fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
out="$bench/out"
results="$bench/results"
logs="$results/ipn-logs"
source "$bench/processes.sh"
log() { echo "ipn bench: $*" >&2; }

need curl
mkdir -p "$results" "$logs"
: >"$logs/payments0.log"; : >"$logs/payments1.log"

# PostgreSQL only. A server already answering on the port (the shared test server, whoever started it) is reused and
# never stopped; one this script starts is stopped on exit.
pg_port=${PG_PORT:-55432}
pg_started=no
if (echo >"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; then
  log "reusing the PostgreSQL server on 127.0.0.1:$pg_port"
  pg="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=secret;Database=postgres"
else
  eval "$("$root/build/servers.sh" start postgres)"
  pg="$PUBLICSERVICES_TEST_POSTGRES"; pg_started=yes
fi
pg_base=$(echo "$pg" | sed -E 's/;?Database=[^;]*//I')

cleanup() {
  local code=$?
  for name in "${!pids[@]}"; do kill "${pids[$name]}" 2>/dev/null || true; done
  for name in "${!pids[@]}"; do wait "${pids[$name]}" 2>/dev/null || true; done
  [ "$pg_started" = yes ] && "$root/build/servers.sh" stop postgres || true
  exit $code
}
trap cleanup EXIT INT TERM

bench_publish ipn services/Payments/PublicServices.Payments.csproj bench/PublicServices.Bench/PublicServices.Bench.csproj
tool="$(dir_of PublicServices.Bench)/PublicServices.Bench"
ports=(5460 5461)
ports_free "${ports[@]}"

log "dropping ipnbench_payments"
"$tool" reset-databases payments --Postgres "$pg" --DatabasePrefix ipnbench_

# Per-run secrets, as bench_secrets makes them: never the committed development values.
hash_secret=$(bench_secret); client_secret=$(bench_secret); tmn_code=BENCHTMN
# The outbox dispatcher is off: PaymentReceived.v1 routes to the workflow service, which this bench does not run, so an
# enabled dispatcher would only fail and retry every row (a warning per event, backoff rounds) while the load runs;
# that is the cost of a missing consumer, not of the IPN. The rows stay undelivered, which the checks count.
# Reconciliation stays on (as in production): the seeded sessions expire in a day, so its rounds find nothing.
# The dossiers lookup is not called by IPNs; its address is not configured.
settings=(Database__Provider=Postgres "ConnectionStrings__payments=$pg_base;Database=ipnbench_payments"
  Auth__Issuer=http://127.0.0.1:8080/ Auth__ClientSecret="$client_secret"
  Payments__VnPay__TmnCode="$tmn_code" Payments__VnPay__HashSecret="$hash_secret"
  Messaging__DispatcherEnabled=false)

start payments0 PublicServices.Payments "${ports[0]}" "${settings[@]}"
wait_ready payments0 "http://127.0.0.1:${ports[0]}/health/ready" # migrates the fresh database first
start payments1 PublicServices.Payments "${ports[1]}" "${settings[@]}"
wait_ready payments1 "http://127.0.0.1:${ports[1]}/health/ready"
log "replicas ready: payments0=${pids[payments0]} payments1=${pids[payments1]}; load average $(cut -d' ' -f1-3 /proc/loadavg)"

bench_env=(BENCH_Postgres="$pg" BENCH_DatabasePrefix=ipnbench_ BENCH_ResultsFile="$results/ipn-latest.md"
  BENCH_IpnReplicas="http://127.0.0.1:${ports[0]},http://127.0.0.1:${ports[1]}" BENCH_IpnTmnCode="$tmn_code" BENCH_IpnHashSecret="$hash_secret"
  BENCH_Pids__payments0="${pids[payments0]}" BENCH_Pids__payments1="${pids[payments1]}"
  BENCH_RunLabel="$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')")
env "${bench_env[@]}" "$tool" ipn "$@"
