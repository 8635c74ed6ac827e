#!/usr/bin/env bash
# Two builds of the flows engine path side by side: builds bench/FlowEnricher.Benchmarks at two git refs in temporary
# worktrees, then runs PAIRS pairs of engine-only rounds with both binaries at the same time (the starting order
# alternates), so whatever else loads the machine loads both alike. Prints each pair's means (rounds 2-6, M flows per
# CPU-second) and, at the end, the mean and median of new / old and how many pairs the new build led.
#
# Usage: bench/compare-flows.sh OLD_REF [NEW_REF] [PAIRS]
#   NEW_REF defaults to HEAD, PAIRS to 20. FLOWS (500000) and IPS (100000) size the workload.
# On a shared 2-core machine the same build against itself differed by up to 25% within one pair before the benchmark
# left the JIT thread out of its CPU time (now pairs on a quiet machine agree within about 7%); 20 pairs resolve a few
# percent on a quiet machine. Both refs must hold bench/FlowEnricher.Benchmarks with FLOWS_ENGINE_ROUNDS.
set -euo pipefail

usage() {
    echo "usage: $0 OLD_REF [NEW_REF] [PAIRS]" >&2
    exit 2
}

[ $# -ge 1 ] && [ $# -le 3 ] || usage
case "$1" in -h | --help) usage ;; esac
old_ref=$1
new_ref=${2:-HEAD}
pairs=${3:-20}
case "$pairs" in '' | *[!0-9]* | 0) echo "PAIRS must be a positive integer" >&2; exit 2 ;; esac
flows=${FLOWS:-500000}
ips=${IPS:-100000}

. "$(dirname "$0")/compare-common.sh"
compare_setup "$old_ref" "$new_ref" compare-flows
compare_build old "$old_commit" bench/FlowEnricher.Benchmarks
compare_build new "$new_commit" bench/FlowEnricher.Benchmarks

# run SIDE: engine-only rounds of one binary; prints the mean of rounds 2-6 (round 1 still compiles).
run() {
    (cd "$work/$1-out" && FLOWS_ENGINE_ROUNDS=6 dotnet FlowEnricher.Benchmarks.dll "$flows" "$ips" 2>&1) |
        awk '/^engine-only round/ { n++; if (n > 1) { sum += $4; k++ } }
             END { if (k == 0) { print "no engine-only rounds in the output" > "/dev/stderr"; exit 1 } printf "%.4f\n", sum / k }'
}

echo "old: $old_ref (${old_commit:0:10}), new: $new_ref (${new_commit:0:10}); $pairs pairs, $flows flows, $ips IPs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for pair in $(seq 1 "$pairs"); do
    if [ $((pair % 2)) -eq 1 ]; then
        run old >"$work/old-rate" & first=$!
        run new >"$work/new-rate"
    else
        run new >"$work/new-rate" & first=$!
        run old >"$work/old-rate"
    fi
    wait "$first"
    old_rate=$(cat "$work/old-rate")
    new_rate=$(cat "$work/new-rate")
    echo "$pair $old_rate $new_rate" >>"$work/pairs"
    awk -v p="$pair" -v o="$old_rate" -v n="$new_rate" 'BEGIN { printf "pair %d: old %.3f, new %.3f M flows/CPU-s, new / old %.3f\n", p, o, n, n / o }'
done

sort -k4 -g <(awk '{ print $1, $2, $3, $3 / $2 }' "$work/pairs") | awk -v pairs="$pairs" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" '
    { ratio[NR] = $4; old += $2; new += $3; sum += $4; if ($4 > 1) ahead++ }
    END {
        median = NR % 2 ? ratio[(NR + 1) / 2] : (ratio[NR / 2] + ratio[NR / 2 + 1]) / 2
        printf "old mean %.3f, new mean %.3f M flows/CPU-s; new / old: mean %.3f, median %.3f; new ahead in %d of %d pairs; load average %s\n",
            old / NR, new / NR, sum / NR, median, ahead, pairs, load
    }'
