#!/usr/bin/env bash
# Runs every test (unit, browserless UI, real guests through the linux driver, Selenium against
# the production jar) on a fresh Debian machine: installs what is missing, then `mvnw verify`.
# Real guests need root (cgroups, namespaces), as CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup-host.sh
# qemu runs the disk-quota check under Debian's stock kernel: this kernel has no quota formats
ensure_packages chromium chromium-driver libcap2-bin qemu-system-x86 xfsprogs openssh-server
export SE_OFFLINE=true

# At the end, pass or fail: tests, failures and seconds per layer (from the test reports' own
# times; the wall time of each step besides), so a slow layer shows where the time goes. A layer's
# last report says when it ended: the unit layer's end to the ITs' end is their wall time.
script_started=$(date +%s)
layer_line() {
    local name=$1 dir=$2 ended
    if ! ls "$dir"/TEST-*.xml >/dev/null 2>&1; then
        printf '  %-34s not run\n' "$name"
        return
    fi
    ended=$(( $(stat -c %Y "$dir"/TEST-*.xml | sort -n | tail -n 1) - script_started ))
    # one <testsuite ...> element per report; sum its counts and time
    sed -n 's/.*<testsuite \([^>]*\)>.*/\1/p' "$dir"/TEST-*.xml | awk -v name="$name" -v ended="$ended" '
        function attr(a,   m) { return match($0, " " a "=\"[^\"]*\"") ? substr($0, RSTART + length(a) + 3, RLENGTH - length(a) - 4) : 0 }
        { $0 = " " $0; classes++; tests += attr("tests"); failed += attr("failures") + attr("errors"); skipped += attr("skipped"); secs += attr("time") }
        END { printf "  %-34s %5d tests in %4d classes, %3d failed, %3d skipped, %6.0f s in tests, ended at %5d s\n", name, tests, classes, failed, skipped, secs, ended }'
}
summary() {
    local status=$?
    if [ -n "${vm_pid:-}" ] && kill -0 "$vm_pid" 2>/dev/null; then
        kill -- -"$vm_pid" 2>/dev/null || true
    fi
    [ -z "${vm_copy:-}" ] || rm -rf -- "$vm_copy"
    echo
    echo "== Test layers =="
    layer_line "unit + browserless UI (*Test)" target/surefire-reports
    layer_line "real guests + browser (*IT)" target/failsafe-reports
    if [ -n "${vm_seconds:-}" ]; then
        printf '  %-34s %s s wall\n' "disk quota in a VM (qemu)" "$vm_seconds"
    else
        printf '  %-34s not run\n' "disk quota in a VM (qemu)"
    fi
    printf '  %-34s %s s wall (Maven verify: %s s)\n' "whole script" "$SECONDS" "${maven_seconds:-?}"
    return $status
}
trap summary EXIT

mkdir -p target
log=target/build.log
maven_started=$SECONDS
# Disk limits are project quotas; this kernel cannot enforce them, so their check runs in a VM
# under Debian's stock kernel. The VM is single-threaded emulation (about 1.5 minutes): it runs on a
# copy of the compiled classes beside the unit tests, which keep the other core busy, instead of
# after them.
./mvnw -B test-compile "$@" 2>&1 | tee "$log"
vm_copy=$(mktemp -d /tmp/vsc-quota-vm-project.XXXXXX)
cp -a pom.xml mvnw .mvn "$vm_copy"/
mkdir -p "$vm_copy/target"
cp -a target/classes target/test-classes "$vm_copy/target/"
vm_log=target/quota-vm.log
# its own process group, so a failed build stops the VM too (see summary)
VSC_VM_PROJECT=$vm_copy setsid bash -c 'started=$SECONDS; bash src/test/vm/quota-it-in-vm.sh >"$1" 2>&1; echo $? >"$1.status"
    echo $((SECONDS - started)) >"$1.seconds"' vm "$vm_log" &
vm_pid=$!
./mvnw -B verify "$@" 2>&1 | tee -a "$log"
maven_seconds=$((SECONDS - maven_started))
# The production build must never need Node: fail loudly if Vaadin ever wants its own bundle.
if grep -q "A production mode bundle build is needed" "$log"; then
    echo "FAILED: Vaadin reported that a production bundle build is needed (a custom frontend crept in)." >&2
    exit 1
fi

wait "$vm_pid" || true
echo "== Disk quota check in a VM (log: $vm_log) =="
cat "$vm_log"
vm_seconds=$(cat "$vm_log.seconds" 2>/dev/null || echo "?")
[ "$(cat "$vm_log.status" 2>/dev/null)" = 0 ] || { echo "FAILED: the disk quota check in the VM" >&2; exit 1; }
