package org.vsconsole.host.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.GuestSpec;

/**
 * Project quotas on real file systems (needs root for losetup and mount): each test makes its own
 * loop-mounted image. The disk is filled by the uid an unprivileged LXC guest's root maps to
 * (1048576 + xid × 65536), not by host root: on ext4 root's CAP_SYS_RESOURCE passes any quota.
 *
 * <p>Not an {@code *IT}: the development and CI kernels are built without quota formats, so
 * {@code scripts/test.sh} runs this class through {@code src/test/vm/quota-it-in-vm.sh}, under
 * Debian's stock kernel in a throw-away VM; there every test must run and pass.
 */
class ProjectQuotaEnforcementCheck {

    private static final int XID = 4201;
    private static final int GUEST_ROOT_UID = 1048576 + XID * 65536;
    private static final long LIMIT_KIB = 2048;
    private static final long LIMIT_INODES = 100;
    /** Blocks the file system may round up by (ext4 on a 64 MiB image uses 1 KiB blocks, XFS 4 KiB). */
    private static final long SLACK_KIB = 64;

    private final ProjectQuota quota = ProjectQuota.host();
    private LoopFilesystem fs;

    @AfterEach
    void cleanUp() throws Exception {
        if (fs != null) {
            fs.close();
        }
    }

    @Test
    void ext4WithPrjquotaRefusesTheGuestsUidAtTheSpaceAndInodeLimit() throws Exception {
        fs = LoopFilesystem.create(64L << 20, List.of("/usr/sbin/mkfs.ext4", "-q", "-O", "quota,project", "--"), "prjquota");
        fillingStopsAtTheLimits("Disk quota exceeded");
    }

    @Test
    void xfsWithPrjquotaRefusesTheGuestsUidAtTheSpaceAndInodeLimit() throws Exception {
        // mkfs.xfs refuses images under 300 MiB; the file is sparse, so it costs no real space
        fs = LoopFilesystem.create(320L << 20, List.of("/usr/sbin/mkfs.xfs", "-q", "--"), "prjquota");
        // XFS reports a full project as a full disk (ENOSPC), so that df inside a tree tells the truth
        fillingStopsAtTheLimits("No space left on device");
    }

