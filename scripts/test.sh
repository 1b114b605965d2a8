#!/usr/bin/env bash
# Runs every test (unit, browserless UI, real guests through the linux driver, Selenium against
# the production jar) on a fresh Debian machine: installs what is missing, then `mvnw verify`.
# Real guests need root (cgroups, namespaces), as CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-host.sh
# qemu runs the disk-quota check under Debian's stock kernel: this kernel has no quota formats
ensure_packages chromium chromium-driver libcap2-bin qemu-system-x86 xfsprogs
export SE_OFFLINE=true

mkdir -p target
log=target/build.log
./mvnw -B verify "$@" 2>&1 | tee "$log"
# The production build must never need Node: fail loudly if Vaadin ever wants its own bundle.
if grep -q "A production mode bundle build is needed" "$log"; then
    echo "FAILED: Vaadin reported that a production bundle build is needed (a custom frontend crept in)." >&2
    exit 1
fi

# Disk limits are project quotas; this kernel cannot enforce them, so their check runs in a VM
# under Debian's stock kernel, on the classes Maven just built.
bash src/test/vm/quota-it-in-vm.sh
