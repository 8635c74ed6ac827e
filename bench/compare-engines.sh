#!/usr/bin/env bash
# Old engine against new engine on the same machine within minutes: builds bench/Jobs.Benchmarks at two git refs
# in temporary worktrees, then runs the two binaries in turn (old, new, old, new, ...) so a busy spell on the
# machine hits both alike, and prints every table under the ref it came from.
#
# Usage: bench/compare-engines.sh OLD_REF [NEW_REF] [-- BENCHMARK_ARGS...]
#   NEW_REF defaults to HEAD; BENCHMARK_ARGS go to both binaries (e.g. -- --records 20000000).
#   COMPARE_RUNS (default 3) sets how many times each binary runs.
# Both refs must hold bench/Jobs.Benchmarks; an older ref's binary may not know newer flags such as --quick.
set -euo pipefail

usage() {
    echo "usage: $0 OLD_REF [NEW_REF] [-- BENCHMARK_ARGS...]" >&2
    exit 2
}

[ $# -ge 1 ] || usage
case "$1" in -h | --help | --) usage ;; esac
old_ref=$1
shift
new_ref=HEAD
if [ $# -ge 1 ] && [ "$1" != "--" ]; then
    new_ref=$1
    shift
fi
if [ $# -ge 1 ]; then
    [ "$1" = "--" ] || usage
    shift
fi
runs=${COMPARE_RUNS:-3}
case "$runs" in '' | *[!0-9]* | 0) echo "COMPARE_RUNS must be a positive integer" >&2; exit 2 ;; esac

. "$(dirname "$0")/compare-common.sh"
compare_setup "$old_ref" "$new_ref" compare-engines
compare_build old "$old_commit" bench/Jobs.Benchmarks
compare_build new "$new_commit" bench/Jobs.Benchmarks
for side in old new; do
    dotnet msbuild "$work/$side/bench/Jobs.Benchmarks" -nologo -getProperty:AssemblyName -p:Configuration=Release >"$work/$side-assembly"
done
old_dll="$work/old-out/$(cat "$work/old-assembly").dll"
new_dll="$work/new-out/$(cat "$work/new-assembly").dll"

for run in $(seq 1 "$runs"); do
    for side in old new; do
        if [ "$side" = old ]; then
            label="old: $old_ref (${old_commit:0:10})"
            dll=$old_dll
        else
            label="new: $new_ref (${new_commit:0:10})"
            dll=$new_dll
        fi
        echo
        echo "## $label, run $run of $runs"
        echo
        dotnet "$dll" "$@"
    done
done
