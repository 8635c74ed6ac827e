#!/usr/bin/env bash
# The whole test run, as CI does it: install and start Kafka + Cassandra on loopback, install headless Chromium for
# the browser tests, run every test project of StreamJobs.sln in Release and the deploy manifest tests
# (scripts/validate-deploy.sh), stop the servers this run started, and print one summary line
# "N passed, N failed[, N skipped]" summed over all of them.
# Nothing native is built or installed for the Kafka client: librdkafka comes from the librdkafka.redist NuGet package
# and Confluent.Kafka loads it from the build output (docs/kafka.md).
# Exits non-zero on any failed test, a build failure, or when no test ran.
#
# Variables: STREAMJOBS_KEEP_SERVERS=1 leaves the servers running afterwards; TEST_TIMEOUT_SECONDS (default 2400)
# bounds the test runs; TEST_TARGET=path/to/X.Tests.csproj runs one test project instead of all of StreamJobs.sln;
# extra arguments go to every `dotnet test` (e.g. --filter ...).
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
t0=$SECONDS

started=()
cleanup() {
  local rc=$?
  if [[ "${STREAMJOBS_KEEP_SERVERS:-0}" != 1 ]]; then
    for s in "${started[@]}"; do "$REPO_ROOT/scripts/stop-$s.sh" || true; done
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

scripts/install-kafka.sh < /dev/null
scripts/install-cassandra.sh < /dev/null
# Headless Chromium and its driver for the browser tests (tests/Jobs.Ui.Tests); they fail loudly without them.
scripts/install-chromium.sh < /dev/null
pid_alive "$CASSANDRA_STATE/cassandra.pid" || started+=(cassandra)
scripts/start-cassandra.sh < /dev/null
pid_alive "$KAFKA_STATE/kafka.pid" || started+=(kafka)
scripts/start-kafka.sh < /dev/null

log "servers ready after $((SECONDS - t0))s"

export STREAMJOBS_KAFKA="127.0.0.1:$KAFKA_PORT"
export STREAMJOBS_CASSANDRA="127.0.0.1:$CQL_PORT"

results="$STATE_DIR/test-results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
export STREAMJOBS_TEST_RESULTS="$results" # the browser tests save their screenshots under it (ui-screenshots/)
deadline=$((SECONDS + ${TEST_TIMEOUT_SECONDS:-2400}))

# Build once (projects in parallel), then run the test projects one after another: per-project TRX names cannot
# collide, and a test that restarts a server cannot disturb another project's tests.
if [[ -n "${TEST_TARGET:-}" ]]; then
  projects=("$TEST_TARGET")
else
  mapfile -t projects < <(dotnet sln StreamJobs.sln list | tr -d '\r' | grep -E '\.csproj$' | sort \
    | while read -r p; do grep -q 'Microsoft.NET.Test.Sdk' "$p" 2>/dev/null && echo "$p"; done)
fi
(( ${#projects[@]} > 0 )) || die "no test project found in StreamJobs.sln"
build_target="${TEST_TARGET:-StreamJobs.sln}"
log "building $build_target (Release); ${#projects[@]} test project(s)"
build_ok=1
dotnet build "$build_target" -c Release -nologo -clp:ErrorsOnly < /dev/null || build_ok=0
(( build_ok )) || log "the solution build failed; running each test project with its own build so the rest still run"

broken=()
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  left=$((deadline - SECONDS))
  if (( left <= 0 )); then log "time budget used up; $name not run"; broken+=("$name (not run: time budget)"); continue; fi
  log "dotnet test $project"
  args=(-c Release --logger "trx;LogFileName=$name.trx" --results-directory "$results")
  (( build_ok )) && args+=(--no-build)
  set +e
  timeout "$left" dotnet test "$project" "${args[@]}" "$@" < /dev/null
  rc=$?
  set -e
  (( rc == 124 )) && log "$name was stopped: the time budget (TEST_TIMEOUT_SECONDS) ran out"
  if [[ ! -f "$results/$name.trx" ]]; then broken+=("$name (exit $rc, no results: build error or crashed test host)"); fi
done

# The Kubernetes manifests (deploy/, a node test project): their counts arrive as one more TRX file, summed below.
if [[ -z "${TEST_TARGET:-}" ]]; then
  log "scripts/validate-deploy.sh"
  scripts/validate-deploy.sh --trx "$results/DeployManifests.trx" < /dev/null || true
  [[ -f "$results/DeployManifests.trx" ]] || broken+=("deploy manifests (no results: npm ci or node failed)")
fi

# Sum the <Counters .../> of every TRX file.
passed=0 failed=0 skipped=0
count() { sed -n "s/.*<Counters [^>]*\b$1=\"\([0-9]*\)\".*/\1/p" "$2" | head -1; }
for trx in "$results"/*.trx; do
  [[ -f "$trx" ]] || continue
  p="$(count passed "$trx")"; f="$(count failed "$trx")"; e="$(count error "$trx")"
  t="$(count timeout "$trx")"; a="$(count aborted "$trx")"; n="$(count notExecuted "$trx")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0})); skipped=$((skipped + ${n:-0}))
done

# Name every failed test with the first line of its message, so the tail of a CI log says what broke.
failures() {
  awk '/<UnitTestResult / && /outcome="(Failed|Error|Timeout|Aborted)"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); open = 1; next }
       open && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print "FAILED " name ": " substr($0, 1, 400); open = 0 }
       open && /<\/UnitTestResult>/ { print "FAILED " name; open = 0 }' "$1"
}
for trx in "$results"/*.trx; do [[ -f "$trx" ]] && failures "$trx"; done
for b in "${broken[@]}"; do log "no test results from $b"; done
log "total time $((SECONDS - t0))s; TRX files in ${results#"$REPO_ROOT"/}"
summary="$passed passed, $failed failed"
(( skipped > 0 )) && summary+=", $skipped skipped"
echo "$summary"

if (( failed > 0 )); then exit 1; fi
if (( passed == 0 )); then log "no test ran"; exit 1; fi
if (( ${#broken[@]} > 0 )); then exit 1; fi
exit 0
