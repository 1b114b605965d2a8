#!/usr/bin/env bash
# Prints the linux driver's costs beside those of the namespace driver it replaced (the last
# commit before LXC, ac77a36), one after the other on this machine: skeleton start and stop
# (median of 20) and figures() over 50 running guests. Needs root, as the guests do.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-host.sh
old=$(mktemp -d /tmp/vsc-bench-old.XXXXXX)
trap 'git worktree remove --force "$old" >/dev/null 2>&1 || rm -rf -- "$old"' EXIT
git worktree add --detach "$old" ac77a36 >/dev/null
echo "== namespace driver (ac77a36)"
(cd "$old" && ./mvnw -B -q -Pbench test -Dtest=LinuxDriverBench -Dsurefire.failIfNoSpecifiedTests=false | grep 'bench:')
echo "== LXC driver ($(git rev-parse --short HEAD))"
./mvnw -B -q -Pbench test -Dtest=LinuxDriverBench -Dsurefire.failIfNoSpecifiedTests=false | grep 'bench:'
