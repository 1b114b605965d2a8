#!/usr/bin/env bash
# Prints start-up figures (asserts nothing): time from launching the JVM to the first page served
# (GET / followed to the sign-in page, HTTP 200) and the resident memory right then, for the plain
# jar (the start before the cache), the extracted jar, and the extracted jar with the AOT cache
# run.sh uses. Each start gets a fresh data directory and the read-only driver. Needs the jar:
# ./mvnw -DskipTests package. Runs: scripts/bench-start.sh [rounds]   (the bench profile calls it)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export JAVA_HOME
source scripts/start-cache.sh
rounds=${1:-2}
jar=$(ls target/vserver-console-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ]; then
    echo "bench-start: no jar; run ./mvnw -DskipTests package first" >&2
    exit 0
fi
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
dir=target/aot
t0=$(date +%s%N)
aot_prepare "$jar" "$dir" || { echo "bench-start: no cache could be made"; exit 0; }
echo "bench-start: cache ready in $(( ($(date +%s%N) - t0) / 1000000 )) ms ($(du -h "$dir/app.aot" | cut -f1) cache)"

# start_once LABEL JAVA-ARGS...: prints ms to the first page and RSS then
start_once() {
    local label=$1
    shift
    local data log pid port code start elapsed rss i
    data=$(mktemp -d)
    log="$data/console.log"
    start=$(date +%s%N)
    (cd "$data" && exec "$JAVA_HOME/bin/java" "$@" --server.port=0 --vsconsole.data-dir="$data/data" \
        --vsconsole.host.driver=read-only --vsconsole.admin-password=bench-start-only-$$-x \
        --vsconsole.linux.package-cache-port=0 --vsconsole.boot.marks=) >"$log" 2>&1 &
    pid=$!
    port=
    code=
    for i in $(seq 1 1200); do
        if [ -z "$port" ]; then
            port=$(grep -o 'Tomcat started on port [0-9]*' "$log" 2>/dev/null | grep -o '[0-9]*$' | head -n 1 || true)
        fi
        if [ -n "$port" ]; then
            code=$(curl -s -L -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true)
            [ "$code" = 200 ] && break
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ "$code" != 200 ]; then
        echo "bench-start: $label did not serve a page (see below)"; tail -n 20 "$log"
    else
        printf 'bench-start: %-22s first page after %6d ms, RSS %4d MB\n' "$label" "$elapsed" $((rss / 1024))
    fi
    rm -rf "$data"
}

for r in $(seq 1 "$rounds"); do
    start_once "plain jar" --enable-native-access=ALL-UNNAMED -jar "$jar"
    start_once "extracted, no cache" --enable-native-access=ALL-UNNAMED -jar "$(aot_jar "$jar" "$dir")"
    start_once "extracted + AOT cache" -XX:AOTCache="$(aot_cache_file "$dir")" --enable-native-access=ALL-UNNAMED \
        -jar "$(aot_jar "$jar" "$dir")"
done
