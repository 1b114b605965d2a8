package org.vsconsole.host.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Walks one guest's config dir once, in name order and without following any symlink, and
 * captures for every entry its type, link target and (bounded) content, plus the manifest the
 * digest is made of and the {@link TreeStamp} of what it read. Reading is bounded because the tree
 * may hold anything an admin or a tool dropped there.
 *
 * <p>Each entry is {@code lstat}-ed once, before it is read or listed, and that one call feeds
 * both the scan and the stamp: a cold read of a large host costs one walk, not a stamp walk and
 * then a read walk.
 */
final class GuestTreeScanner {

    /** Content kept per file; longer files are truncated for parsing and flagged. */
    static final int MAX_KEPT_BYTES = 64 * 1024;
    /** Content hashed per file for the digest; beyond this only the size counts. */
    static final long MAX_HASHED_BYTES = 64L * 1024 * 1024;
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_DEPTH = 12;

    enum Kind {
        FILE, DIRECTORY, SYMLINK, OTHER
    }

    /** One entry; {@code content} is at most {@link #MAX_KEPT_BYTES}. */
    record Entry(String path, Kind kind, long size, byte[] content, boolean truncated, @Nullable String linkTarget) {
    }

    record Scan(Map<String, Entry> entries, ConfigManifest manifest, List<ConfigWarning> warnings) {
    }

    /** A scan and the stamp of the tree it read, null when part of the tree could not be stamped. */
    record Stamped(Scan scan, @Nullable TreeStamp stamp) {
    }

    private GuestTreeScanner() {
    }

    static Scan scan(Path guestDir) throws IOException {
        return scanStamped(guestDir).scan();
    }

    /** Reads the tree; the stamp it returns is what {@link TreeStamp#stillHolds} later compares against. */
    static Stamped scanStamped(Path guestDir) throws IOException {
        Walk walk = new Walk();
        walk.run(guestDir);
        return new Stamped(new Scan(walk.entries, new ConfigManifest(walk.fingerprints), walk.warnings), walk.stamp.build());
    }

    private static final class Walk {

        private static final long S_IFMT = 0170000;
        private static final long S_IFDIR = 0040000;
        private static final long S_IFLNK = 0120000;
        private static final long S_IFREG = 0100000;

        private final TreeStamp.Builder stamp = new TreeStamp.Builder();
        private final Map<String, Entry> entries = new TreeMap<>();
        private final Map<String, String> fingerprints = new TreeMap<>();
        private final List<ConfigWarning> warnings = new ArrayList<>();
        private int seen;
        private boolean stopped;

        void run(Path guestDir) throws IOException {
            long[] root = TreeStamp.lstat(guestDir);
            if ((root[TreeStamp.MODE] & S_IFMT) != S_IFDIR) {
                throw new IOException(guestDir + " is not a directory (or is a symlink)");
            }
            stamp.add("", root);
            directory(guestDir, "", 0);
        }

        /** A directory already stamped: list it, then stamp and read each child in name order. */
        private void directory(Path dir, String rel, int depth) throws IOException {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    children.add(p);
                }
            } catch (IOException e) {
                failed(rel, e);
                return;
            } catch (DirectoryIteratorException e) {
                failed(rel, Objects.requireNonNull(e.getCause(), "it always carries its IOException"));
                return;
            }
            if (depth > 0) {
                entries.put(rel, new Entry(rel, Kind.DIRECTORY, 0, new byte[0], false, null));
                fingerprints.put(rel, "d");
            }
            children.sort(null);
            for (Path child : children) {
                if (stopped) {
                    return;
                }
                if (++seen > MAX_ENTRIES) {
                    warnings.add(new ConfigWarning("", "more than " + MAX_ENTRIES + " entries; the rest is not read"));
                    stamp.spoil();
                    stopped = true;
                    return;
                }
                String name = child.getFileName().toString();
                child(child, rel.isEmpty() ? name : rel + "/" + name, depth + 1, StagingNames.isStaging(name));
            }
        }

        private void child(Path p, String rel, int depth, boolean staging) throws IOException {
            long[] stat;
            try {
                stat = TreeStamp.lstat(p);
            } catch (IOException e) {
                failed(rel, e);
                return;
            }
            stamp.add(rel, stat);
            // the console's own in-flight files are never config, and never change a digest
            if (staging) {
                return;
            }
            long type = stat[TreeStamp.MODE] & S_IFMT;
            if (type == S_IFDIR && depth < MAX_DEPTH) {
                directory(p, rel, depth);
            } else if (type == S_IFDIR) {
                warnings.add(new ConfigWarning(rel, "directory nested deeper than " + MAX_DEPTH + " levels, not read"));
                fingerprints.put(rel, "d");
            } else if (type == S_IFLNK) {
                String target = Files.readSymbolicLink(p).toString();
                entries.put(rel, new Entry(rel, Kind.SYMLINK, 0, new byte[0], false, target));
                fingerprints.put(rel, "l:" + target);
            } else if (type == S_IFREG) {
                readFile(p, rel, stat[TreeStamp.SIZE]);
            } else {
                entries.put(rel, new Entry(rel, Kind.OTHER, stat[TreeStamp.SIZE], new byte[0], false, null));
                fingerprints.put(rel, "o");
            }
        }

        private void failed(String rel, IOException e) {
            stamp.spoil();
            warnings.add(new ConfigWarning(rel, "cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage())));
            fingerprints.put(rel, "e");
        }

        /**
         * Reads straight from the channel: a stream over it would ask the size and position of the
         * file again (three more system calls per file, a third of a cold read's).
         */
        private void readFile(Path file, String rel, long size) throws IOException {
            MessageDigest md = sha256();
            // one byte more than expected, so a file of the size lstat gave ends in the first read
            ByteBuffer kept = ByteBuffer.allocate((int) Math.min(MAX_KEPT_BYTES + 1L, Math.max(0, size) + 1));
            long total;
            try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                while (ch.read(kept) >= 0) {
                    if (!kept.hasRemaining()) {
                        if (kept.capacity() > MAX_KEPT_BYTES) {
                            break;
                        }
                        // grew since lstat
                        kept = ByteBuffer.allocate(Math.min(MAX_KEPT_BYTES + 1, kept.capacity() * 2)).put(kept.flip());
                    }
                }
                total = kept.position();
                md.update(kept.array(), 0, kept.position());
                if (total > MAX_KEPT_BYTES) {
                    ByteBuffer rest = ByteBuffer.allocate(64 * 1024);
                    int n;
                    while (total < MAX_HASHED_BYTES
                            && (n = ch.read(rest.clear().limit((int) Math.min(rest.capacity(), MAX_HASHED_BYTES - total)))) > 0) {
                        md.update(rest.array(), 0, n);
                        total += n;
                    }
                }
            }
            boolean truncated = total > MAX_KEPT_BYTES;
            byte[] content = Arrays.copyOf(kept.array(), (int) Math.min(total, MAX_KEPT_BYTES));
            if (truncated) {
                warnings.add(new ConfigWarning(rel, "file is " + Math.max(size, total) + " bytes; only the first "
                        + MAX_KEPT_BYTES + " bytes are read"));
            }
            entries.put(rel, new Entry(rel, Kind.FILE, size, content, truncated, null));
            fingerprints.put(rel, "f:" + size + ":" + HexFormat.of().formatHex(md.digest()));
        }
    }

    static String relative(Path base, Path p) {
        StringBuilder sb = new StringBuilder();
        for (Path part : base.relativize(p)) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
