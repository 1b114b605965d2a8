package org.vsconsole.host.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away file system for one test: a sparse image in a fresh temp directory, made with the
 * given mkfs argv, attached to a loop device and mounted with the given options. Closing unmounts
 * (bind mounts first), detaches the loop device and deletes the image, whatever the test did.
 * A kernel built without quota formats (ext4 needs CONFIG_QFMT_V2, XFS CONFIG_XFS_QUOTA) refuses
 * such mounts, and the test fails saying so.
 */
final class LoopFilesystem implements AutoCloseable {

    static final String MOUNT = "/usr/bin/mount";
    static final String UMOUNT = "/usr/bin/umount";
    static final String LOSETUP = "/usr/sbin/losetup";

    final Path dir;
    final Path image;
    final Path mountPoint;
    private String loopDevice;
    private boolean mounted;
    private final List<Path> extraMounts = new ArrayList<>();

    private LoopFilesystem(Path dir) {
        this.dir = dir;
        this.image = dir.resolve("fs.img");
        this.mountPoint = dir.resolve("mnt");
    }

    /**
     * {@code mkfs} is the argv without the image path (appended last). A kernel that refuses the
     * mount options (no quota support built in) fails the test, naming why.
     */
    static LoopFilesystem create(long sizeBytes, List<String> mkfs, String mountOptions) throws Exception {
        Path dir = Files.createTempDirectory("vsc-quota-it");
        // the unprivileged writer must be able to reach the mount point below the temp dir
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        LoopFilesystem fs = new LoopFilesystem(dir);
        try {
            try (RandomAccessFile file = new RandomAccessFile(fs.image.toFile(), "rw")) {
                file.setLength(sizeBytes);
            }
            List<String> argv = new ArrayList<>(mkfs);
            argv.add(fs.image.toString());
            HostCommand.ok(argv);
            fs.loopDevice = HostCommand.ok(List.of(LOSETUP, "--find", "--show", "--", fs.image.toString())).strip();
            Files.createDirectory(fs.mountPoint);
            HostCommand mount = HostCommand.run(List.of(MOUNT, "-o", mountOptions, "--", fs.loopDevice, fs.mountPoint.toString()));
            String refused = "this kernel cannot mount " + String.join(" ", mkfs) + " with -o " + mountOptions
                    + " (built without quota support?): " + mount.output().strip();
            assertThat(mount.exitCode()).as(refused).isZero();
            fs.mounted = true;
            return fs;
        } catch (Throwable e) {
            fs.close();
            throw e;
        }
    }

    /** A directory made by the test, tracked so closing unmounts it before the file system. */
    void bindMount(Path source, Path target) throws Exception {
        HostCommand.ok(List.of(MOUNT, "--bind", "--", source.toString(), target.toString()));
        extraMounts.addFirst(target);
    }

    @Override
    public void close() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path target : extraMounts) {
            quietly(problems, List.of(UMOUNT, "--", target.toString()));
        }
        if (mounted) {
            quietly(problems, List.of(UMOUNT, "--", mountPoint.toString()));
        }
        if (loopDevice != null) {
            quietly(problems, List.of(LOSETUP, "--detach", loopDevice));
        }
        if (!problems.isEmpty()) {
            throw new IOException("clean-up of " + dir + " failed (image left in place): " + problems);
        }
        Files.deleteIfExists(image);
        Files.deleteIfExists(mountPoint);
        Files.deleteIfExists(dir);
    }

    private static void quietly(List<String> problems, List<String> argv) {
        try {
            HostCommand result = HostCommand.run(argv);
            if (result.exitCode() != 0) {
                problems.add(String.join(" ", argv) + ": " + result.output().strip());
            }
        } catch (Exception e) {
            problems.add(String.join(" ", argv) + ": " + e.getMessage());
        }
    }
}
