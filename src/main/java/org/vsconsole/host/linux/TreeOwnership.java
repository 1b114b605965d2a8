package org.vsconsole.host.linux;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Moves a guest tree's owners into the guest's id range, so its root is an unprivileged host
 * user. Run on every start while the guest is stopped; it costs one {@code stat} when the tree
 * already belongs to the range, and otherwise shifts a tree that was built, cloned, adopted or
 * renumbered. The range a tree is in is read from its top directory, which always belongs to the
 * guest's root (its owner can change it only within its own range).
 *
 * <p>The walk never follows symlinks and stays on the tree's file system. A chown clears the
 * set-id bits and file capabilities, so both are put back; ids outside the old range (which the
 * guest cannot have made) become the guest's {@code nobody}.
 */
final class TreeOwnership {

    private static final int SET_ID_BITS = 06000;
    private static final String CAPABILITY = "security.capability";
    private static final int ENODATA = 61;
    private static final long NOBODY = 65_534;

    private TreeOwnership() {
    }

    /** Whether the tree's top directory already belongs to {@code range}. */
    static boolean owned(Path root, IdRange range) throws IOException {
        Map<String, Object> top = Files.readAttributes(root, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
        return range.contains(UnixAttributes.intValue(top, "uid") & 0xffffffffL)
                && range.contains(UnixAttributes.intValue(top, "gid") & 0xffffffffL);
    }

    /** Shifts the tree into {@code range}; returns how many entries changed owner. */
    static long shift(Path root, IdRange range) throws IOException {
        Map<String, Object> top = Files.readAttributes(root, "unix:uid,gid,dev", LinkOption.NOFOLLOW_LINKS);
        long uidFrom = IdRange.baseOf(UnixAttributes.intValue(top, "uid") & 0xffffffffL);
        long gidFrom = IdRange.baseOf(UnixAttributes.intValue(top, "gid") & 0xffffffffL);
        if (uidFrom < 0 || gidFrom < 0) {
            throw new IOException(root + " is owned by " + top.get("uid") + ":" + top.get("gid")
                    + ", which is neither a host id below 65536 nor a guest range");
        }
        if (uidFrom == range.base() && gidFrom == range.base()) {
            return 0;
        }
        Object device = UnixAttributes.get(top, "dev");
        Set<Object> linkedDone = new HashSet<>();
        long[] changed = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && !device.equals(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS))) {
                    return FileVisitResult.SKIP_SUBTREE; // a mount inside the tree is not the guest's to own
                }
                shiftOne(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                shiftOne(file);
                return FileVisitResult.CONTINUE;
            }

            private void shiftOne(Path path) throws IOException {
                Map<String, Object> a = Files.readAttributes(path, "unix:uid,gid,mode,nlink,ino,dev",
                        LinkOption.NOFOLLOW_LINKS);
                if (!device.equals(a.get("dev"))) {
                    return;
                }
                // a hard-linked file is met once per name; its second name already carries the new ids
                if (UnixAttributes.intValue(a, "nlink") > 1 && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                        && !linkedDone.add(a.get("ino"))) {
                    return;
                }
                long uid = moved(UnixAttributes.intValue(a, "uid") & 0xffffffffL, uidFrom, range);
                long gid = moved(UnixAttributes.intValue(a, "gid") & 0xffffffffL, gidFrom, range);
                int mode = UnixAttributes.intValue(a, "mode");
                boolean symlink = Files.isSymbolicLink(path);
                String name = path.toString();
                byte[] capability = symlink ? null : capability(name);
                try {
                    LibC.INSTANCE.lchown(name, (int) uid, (int) gid);
                    if (!symlink && (mode & SET_ID_BITS) != 0) {
                        LibC.INSTANCE.chmod(name, mode & 07777);
                    }
                    if (capability != null) {
                        LibC.INSTANCE.lsetxattr(name, CAPABILITY, capability, capability.length, 0);
                    }
                } catch (LastErrorException e) {
                    throw new IOException("cannot change the owner of " + path + ": errno " + e.getErrorCode(), e);
                }
                changed[0]++;
            }
        });
        return changed[0];
    }

    private static long moved(long id, long from, IdRange to) {
        long offset = id - from;
        return offset >= 0 && offset < IdRange.SIZE ? to.base() + offset : to.base() + NOBODY;
    }

    private static byte @Nullable [] capability(String path) throws IOException {
        byte[] value = new byte[64];
        try {
            long size = LibC.INSTANCE.lgetxattr(path, CAPABILITY, value, value.length);
            return Arrays.copyOf(value, (int) size);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENODATA || e.getErrorCode() == 95) { // 95: EOPNOTSUPP, no xattrs here
                return null;
            }
            throw new IOException("cannot read the file capabilities of " + path + ": errno " + e.getErrorCode(), e);
        }
    }
}
