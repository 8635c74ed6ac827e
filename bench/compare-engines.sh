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

repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
old_commit=$(git -C "$repo" rev-parse --verify --quiet "$old_ref^{commit}") || { echo "not a commit: $old_ref" >&2; exit 2; }
new_commit=$(git -C "$repo" rev-parse --verify --quiet "$new_ref^{commit}") || { echo "not a commit: $new_ref" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/compare-engines.XXXXXX")
cleanup() {
    for side in old new; do
        if [ -d "$work/$side" ]; then git -C "$repo" worktree remove --force "$work/$side" >/dev/null 2>&1 || true; fi
    done
    rm -rf "$work"
    git -C "$repo" worktree prune >/dev/null 2>&1 || true
}
trap cleanup EXIT

# build SIDE COMMIT: checks COMMIT out under $work/SIDE and builds the benchmark into $work/SIDE-out.
build() {
    local side=$1 commit=$2 project
    git -C "$repo" worktree add --detach --quiet "$work/$side" "$commit"
    project="$work/$side/bench/Jobs.Benchmarks"
    if [ ! -d "$project" ]; then
        echo "$side ref ($commit) has no bench/Jobs.Benchmarks" >&2
        exit 1
    fi
    echo "building $side ($commit)..." >&2
    # No build servers or reused nodes: nothing of this script keeps running after it ends.
    if ! dotnet build "$project" -c Release -o "$work/$side-out" --nologo --disable-build-servers -nodeReuse:false \
        >"$work/$side-build.log" 2>&1; then
        cat "$work/$side-build.log" >&2
        echo "building $side ($commit) failed" >&2
        exit 1
    fi
    dotnet msbuild "$project" -nologo -getProperty:AssemblyName -p:Configuration=Release >"$work/$side-assembly"
}

build old "$old_commit"
build new "$new_commit"
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
