package org.vsconsole.host.quota;

import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Puts an existing guest tree into a project: files made before the root carried the project
 * would otherwise never be counted. Directories get the inherit flag on the way down, so what is
 * created in an already visited directory during the walk joins by itself. The root is tagged
 * last and only after a walk without failures, so "root tagged" means "tree tagged" and a later
 * apply may skip the walk (ext4 and XFS refuse to move or link a file across project boundaries
 * with EXDEV, so a tagged tree stays tagged).
 *
 * <p>Directories are reopened from the root by relative path with openat2 rather than held open,
 * so the walk needs a handful of descriptors however wide or deep the tree is.
 */
final class TreeTagger {

    /** Failures named in a report; the rest are counted. */
    private static final int NAMED_FAILURES = 5;

    /**
     * What the walk did. {@code otherMounts} were not entered (they belong to other file systems or
     * are bind mounts); {@code notTaggable} counts symlinks and special files, which no ioctl can
     * reach and which hold no data blocks (new ones join through the inherit flag).
     */
    record Report(long tagged, long notTaggable, List<String> otherMounts, long failed, List<String> failures) {

        Report {
            otherMounts = List.copyOf(otherMounts);
            failures = List.copyOf(failures);
        }
    }

    private final Fd root;
    private final String rootShown;
    private final int projectId;
    private long tagged;
    private long notTaggable;
    private long failed;
    private final List<String> otherMounts = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private TreeTagger(Fd root, String rootShown, int projectId) {
        this.root = root;
        this.rootShown = rootShown;
        this.projectId = projectId;
    }

    /** Tags everything below {@code root} (an O_RDONLY directory), then the root itself when nothing failed. */
    static Report tag(Fd root, String rootShown, int projectId) {
        TreeTagger tagger = new TreeTagger(root, rootShown, projectId);
        tagger.walk();
        if (tagger.failed == 0) {
            try {
                ProjectAttr.set(root, projectId, true, rootShown);
                tagger.tagged++;
            } catch (SyscallException e) {
                tagger.fail(e.getMessage());
            }
        }
        return new Report(tagger.tagged, tagger.notTaggable, tagger.otherMounts, tagger.failed, tagger.failures);
    }

    private void walk() {
        Deque<byte[]> pending = new ArrayDeque<>();
        pending.push(new byte[]{'.'});
        boolean atRoot = true;
        while (!pending.isEmpty()) {
            byte[] relative = pending.pop();
            try (Fd dir = root.openBeneath(relative, Abi.O_RDONLY | Abi.O_DIRECTORY, shown(relative))) {
                if (!atRoot) {
                    ProjectAttr.set(dir, projectId, true, shown(relative));
                    tagged++;
                }
                list(dir, relative, pending);
            } catch (SyscallException e) {
                skipOrFail(e, relative);
            }
            atRoot = false;
        }
    }

    /** Tags the regular files of one directory and queues its subdirectories. */
    private void list(Fd dir, byte[] relative, Deque<byte[]> pending) throws SyscallException {
        int copy = Kernel.C.dup(dir.value());
        if (copy < 0) {
            throw SyscallException.last("cannot list " + shown(relative));
        }
        Pointer stream = Kernel.C.fdopendir(copy);
        if (stream == null) {
            SyscallException failure = SyscallException.last("cannot list " + shown(relative));
            Kernel.C.close(copy);
            throw failure;
        }
        try {
            Pointer entry;
            while ((entry = Kernel.C.readdir64(stream)) != null) {
                byte[] name = entry.getString(Abi.DIRENT_OFF_NAME, "ISO-8859-1").getBytes(StandardCharsets.ISO_8859_1);
                if (Arrays.equals(name, new byte[]{'.'}) || Arrays.equals(name, new byte[]{'.', '.'})) {
                    continue;
                }
                int type = entry.getByte(Abi.DIRENT_OFF_TYPE) & 0xFF;
                byte[] child = join(relative, name);
                if (type == Abi.DT_DIR) {
                    pending.push(child);
                } else if (type == Abi.DT_REG || type == Abi.DT_UNKNOWN) {
                    file(dir, name, child, pending);
                } else {
                    notTaggable++;
                }
            }
        } finally {
            Kernel.C.closedir(stream);
        }
    }

    /**
     * Opens the entry as O_PATH first and checks what it is: opening a device node that was
     * swapped in for a file could have side effects, an O_PATH descriptor has none.
     */
    private void file(Fd dir, byte[] name, byte[] child, Deque<byte[]> pending) {
        try (Fd path = dir.openBeneath(name, Abi.O_PATH, shown(child))) {
            Fd.Stat stat = path.stat(shown(child));
            if (stat.isDirectory()) {
                pending.push(child);
            } else if (stat.isRegularFile()) {
                try (Fd file = path.reopen(Abi.O_RDONLY | Abi.O_NONBLOCK | Abi.O_NOCTTY, shown(child))) {
                    ProjectAttr.set(file, projectId, false, shown(child));
                    tagged++;
                }
            } else {
                notTaggable++;
            }
        } catch (SyscallException e) {
            skipOrFail(e, child);
        }
    }

    /** A symlink or mount met by openat2, or a file deleted meanwhile, is not a failure of the walk. */
    private void skipOrFail(SyscallException e, byte[] relative) {
        switch (e.errno()) {
            case Abi.ELOOP, Abi.ENOTDIR -> notTaggable++;
            case Abi.EXDEV -> otherMounts.add(shown(relative));
            case Abi.ENOENT -> {
            }
            default -> fail(e.getMessage());
        }
    }

    private void fail(String message) {
        failed++;
        if (failures.size() < NAMED_FAILURES) {
            failures.add(message);
        }
    }

    private static byte[] join(byte[] parent, byte[] name) {
        if (Arrays.equals(parent, new byte[]{'.'})) {
            return name;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(parent.length + 1 + name.length);
        out.writeBytes(parent);
        out.write('/');
        out.writeBytes(name);
        return out.toByteArray();
    }

    /** For messages only: undecodable bytes become U+FFFD, the real name is never rebuilt from this. */
    private String shown(byte[] relative) {
        if (Arrays.equals(relative, new byte[]{'.'})) {
            return rootShown;
        }
        return rootShown + "/" + new String(relative, StandardCharsets.UTF_8);
    }
}
