#!/usr/bin/env bash
# Runs every test project against real servers (PostgreSQL, s3rver, smtp4dev, Chromium when browser tests exist)
# and ends with one line: "N passed, N failed, N skipped", summed over all projects.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Stop afterwards only the servers this run started (a developer may keep them running).
started=""
for server in postgres s3 smtp4dev; do
  build/servers.sh status "$server" >/dev/null 2>&1 || started="$started $server"
done
eval "$(build/servers.sh start)" || { echo "could not start the test servers"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
[ -n "$started" ] && trap "build/servers.sh stop $started" EXIT

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium" >&2
  (apt-get update -qq && apt-get install -y -qq chromium) >&2 || echo "could not install chromium" >&2
fi

results="$root/TestResults"
rm -rf "$results"; mkdir -p "$results"

# Debug: the Aspire end-to-end tests start the services with `dotnet run --no-build -c Debug`.
if ! dotnet build PublicServices.sln -c Debug -v q -nologo; then
  echo "0 passed, 1 failed, 0 skipped"; exit 1
fi

status=0
for project in $(find tests -name '*.Tests.csproj' | sort); do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Debug --no-build --nologo -v q \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=1
done

# The fault suite's short run (bench/faults.sh --short: a Release publish, about 2 minutes of load while every
# replica is killed three times, PostgreSQL restarted and the object store stopped, then the checks). Each check counts
# as one test. PUBLICSERVICES_FAULTS=0 leaves it out of a developer's run; CI always runs it.
if [ "${PUBLICSERVICES_FAULTS:-1}" = 1 ]; then
  echo "== Faults (bench/faults.sh --short)"
  if ! bench/faults.sh --short --TrxFile "$results/Faults.trx"; then
    status=1
    [ -f "$results/Faults.trx" ] || echo '<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><ResultSummary><Counters failed="1" /></ResultSummary></TestRun>' >"$results/Faults.trx"
  fi
fi

# Name each failed test with the start of its message, so a CI log alone shows what broke.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
for path in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    for r in ET.parse(path).getroot().findall(".//{*}UnitTestResult"):
        if r.get("outcome") != "Failed": continue
        message = r.find(".//{*}Message")
        print("FAILED", r.get("testName"))
        print("  " + ((message.text or "") if message is not None else "").strip()[:1500].replace("\n", "\n  "))
PY

# Sum the TRX counters of every project (and of the fault suite's checks).
read -r passed failed skipped < <(python3 - "$results" <<'PY' 2>/dev/null || echo "0 0 0"
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}ResultSummary/{*}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    s += int(c.get("notExecuted", 0)) + int(c.get("inconclusive", 0))
print(p, f, s)
PY
)
[ "$failed" -gt 0 ] && status=1
[ "$passed" -eq 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
