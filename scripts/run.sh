#!/usr/bin/env bash
# Starts the console on the embedded default: H2 file database and a sandboxed host tree under
# the data directory (./data unless VSCONSOLE_DATA_DIR is set). Builds the jar first when needed,
# saying what the build is doing, and starts from the JDK's AOT cache made once per build
# (scripts/start-cache.sh; VSCONSOLE_AOT=off starts from the plain jar).
# Extra arguments go to the console, e.g. --server.port=9090.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-host.sh
source scripts/start-cache.sh
source scripts/split-run.sh

# Maven's own output, cut to one line per build step with the time since the start; the whole
# log stays in target/build.log and its end is shown if the build fails.
build() {
    mkdir -p target
    echo "Building the console (the first build downloads dependencies and takes a few minutes; log: target/build.log) ..."
    local statuses
    # Debian's default awk (mawk) reads a pipe in blocks: the steps would show in bursts without this
    local filter=(awk)
    if awk -W version 2>&1 | grep -q mawk; then
        filter=(awk -W interactive)
    fi
    set +e
    # The console alone: the tests and their API client are not compiled (scripts/test.sh builds them)
    ./mvnw -B -Dmaven.test.skip=true -Dcodegen.skip=true package 2>&1 | tee target/build.log.tmp | "${filter[@]}" -v start="$(date +%s)" '
        function stamp() { return sprintf("[%4ds]", systime() - start) }
        /Downloaded from/ { downloads++; if (downloads % 100 == 0) { printf "%s   %d files downloaded ...\n", stamp(), downloads; fflush() } next }
        /^\[INFO\] --- / {
            split($3, p, ":"); goal = p[3]; id = $4; gsub(/[()]/, "", id); steps++
            what = goal == "compile" ? "compiling the console" : goal == "testCompile" ? "compiling the tests" \
                : goal == "prepare-frontend" ? "preparing the web front end" : goal == "build-frontend" ? "checking the front-end bundle (no Node)" \
                : goal == "generate" ? "generating the API client" : goal == "jar" ? "writing the jar" \
                : goal == "repackage" ? "packaging the runnable jar" : id == "xterm-js" ? "fetching xterm.js (pinned, cached)" \
                : id == "native-helper" ? "compiling the native /tmp helper" : p[1] " " (id != "" ? id : goal)
            printf "%s step %d: %s\n", stamp(), steps, what; fflush(); next
        }
        /Compiling [0-9]+ source files/ { sub(/^\[INFO\] /, ""); sub(/ with javac.*/, ""); printf "%s   %s\n", stamp(), $0; fflush(); next }
        /^\[ERROR\]/ { print; fflush() }
        /BUILD SUCCESS/ { printf "%s build done\n", stamp(); fflush() }
    '
    statuses=("${PIPESTATUS[@]}")
    set -e
    local status=${statuses[0]}
    mv target/build.log.tmp target/build.log
    if [ "$status" -ne 0 ]; then
        echo "The build failed; the end of target/build.log:" >&2
        tail -n 40 target/build.log >&2
        exit "$status"
    fi
}

jar=$(ls target/vserver-console-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ] || [ -n "$(find src db frontend pom.xml -newer "$jar" -print -quit)" ]; then
    build
    jar=$(ls target/vserver-console-*.jar | grep -v original | head -n 1)
fi
jvm=(--enable-native-access=ALL-UNNAMED)
if [ "${VSCONSOLE_AOT:-on}" != off ] && aot_prepare "$jar" target/aot; then
    jvm=(-XX:AOTCache="$(aot_cache_file target/aot)" --enable-native-access=ALL-UNNAMED)
    jar=$(aot_jar "$jar" target/aot)
fi
# As root, the web tier drops root and a host agent keeps it (scripts/split-run.sh);
# VSCONSOLE_SPLIT=off runs one root process as before.
if [ "$(id -u)" -eq 0 ] && [ "${VSCONSOLE_SPLIT:-on}" != off ]; then
    status=0
    run_split "$jar" "${jvm[@]}" -- "$@" || status=$?
    if [ "$status" -ne 1 ]; then
        exit "$status"
    fi
    echo "Running as one root process instead (clone into a folder other users can enter; VSCONSOLE_SPLIT=off skips this check)." >&2
fi
exec "$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$jar" "$@"
