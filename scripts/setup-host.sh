# Sourced by run.sh and test.sh: picks the Java 25 JDK and installs the host tools guests need.
# Packages come from Debian; nothing is downloaded from anywhere else.

ensure_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "Missing packages: ${missing[*]} (run as root, or install them first)" >&2
            return 1
        fi
        echo "Installing ${missing[*]} ..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    echo "A Java 25 JDK is needed (Temurin 25 expected under /usr/lib/jvm/temurin-25-jdk-amd64; or set JAVA_HOME)." >&2
    exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

# Guests on a stock kernel run as unprivileged LXC containers: lxc runs them, uidmap maps their ids,
# nftables filters their bridge ports, iputils-arping announces their addresses, busybox-static
# builds skeleton guests, util-linux and iproute2 do the rest; gcc and libc6-dev build the small
# native helper in native/ during the Maven build.
# Root is granted the id ranges of every guest context (1048576 + xid*65536, 65536 ids each) in
# /etc/subuid and /etc/subgid: newuidmap refuses any range not listed there.
grant_guest_ids() {
    local line="root:1048576:3221225472"
    for file in /etc/subuid /etc/subgid; do
        touch "$file"
        grep -qxF "$line" "$file" || echo "$line" >> "$file"
    done
}

# Debian guests: debootstrap builds their base trees; apt-cacher-ng is the one package cache all
# guests fetch through. The console runs its own apt-cacher-ng, bound to the guests' gateway
# only; the distribution's service (listening on every address) is disabled so the two never
# compete for the port.
disable_distribution_package_cache() {
    if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
        systemctl disable --now apt-cacher-ng >/dev/null 2>&1 || true
    elif [ -x /etc/init.d/apt-cacher-ng ]; then
        /etc/init.d/apt-cacher-ng stop >/dev/null 2>&1 || true
        update-rc.d apt-cacher-ng disable >/dev/null 2>&1 || true
    fi
}

if [ "$(id -u)" -eq 0 ]; then
    if ! dpkg-query -W -f='${Status}' apt-cacher-ng 2>/dev/null | grep -q "install ok installed"; then
        # answer the package's debconf question (tunnel https?) without a prompt
        echo "apt-cacher-ng apt-cacher-ng/tunnelenable boolean false" | debconf-set-selections
        ensure_packages apt-cacher-ng
        disable_distribution_package_cache
    fi
    ensure_packages busybox-static util-linux iproute2 gcc libc6-dev lxc uidmap nftables iputils-arping debootstrap
    grant_guest_ids
fi
