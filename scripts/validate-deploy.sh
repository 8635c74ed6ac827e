#!/usr/bin/env bash
# Validates the Kubernetes manifests in deploy/kubernetes without a cluster: installs the node test project in
# tests/deploy (npm ci, from the lock file; reuses npm's cache when it can) and runs it with node's test runner. Each
# object is checked against its kind's Kubernetes API schema, then against the rules of docs/operations.md.
#
# Prints the runner's TAP output and a last line "N passed, N failed"; exits non-zero on a failed test or when none ran.
# --trx FILE also writes the counts as a minimal TRX file, so scripts/test.sh adds them to its summary.
source "$(dirname "$0")/common.sh"

trx=""
while (( $# > 0 )); do
  case "$1" in
    --trx) trx="${2:?--trx needs a file}"; shift 2 ;;
    *) die "unknown argument $1 (usage: scripts/validate-deploy.sh [--trx FILE])" ;;
  esac
done

need_npm
major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
(( major >= 18 )) || die "node 18 or later is needed for node --test (found $(node -v 2>/dev/null || echo none))"

cd "$REPO_ROOT/tests/deploy"
npm ci --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error >&2 \
  || die "npm ci in tests/deploy failed (is the npm registry reachable?)"

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
set +e
node --test --test-reporter=tap | tee "$out"
rc=${PIPESTATUS[0]}
set -e

counter() { sed -n "s/^# $1 \([0-9][0-9]*\)\$/\1/p" "$out" | tail -1; }
passed="$(counter pass)"; failed="$(counter fail)"; cancelled="$(counter cancelled)"; skipped="$(counter skipped)"
passed=${passed:-0}; failed=$(( ${failed:-0} + ${cancelled:-0} )); skipped=${skipped:-0}
# A runner that died before its summary counts as a failure, not as nothing.
(( rc != 0 && failed == 0 )) && failed=1

if [[ -n "$trx" ]]; then
  mkdir -p "$(dirname "$trx")"
  outcome=Completed; (( failed > 0 )) && outcome=Failed
  cat > "$trx" <<TRX
<?xml version="1.0" encoding="utf-8"?>
<TestRun name="deploy manifests (scripts/validate-deploy.sh)" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
  <ResultSummary outcome="$outcome">
    <Counters total="$((passed + failed + skipped))" executed="$((passed + failed))" passed="$passed" failed="$failed" error="0" timeout="0" aborted="0" inconclusive="0" notExecuted="$skipped" />
  </ResultSummary>
</TestRun>
TRX
fi

echo "$passed passed, $failed failed"
(( failed == 0 && passed > 0 ))
