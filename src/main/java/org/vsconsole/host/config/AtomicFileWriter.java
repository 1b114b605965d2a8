package org.vsconsole.host.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.vsconsole.host.TreeRemover;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces files so that after a crash at any instant each file holds its old or its new content,
 * never a mix and never nothing: unique temp file in the same directory, write, fsync, atomic
 * rename over the target, fsync the directory (K1 in the reliability plan). Every path is checked
 * against {@code base} first and no symlink below it is ever written through or followed.
 */
public final class AtomicFileWriter {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path base;

    /** @param base the tree every write must stay inside (the config root) */
    public AtomicFileWriter(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    /** Atomically replaces (or creates) {@code target}, creating missing parent dirs inside the base. */
    public void write(Path target, byte[] content) throws IOException {
        Path t = SafePaths.requireNoSymlinkBelow(base, target);
        Path dir = parentOf(t);
        createDirectories(dir);
        Path temp = dir.resolve(tempName(t.getFileName().toString()));
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                copyPermissions(t, temp);
                ch.force(true);
            }
            // Re-check right before the rename: the target must still not be a symlink or dir.
            SafePaths.requireNoSymlinkBelow(base, t);
            Files.move(temp, t, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            fsyncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Removes one file (or link) if present, then makes the removal durable. */
    public void delete(Path target) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        if (!t.startsWith(base) || t.equals(base)) {
            throw new UnsafePathException(target + " is not inside " + base);
        }
        Path parent = parentOf(t);
        if (!parent.equals(base)) {
            SafePaths.requireNoSymlinkBelow(base, parent);
        }
        if (Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(t + " is a directory, not a file");
        }
        // unlink removes a symlink itself, never its target
        if (Files.deleteIfExists(t)) {
            fsyncDirectory(parent);
        }
    }

    /**
     * Deletes a directory tree below the base: the path up to it may hold no symlink, and the
     * removal itself is {@link TreeRemover}'s, which never follows a link or leaves the file system.
     */
    public void deleteTree(Path dir) throws IOException {
        Path d = SafePaths.requireNoSymlinkBelow(base, dir);
        if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        TreeRemover.ofThisProcess().remove(d);
        fsyncDirectory(parentOf(d));
    }

    /** The directory holding {@code path}, which is strictly inside the base and so has one. */
    private static Path parentOf(Path path) {
        return Objects.requireNonNull(path.getParent(), "a path strictly inside the base has a parent");
    }

    /** Creates each missing directory between the base and {@code dir}, refusing symlinks on the way. */
    public void createDirectories(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        if (d.equals(base)) {
            return;
        }
        SafePaths.requireNoSymlinkBelow(base, d);
        Path cur = base;
        for (Path part : base.relativize(d)) {
            Path next = cur.resolve(part);
            if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(next);
                } catch (FileAlreadyExistsException e) {
                    SafePaths.requireNoSymlinkBelow(base, next);
                    if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                        throw e;
                    }
                }
                fsyncDirectory(cur);
            }
            cur = next;
        }
    }

    /** A temp name the reader ignores and the cleanup recognises, unique even across processes. */
    static String tempName(String targetName) {
        String stem = targetName.length() > 100 ? targetName.substring(0, 100) : targetName;
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return StagingNames.TEMP_FILE + stem + "-" + HexFormat.of().formatHex(r);
    }

    /** Keeps an edited file's mode (e.g. a 0600 file stays 0600); new files get the umask default. */
    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (src == null) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = src.readAttributes().permissions();
            Files.setPosixFilePermissions(to, perms);
        } catch (NoSuchFileException e) {
            // new file
        }
    }

    /**
     * Makes renames and creations in {@code dir} durable. Java has no directory-fsync API; opening
     * the directory for reading and forcing it works on Linux.
     */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
