#!/usr/bin/env bash
# The image's entrypoint: as root, the web tier drops root and the host agent keeps it, as
# scripts/run.sh does (scripts/split-run.sh); VSCONSOLE_SPLIT=off runs one root process.
set -euo pipefail
cd /opt/vsconsole
source ./split-run.sh
export JAVA_HOME=${JAVA_HOME:-/opt/java/openjdk}
if [ "$(id -u)" -eq 0 ] && [ "${VSCONSOLE_SPLIT:-on}" != off ]; then
    status=0
    run_split app.jar -XX:AOTCache=app.aot --enable-native-access=ALL-UNNAMED -- "$@" || status=$?
    if [ "$status" -ne 1 ]; then
        exit "$status"
    fi
fi
exec "$JAVA_HOME/bin/java" -XX:AOTCache=app.aot --enable-native-access=ALL-UNNAMED -jar app.jar "$@"
