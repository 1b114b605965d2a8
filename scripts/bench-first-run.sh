#!/usr/bin/env bash
# Prints what a new user waits for (asserts nothing): from `git clone` of this repository to the
# first page served by `scripts/run.sh` in the clone (GET / followed to the sign-in page, HTTP 200),
# with the time of each part: the clone, the build (as run.sh shows it), the start-up cache and the
# start. The Maven repository is this machine's as it is (a first run on a machine that never built
# the console downloads its dependencies on top). The clone and its data go to a temporary folder
# that is removed afterwards; the console gets the read-only driver and a port of its own.
#   scripts/bench-first-run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d /tmp/vsc-first-run.XXXXXX)
pid=
cleanup() {
    [ -z "$pid" ] || kill -TERM "$pid" 2>/dev/null || true
    [ -z "$pid" ] || wait "$pid" 2>/dev/null || true
    rm -rf -- "$work"
}
trap cleanup EXIT
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

start=$(date +%s%N)
git clone -q -- "$repo" "$work/clone"
clone_ms=$(ms "$start")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$work/run.log
(cd "$work/clone" && VSCONSOLE_DATA_DIR="$work/data" exec scripts/run.sh --server.port="$port" \
    --vsconsole.data-dir="$work/data" --vsconsole.host.driver=read-only \
    --vsconsole.admin-password="first-run-bench-$$-x" --vsconsole.linux.package-cache-port=0 --vsconsole.boot.marks=) \
    >"$log" 2>&1 &
pid=$!
built_ms= cached_ms= code=
for i in $(seq 1 12000); do
    [ -n "$built_ms" ] || ! grep -q 'build done' "$log" || built_ms=$(ms "$start")
    [ -n "$cached_ms" ] || ! grep -q 'Tomcat started\|Starting Application' "$log" || cached_ms=$(ms "$start")
    code=$(curl -s -L -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true)
    [ "$code" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
total_ms=$(ms "$start")
if [ "$code" != 200 ]; then
    echo "bench-first-run: no page was served; the end of the log:"
    tail -n 30 "$log"
    exit 1
fi
echo "bench-first-run: clone ${clone_ms} ms; build done at ${built_ms:-?} ms; console starting at ${cached_ms:-?} ms;" \
    "first page at ${total_ms} ms ($(( total_ms / 1000 )) s from clone to first page)"
echo "bench-first-run: what run.sh printed:"
grep -v '^[0-9]\{4\}-' "$log" | head -n 40 | sed 's/^/  /'
