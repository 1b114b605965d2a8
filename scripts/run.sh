#!/usr/bin/env bash
# Starts the console on the embedded default: H2 file database and a sandboxed host tree under
# the data directory (./data unless VSCONSOLE_DATA_DIR is set). Builds the jar first when needed.
# Extra arguments go to the console, e.g. --server.port=9090.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-host.sh
jar=$(ls target/vserver-console-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ] || [ -n "$(find src db frontend pom.xml -newer "$jar" -print -quit)" ]; then
    ./mvnw -B -q -DskipTests package
    jar=$(ls target/vserver-console-*.jar | grep -v original | head -n 1)
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"
