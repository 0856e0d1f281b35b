#!/usr/bin/env bash
# The workflow benchmark in one command: bench/workflow.sh   (smoke run: bench/workflow.sh --quick)
# Starts PostgreSQL (build/servers.sh), publishes bench/WorkflowBench in Release into bench/out, and runs it: the
# workflow runtime on PostgreSQL (fresh bench_workflow_* databases) against WorkflowCore 3.22 in memory, in one
# process and one run. Prints the summary and writes bench/results/workflow.md. Options pass through to the tool,
# e.g. bench/workflow.sh --Parts 1,2 --Rounds 3 (see WorkflowBench/WorkflowBenchOptions.cs; also WFBENCH_<Name>).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
out="$bench/out"
results="$bench/results"
logs="$results/logs"
log() { echo "workflow bench: $*" >&2; }
mkdir -p "$results" "$logs"

# PostgreSQL (and s3rver, which this bench does not use); stopped at the end only if this run started them.
servers_were_up=no
if [ -f "$root/.servers/s3/pid" ] && kill -0 "$(cat "$root/.servers/s3/pid")" 2>/dev/null \
  && [ -f "$root/.servers/pg/data/postmaster.pid" ]; then servers_were_up=yes; fi
eval "$("$root/build/servers.sh" start postgres)"
cleanup() {
  local code=$?
  [ "$servers_were_up" = no ] && "$root/build/servers.sh" stop postgres || true
  exit $code
}
trap cleanup EXIT INT TERM

project=bench/WorkflowBench/PublicServices.Bench.Workflow.csproj
log "publishing $project (Release) into bench/out"
started=$(date +%s)
(cd "$root" && dotnet publish "$project" -c Release --artifacts-path "$out" --nologo -v q -clp:ErrorsOnly) >"$logs/workflow-publish.log" 2>&1 \
  || { cat "$logs/workflow-publish.log" >&2; log "publish failed"; exit 1; }
log "published in $(( $(date +%s) - started )) s; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

tool="$out/publish/PublicServices.Bench.Workflow/release/PublicServices.Bench.Workflow"
env WFBENCH_Postgres="$PUBLICSERVICES_TEST_POSTGRES" WFBENCH_ResultsFile="$results/workflow.md" \
  WFBENCH_RunLabel="$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')" \
  "$tool" "$@"