    private void fillingStopsAtTheLimits(String refusal) throws Exception {
        Path root = Files.createDirectories(fs.mountPoint.resolve("guests/web1"));
        // a tree that exists before the limit: it must be counted, and nothing outside it touched
        Files.createDirectories(root.resolve("etc/deep/er"));
        Files.write(root.resolve("etc/deep/er/old"), new byte[300 * 1024]);
        Path outside = Files.createDirectories(fs.mountPoint.resolve("outside"));
        Files.write(outside.resolve("host-file"), new byte[100 * 1024]);
        Files.createSymbolicLink(root.resolve("etc/escape"), outside);
        Files.createSymbolicLink(root.resolve("etc/file-escape"), outside.resolve("host-file"));
        Path bound = Files.createDirectories(root.resolve("srv"));
        fs.bindMount(outside, bound);
        // what old guests carry: a name that is not UTF-8, a FIFO the walk must not block on, an immutable file
        byte[] latin1 = (root.resolve("etc") + "/caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        TestLibC.createFile(latin1, 10 * 1024);
        TestLibC.mkfifo(root.resolve("etc/fifo"));
        Files.write(root.resolve("etc/frozen"), new byte[10 * 1024]);
        HostCommand.ok(List.of("/usr/bin/chattr", "+i", "--", root.resolve("etc/frozen").toString()));

        GuestSpec guest = guest(root, new GuestSpec.DiskQuota(LIMIT_KIB, LIMIT_INODES));
        DiskQuotaState applied = quota.apply(guest);

        assertThat(applied.enforced()).as(applied.summary()).isTrue();
        assertThat(applied.summary()).isEqualTo("enforced");
        assertThat(applied.limitKiB()).isEqualTo(LIMIT_KIB);
        assertThat(applied.limitInodes()).isEqualTo(LIMIT_INODES);
        assertThat(applied.usedKiB()).as("the 320 KiB written before the limit count").isBetween(320L, 320 + SLACK_KIB);
        assertThat(applied.inodesUsed()).as("root, etc, deep, er, old, café and frozen: no ioctl reaches a symlink"
                + " or a FIFO, and srv is hidden under the bind mount").isEqualTo(7);
        assertThat(projectOf(outside)).as("not reached through the bind mount").isZero();
        assertThat(projectOf(outside.resolve("host-file"))).as("not reached through a symlink").isZero();
        assertThat(projectOf(root.resolve("etc/deep/er/old"))).isEqualTo(XID);
        assertThat(projectOf(root.resolve("etc/frozen"))).isEqualTo(XID);
        assertThat(HostCommand.ok(List.of("/usr/bin/lsattr", "-d", "--", root.resolve("etc/frozen").toString())))
                .as("immutable again").matches("^\\S*i\\S* .*\\s*");
        assertThat(quota.state(guest)).isEqualTo(applied);

        Files.setAttribute(root, "unix:uid", GUEST_ROOT_UID);
        Files.setAttribute(root, "unix:gid", GUEST_ROOT_UID);
        HostCommand fill = asGuestRoot(root, "/usr/bin/dd", "if=/dev/zero", "of=fill", "bs=64K", "count=64");
        assertThat(fill.exitCode()).as(fill.output()).isNotZero();
        assertThat(fill.output()).contains(refusal);
        DiskQuotaState full = quota.state(guest);
        assertThat(full.enforced()).isTrue();
        assertThat(full.usedKiB()).as("4 MiB asked, stopped at the 2 MiB limit").isBetween(LIMIT_KIB - SLACK_KIB, LIMIT_KIB);
        assertThat(Files.size(root.resolve("fill"))).isLessThanOrEqualTo((LIMIT_KIB - 320) * 1024);

        Files.delete(root.resolve("fill"));
        long free = LIMIT_INODES - settledInodes(guest, applied.inodesUsed());
        List<String> touch = new ArrayList<>(List.of("/usr/bin/touch", "--"));
        for (int i = 1; i <= free + 5; i++) {
            touch.add("f" + i);
        }
        HostCommand files = asGuestRoot(root, touch.toArray(String[]::new));
        assertThat(files.exitCode()).isNotZero();
        assertThat(files.output()).contains("'f" + (free + 1) + "': " + refusal);
        assertThat(root.resolve("f" + free)).exists();
        assertThat(root.resolve("f" + (free + 1))).doesNotExist();
        assertThat(quota.state(guest).inodesUsed()).isEqualTo(LIMIT_INODES);
    }

    /**
     * Why the fillers above run as the guest's mapped uid: on ext4 host root (CAP_SYS_RESOURCE)
     * passes a project's hard limit, so a copy into the tree made by the console itself is not held.
     */
    @Test
    void ext4LetsHostRootPastTheLimit() throws Exception {
        fs = LoopFilesystem.create(64L << 20, List.of("/usr/sbin/mkfs.ext4", "-q", "-O", "quota,project", "--"), "prjquota");
        Path root = Files.createDirectories(fs.mountPoint.resolve("web5"));
        GuestSpec guest = guest(root, new GuestSpec.DiskQuota(LIMIT_KIB, LIMIT_INODES));
        assertThat(quota.apply(guest).enforced()).isTrue();

        Files.write(root.resolve("as-host-root"), new byte[3 << 20]);

        assertThat(quota.state(guest).usedKiB()).isGreaterThan(LIMIT_KIB);
    }

    @Test
    void aRemovedLimitIsLiftedAndAChangedOneReplacesIt() throws Exception {
        fs = LoopFilesystem.create(64L << 20, List.of("/usr/sbin/mkfs.ext4", "-q", "-O", "quota,project", "--"), "prjquota");
        Path root = Files.createDirectories(fs.mountPoint.resolve("web2"));
        assertThat(quota.apply(guest(root, new GuestSpec.DiskQuota(LIMIT_KIB, LIMIT_INODES))).enforced()).isTrue();

        DiskQuotaState changed = quota.apply(guest(root, new GuestSpec.DiskQuota(4096, 500)));
        assertThat(changed.enforced()).isTrue();
        assertThat(changed.limitKiB()).isEqualTo(4096);

        DiskQuotaState lifted = quota.apply(guest(root, null));
        assertThat(lifted.summary()).isEqualTo("not enforced: no disk limit set");
        DiskQuotaState stale = quota.state(guest(root, new GuestSpec.DiskQuota(4096, 500)));
        assertThat(stale.enforced()).isFalse();
        assertThat(stale.reason()).contains("the kernel holds no limit for project " + XID);
    }

    @Test
    void ext4WithoutPrjquotaIsNotEnforcedAndTheTreeIsLeftAlone() throws Exception {
        fs = LoopFilesystem.create(64L << 20, List.of("/usr/sbin/mkfs.ext4", "-q", "--"), "defaults");
        Path root = Files.createDirectories(fs.mountPoint.resolve("web3"));
        GuestSpec guest = guest(root, new GuestSpec.DiskQuota(LIMIT_KIB, LIMIT_INODES));

        DiskQuotaState state = quota.apply(guest);

        assertThat(state.summary()).isEqualTo("not enforced: the file system of " + root + " (ext4 on " + fs.mountPoint
                + ") is not mounted with prjquota (ext4 also needs the features quota and project: tune2fs -O"
                + " quota,project while unmounted)");
        assertThat(state.usageKnown()).isFalse();
        assertThat(quota.state(guest)).isEqualTo(state);
        assertThat(projectOf(root)).isZero();
    }

    @Test
    void tmpfsHasNoProjectQuotas() throws Exception {
        Path dir = Files.createTempDirectory("vsc-quota-tmpfs");
        try {
            HostCommand.ok(List.of(LoopFilesystem.MOUNT, "-t", "tmpfs", "-o", "size=8m", "--", "tmpfs", dir.toString()));
            try {
                Path root = Files.createDirectories(dir.resolve("web4"));
                DiskQuotaState state = quota.apply(guest(root, new GuestSpec.DiskQuota(LIMIT_KIB, LIMIT_INODES)));
                assertThat(state.summary()).startsWith("not enforced: tmpfs has no project quotas (" + root
                        + " is on the tmpfs mounted on " + dir);
            } finally {
                HostCommand.ok(List.of(LoopFilesystem.UMOUNT, "--", dir.toString()));
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    /**
     * XFS releases a deleted inode in the background (deferred inactivation), so its project count
     * drops a moment after the unlink; waits, bounded, for the count the tree had before.
     */
    private long settledInodes(GuestSpec guest, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long used = quota.state(guest).inodesUsed();
        while (used != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            used = quota.state(guest).inodesUsed();
        }
        return used;
    }

    private static GuestSpec guest(Path root, GuestSpec.DiskQuota limit) {
        return new GuestSpec("web1", XID, root.resolveSibling("etc-web1"), root, "web1", null, null, List.of(), Map.of(),
                null, limit);
    }

    private static HostCommand asGuestRoot(Path workDir, String... argv) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + GUEST_ROOT_UID,
                "--regid=" + GUEST_ROOT_UID, "--clear-groups", "--"));
        command.addAll(List.of(argv));
        return HostCommand.run(workDir, command);
    }

    private static int projectOf(Path path) throws Exception {
        try (Fd fd = Fd.open(path, Abi.O_RDONLY | Abi.O_NOFOLLOW)) {
            return ProjectAttr.of(fd, path.toString()).projectId();
        }
    }
}
