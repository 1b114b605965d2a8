# Sourced by run.sh and bench-start.sh: the JDK 25 AOT cache (JEP 483/514/515) that lets the
# console start in a fraction of the time. The jar is extracted (Spring Boot's AOT-cache layout:
# the application jar beside lib/), one training run starts the console in a throw-away data
# directory, serves the sign-in page once and stops; the JVM writes the cache as it exits. The
# cache is made again when the jar or the JDK changes, and a failed training run only costs the
# speed-up: the console then starts from the plain jar.

aot_jar() { echo "$(cd "$2" && pwd)/app/$(basename "$1")"; }
aot_cache_file() { echo "$(cd "$1" && pwd)/app.aot"; }

# aot_prepare JAR DIR: leaves DIR/app/<jar name> (+ lib/) and DIR/app.aot up to date, or returns 1.
# Starts made at once (two test forks, run.sh beside a test) make the cache once, one after the
# other, instead of removing it under each other's feet.
aot_prepare() {
    local lock status=0
    mkdir -p "$(dirname "$2")"
    exec {lock}>"$2.lock"
    flock "$lock"
    aot_prepare_unlocked "$1" "$2" || status=$?
    exec {lock}>&-
    return "$status"
}

aot_prepare_unlocked() {
    local jar=$1 dir=$2
    local stamp
    stamp="$(stat -c '%s %Y' "$jar") $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
    if [ -f "$dir/app.aot" ] && [ "$(cat "$dir/stamp" 2>/dev/null)" = "$stamp" ]; then
        return 0
    fi
    echo "Preparing the start-up cache for this build (once, about a minute) ..."
    rm -rf "$dir"
    mkdir -p "$dir"
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >"$dir/extract.log" 2>&1 || {
        echo "The jar could not be extracted (see $dir/extract.log); starting without the cache." >&2
        return 1
    }
    local data port log pid code i
    data=$(mktemp -d)
    log="$dir/training.log"
    # a real start up to the first page, so the classes a page needs are in the cache too;
    # read-only driver and a sandbox: the training run touches nothing of the host's
    # the same absolute jar path as run.sh uses: the cache is only valid for the class path it was made for
    local app cache
    app=$(aot_jar "$jar" "$dir")
    cache=$(aot_cache_file "$dir")
    (cd "$data" && exec "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$cache" --enable-native-access=ALL-UNNAMED \
        -jar "$app" --server.port=0 --vsconsole.data-dir="$data" --vsconsole.host.driver=read-only \
        --vsconsole.admin-password=training-run-only-$$-$RANDOM --vsconsole.sync.watch=false \
        --vsconsole.linux.package-cache-port=0 --vsconsole.boot.marks=) >"$log" 2>&1 &
    pid=$!
    port=
    for i in $(seq 1 240); do
        port=$(grep -o 'Tomcat started on port [0-9]*' "$log" 2>/dev/null | grep -o '[0-9]*$' | head -n 1 || true)
        [ -n "$port" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if [ -n "$port" ]; then
        for i in 1 2 3; do
            code=$(curl -s -L -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true)
        done
    fi
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$data"
    if [ -z "$port" ] || [ ! -s "$dir/app.aot" ]; then
        echo "The start-up cache could not be made (see $log); starting without it." >&2
        rm -f "$dir/app.aot"
        return 1
    fi
    echo "$stamp" >"$dir/stamp"
}
