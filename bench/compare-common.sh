# Shared by the bench/compare-*.sh scripts (source it, do not run it): two git refs, each checked out in a temporary
# worktree and a benchmark project built there, all removed again when the script exits.

# compare_setup OLD_REF NEW_REF NAME: sets repo, old_commit, new_commit and work (a temporary folder), and the exit trap.
compare_setup() {
    repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
    old_commit=$(git -C "$repo" rev-parse --verify --quiet "$1^{commit}") || { echo "not a commit: $1" >&2; exit 2; }
    new_commit=$(git -C "$repo" rev-parse --verify --quiet "$2^{commit}") || { echo "not a commit: $2" >&2; exit 2; }
    work=$(mktemp -d "${TMPDIR:-/tmp}/$3.XXXXXX")
    trap compare_cleanup EXIT
}

compare_cleanup() {
    for side in old new; do
        if [ -d "$work/$side" ]; then git -C "$repo" worktree remove --force "$work/$side" >/dev/null 2>&1 || true; fi
    done
    rm -rf "$work"
    git -C "$repo" worktree prune >/dev/null 2>&1 || true
}

# compare_build SIDE COMMIT PROJECT: checks COMMIT out under $work/SIDE and builds PROJECT (a path in the repository)
# into $work/SIDE-out.
compare_build() {
    local side=$1 commit=$2 project="$work/$1/$3"
    git -C "$repo" worktree add --detach --quiet "$work/$side" "$commit"
    if [ ! -d "$project" ]; then
        echo "$side ref ($commit) has no $3" >&2
        exit 1
    fi
    echo "building $side ($commit)..." >&2
    # No build servers or reused nodes: nothing of these scripts keeps running after they end.
    if ! dotnet build "$project" -c Release -o "$work/$side-out" --nologo --disable-build-servers -nodeReuse:false \
        >"$work/$side-build.log" 2>&1; then
        cat "$work/$side-build.log" >&2
        echo "building $side ($commit) failed" >&2
        exit 1
    fi
}
