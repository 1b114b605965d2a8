#!/bin/bash
# Runs ProjectQuotaEnforcementCheck under Debian's stock kernel in a throw-away qemu VM: the
# development and CI kernels cannot enforce project quotas (ext4 needs CONFIG_QFMT_V2, XFS needs
# CONFIG_XFS_QUOTA; the 6.18 Firecracker kernel has neither). scripts/test.sh runs it beside the unit tests.
#
# The VM sees this machine's / read-only over 9p with a tmpfs overlay for writes, so it runs the
# worktree's classes and ~/.m2 as they are: run `./mvnw -o test-compile` first. Maven runs only
# here, to name the test class path; the VM starts the JUnit launcher directly. Nothing the VM
# writes reaches this machine; the test reports are printed to the console.
#
# Needs root, apt (for `apt-get download` of the kernel package), qemu-system-x86 and a static
# busybox. Uses TCG: nested KVM is not usable on the development VMs.
#
#   src/test/vm/quota-it-in-vm.sh     # exit 0 when every test ran and passed; console in /tmp/vsc-quota-vm-console.log
set -euo pipefail

# VSC_VM_PROJECT: a copy of the project (pom, wrapper, target/classes and test-classes) taken by
# scripts/test.sh, so Maven may rebuild the worktree while the VM reads its copy
project=${VSC_VM_PROJECT:-$(cd "$(dirname "$0")/../../.." && pwd)}
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
for tool in /usr/bin/qemu-system-x86_64 /usr/bin/busybox; do
    [ -x "$tool" ] || { echo "missing $tool (apt-get install qemu-system-x86 busybox-static)" >&2; exit 2; }
done

# under /tmp of this machine, so the VM finds the same paths through its view of /
work=$(mktemp -d /tmp/vsc-quota-vm.XXXXXX)
# the console log outlives the run, for reading a failure
trap 'cp -f -- "$work/console.log" /tmp/vsc-quota-vm-console.log 2>/dev/null; rm -rf -- "$work"' EXIT
cd "$work"

# apt's lists may have been cleaned since the last update: without them no kernel package is found
apt-cache depends linux-image-amd64 2>/dev/null | grep -q 'Depends: linux-image-' || apt-get update -qq
package=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/ {print $2; exit}')
kver=${package#linux-image-}
apt-get download -- "$package" >/dev/null 2>&1 || { echo "cannot download $package from Debian" >&2; exit 2; }
dpkg -x "$package"_*.deb kernel
/usr/bin/busybox depmod -b "$work/kernel" "$kver"

modules=lib/modules/$kver
mkdir -p initrd/{bin,sbin,proc,sys,dev,lower,upper,merged,$modules}
cp /usr/bin/busybox initrd/bin/busybox
ln -s ../bin/busybox initrd/sbin/modprobe
cp kernel/$modules/modules.* initrd/$modules/
for dir in fs lib crypto arch drivers/block drivers/virtio net/9p; do
    mkdir -p "initrd/$modules/kernel/$(dirname $dir)"
    cp -a "kernel/$modules/kernel/$dir" "initrd/$modules/kernel/$dir"
done

cat > initrd/init <<INIT
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in virtio_pci 9pnet_virtio 9p overlay loop ext4 xfs quota_v2 crc32c_generic; do modprobe \$m; done
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=524288,cache=loose hostroot /lower
mount -t tmpfs -o size=2g tmpfs /upper; mkdir /upper/u /upper/w
mount -t overlay overlay -o lowerdir=/lower,upperdir=/upper/u,workdir=/upper/w /merged
mount -t proc proc /merged/proc; mount -t sysfs sys /merged/sys; mount -o bind /dev /merged/dev
mkdir -p /merged/dev/pts; mount -t devpts devpts /merged/dev/pts; mount -t tmpfs tmpfs /merged/run
chroot /merged /bin/bash $work/inside.sh
poweroff -f
INIT
chmod +x initrd/init
(cd initrd && find . | /usr/bin/busybox cpio -o -H newc 2>/dev/null | gzip -1) > initrd.gz

# The test class path, resolved here at native speed: inside the VM every instruction is emulated,
# and Maven with a forked test JVM took minutes there where the launcher alone takes seconds.
(cd "$project" && ./mvnw -B -o -q exec:exec -Dexec.executable=echo -Dexec.args=%classpath \
    -Dexec.classpathScope=test) | tail -n 1 > classpath
grep -q "test-classes" classpath || { echo "cannot resolve the test class path in $project" >&2; exit 2; }

cat > inside.sh <<INSIDE
export HOME=/root JAVA_HOME=$java_home
cd $project
echo "=== vm: kernel \$(uname -r)"
$java_home/bin/java --enable-native-access=ALL-UNNAMED -cp "\$(cat $work/classpath)" org.vsconsole.host.quota.ProjectQuotaCheckMain
echo "=== vm: tests exit \$?"
INSIDE

timeout 1200 /usr/bin/qemu-system-x86_64 -accel tcg -cpu max -smp 1 -m 3072 -nographic -no-reboot -nic none \
    -kernel "kernel/boot/vmlinuz-$kver" -initrd initrd.gz -append "console=ttyS0 quiet panic=-1" \
    -virtfs local,path=/,mount_tag=hostroot,security_model=passthrough,readonly=on,multidevs=remap \
    > console.log || true
grep -a -E '=== vm|^(SUCCESSFUL|FAILED|ABORTED) |Tests run|AssertionError|Exception:' console.log || true
grep -a -q '=== vm: tests exit 0' console.log
