# Sourced by run.sh and the image's entrypoint: starts the console as two processes when run as
# root. The host agent (`agent`, the only root part: LXC, cgroups, the bridge, guest trees) listens
# on a Unix socket; the web tier (Vaadin, Spring, H2, every request parser) runs as the
# unprivileged web user and reaches the host only through that socket.
#
# Data directory layout (root-owned, 0711):
#   web/             the web tier's own files (database, recordings, keys): web user, 0700
#   host/etc/vservers  the config tree (or VSCONSOLE_HOST_CONFIG_ROOT): root's, 0750 in the web
#                      user's group; the web tier reads it and the agent makes its changes
#   host/var/lib/vservers (or VSCONSOLE_HOST_GUESTS_ROOT), run/, cache/   the agent's: root
#   agent/agent.sock  the socket: root:<web group>, 0660, in a 0750 folder
#
# run_split JAR JVM_OPTION... -- CONSOLE_ARGUMENT...
# Returns 1 without starting anything when the web user cannot read the jar (a clone under /root)
# or on a Linux-VServer kernel; the caller then runs one root process as before.
run_split() {
    local jar=$1
    shift
    local jvm=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        jvm+=("$1")
        shift
    done
    [ $# -gt 0 ] && shift
    local web_user=${VSCONSOLE_WEB_USER:-vsconsole}
    local data=${VSCONSOLE_DATA_DIR:-data}
    local config=${VSCONSOLE_HOST_CONFIG_ROOT:-} guests=${VSCONSOLE_HOST_GUESTS_ROOT:-}
    local shared=() web_only=()
    local arg
    for arg in "$@"; do
        case "$arg" in
            --vsconsole.data-dir=*) data=${arg#--vsconsole.data-dir=} ;;
            --vsconsole.host.config-root=*) config=${arg#--vsconsole.host.config-root=} ;;
            --vsconsole.host.guests-root=*) guests=${arg#--vsconsole.host.guests-root=} ;;
            --vsconsole.*=*) shared+=("$arg") ;;
            *) web_only+=("$arg") ;;
        esac
    done
    data=$(realpath -m -- "$data")
    config=$(realpath -m -- "${config:-$data/host/etc/vservers}")
    guests=$(realpath -m -- "${guests:-$data/host/var/lib/vservers}")
    shared+=(--vsconsole.host.config-root="$config" --vsconsole.host.guests-root="$guests")

    if [ -e /proc/virtual/info ]; then
        # util-vserver's build makes the config directory itself, which the agent cannot check yet
        echo "On a Linux-VServer kernel util-vserver's builds write the config tree themselves, which the" \
            "host agent does not check yet." >&2
        return 1
    fi
    if ! id -u "$web_user" >/dev/null 2>&1; then
        echo "Creating the system user '$web_user' for the web tier ..."
        useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$web_user"
    fi
    local as_web=(setpriv --reuid="$web_user" --regid="$web_user" --init-groups --no-new-privs --inh-caps=-all
        --bounding-set=-all)
    if ! "${as_web[@]}" test -r "$jar"; then
        echo "The web user '$web_user' cannot read $jar (a folder on its path is closed to other users)." >&2
        return 1
    fi

    mkdir -p "$data/web" "$data/agent" "$config" "$guests"
    chown root:root "$data"
    chmod 0711 "$data"
    if [ -d "$data/host" ]; then
        chown root:root "$data/host" "$data/host/etc" "$data/host/var" "$data/host/var/lib" 2>/dev/null || true
    fi
    # a data directory the single root process used: its own files move under web/
    local item
    mkdir -p "$data/web/run"
    for item in db recordings audit-spill.jsonl audit-anchor initial-admin-password run/boot-id; do
        if [ -e "$data/$item" ] && [ ! -e "$data/web/$item" ]; then
            mv -- "$data/$item" "$data/web/$item"
        fi
    done
    chown -R "$web_user:$web_user" "$data/web"
    # the config tree is the agent's: the web tier reads it (group) and sends every change to the
    # agent, which checks it again; nothing in it may be the web user's to write
    chown -R "root:$web_user" "$config"
    chmod -R g+rX,g-w "$config"
    chmod 0750 "$config"
    chmod 0700 "$data/web"
    chown "root:$web_user" "$data/agent"
    chmod 0750 "$data/agent"

    local socket="$data/agent/agent.sock"
    rm -f -- "$socket"
    # The agent is small: no web stack, a bounded heap
    "$JAVA_HOME/bin/java" -Xmx192m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -jar "$jar" agent \
        --socket="$socket" --group="$web_user" --allow-user="$web_user" --vsconsole.data-dir="$data" "${shared[@]}" &
    local agent_pid=$!
    local waited=0
    while [ ! -S "$socket" ]; do
        if ! kill -0 "$agent_pid" 2>/dev/null; then
            echo "The host agent did not start; its messages are above." >&2
            return 2
        fi
        if [ "$waited" -ge 600 ]; then
            echo "The host agent did not open $socket within 60 s." >&2
            kill "$agent_pid" 2>/dev/null
            return 2
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    echo "Host agent (pid $agent_pid, root) on $socket; the web tier runs as '$web_user'."
    "${as_web[@]}" -- "$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$jar" --vsconsole.data-dir="$data/web" \
        --vsconsole.agent.socket="$socket" "${shared[@]}" "${web_only[@]}" &
    local web_pid=$!
    # Either process ending (or a signal to this script) ends the other: the guests run on
    trap 'kill "$web_pid" "$agent_pid" 2>/dev/null' INT TERM EXIT
    local status=0
    wait -n "$web_pid" "$agent_pid" || status=$?
    kill "$web_pid" "$agent_pid" 2>/dev/null || true
    wait "$web_pid" "$agent_pid" 2>/dev/null || true
    trap - INT TERM EXIT
    return "$status"
}
