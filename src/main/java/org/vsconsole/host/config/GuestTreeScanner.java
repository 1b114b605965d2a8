package org.vsconsole.host.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Walks one guest's config dir once, without following any symlink, and captures for every
 * entry its type, link target and (bounded) content, plus the manifest the digest is made of.
 * Reading is bounded because the tree may hold anything an admin or a tool dropped there.
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

    private GuestTreeScanner() {
    }

    static Scan scan(Path guestDir) throws IOException {
        Map<String, Entry> entries = new TreeMap<>();
        Map<String, String> fingerprints = new TreeMap<>();
        List<ConfigWarning> warnings = new ArrayList<>();
        BasicFileAttributes rootAttrs = Files.readAttributes(guestDir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!rootAttrs.isDirectory()) {
            throw new IOException(guestDir + " is not a directory (or is a symlink)");
        }
        Files.walkFileTree(guestDir, Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(guestDir)) {
                    return FileVisitResult.CONTINUE;
                }
                if (StagingNames.isStaging(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                String rel = relative(guestDir, dir);
                if (tooMany()) {
                    return FileVisitResult.TERMINATE;
                }
                entries.put(rel, new Entry(rel, Kind.DIRECTORY, 0, new byte[0], false, null));
                fingerprints.put(rel, "d");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (StagingNames.isStaging(file.getFileName().toString())) {
                    return FileVisitResult.CONTINUE;
                }
                if (tooMany()) {
                    return FileVisitResult.TERMINATE;
                }
                String rel = relative(guestDir, file);
                if (attrs.isSymbolicLink()) {
                    String target = Files.readSymbolicLink(file).toString();
                    entries.put(rel, new Entry(rel, Kind.SYMLINK, 0, new byte[0], false, target));
                    fingerprints.put(rel, "l:" + target);
                } else if (attrs.isDirectory()) {
                    // Only reached at MAX_DEPTH: deeper levels are not read.
                    warnings.add(new ConfigWarning(rel, "directory nested deeper than " + MAX_DEPTH + " levels, not read"));
                    fingerprints.put(rel, "d");
                } else if (attrs.isRegularFile()) {
                    readFile(file, rel, attrs.size());
                } else {
                    entries.put(rel, new Entry(rel, Kind.OTHER, attrs.size(), new byte[0], false, null));
                    fingerprints.put(rel, "o");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                String rel = relative(guestDir, file);
                warnings.add(new ConfigWarning(rel, "cannot be read: " + exc.getClass().getSimpleName()
                        + (exc.getMessage() == null ? "" : " " + exc.getMessage())));
                fingerprints.put(rel, "e");
                return FileVisitResult.CONTINUE;
            }

            private boolean tooMany() {
                if (fingerprints.size() >= MAX_ENTRIES) {
                    warnings.add(new ConfigWarning("", "more than " + MAX_ENTRIES + " entries; the rest is not read"));
                    return true;
                }
                return false;
            }

            private void readFile(Path file, String rel, long size) throws IOException {
                MessageDigest md = sha256();
                byte[] kept;
                boolean truncated;
                long total = 0;
                try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                        InputStream in = Channels.newInputStream(ch)) {
                    kept = in.readNBytes(MAX_KEPT_BYTES);
                    md.update(kept);
                    total = kept.length;
                    // config files are tiny: only one that filled the kept part needs a buffer for the rest
                    if (kept.length == MAX_KEPT_BYTES) {
                        byte[] buf = new byte[64 * 1024];
                        int n;
                        while (total < MAX_HASHED_BYTES && (n = in.read(buf)) > 0) {
                            md.update(buf, 0, n);
                            total += n;
                        }
                    }
                    truncated = total > kept.length || (kept.length == MAX_KEPT_BYTES && in.read() >= 0);
                }
                if (truncated) {
                    warnings.add(new ConfigWarning(rel, "file is " + Math.max(size, total) + " bytes; only the first "
                            + MAX_KEPT_BYTES + " bytes are read"));
                }
                entries.put(rel, new Entry(rel, Kind.FILE, size, kept, truncated, null));
                fingerprints.put(rel, "f:" + size + ":" + HexFormat.of().formatHex(md.digest()));
            }
        });
        return new Scan(entries, new ConfigManifest(fingerprints), warnings);
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
