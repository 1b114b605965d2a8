package org.vsconsole.host.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.Formats;
import org.vsconsole.base.InvalidInputException;

/**
 * Reads guests' config trees under one config root. Broken guests come back with warnings rather
 * than exceptions, so one bad directory never hides the others; only a bad request (an invalid
 * guest name, a path outside the tree) throws.
 *
 * <p>A {@linkplain #cached caching} reader keeps each guest's parsed tree with the
 * {@link TreeStamp} it was read at and reuses it while the stamp (every entry's inode, size, mtime
 * and ctime) stays the same and has been quiet for {@link #SETTLE}; otherwise, or when the stamp
 * cannot be taken, it reads the tree again. A change made outside the console is therefore seen
 * at the next read, however it was made.
 */
public final class GuestConfigReader {

    /** How long a tree must be untouched before a read of it may be reused (time stamps are coarse). */
    static final Duration SETTLE = Duration.ofSeconds(2);

    private final Path configRoot;
    private final long settleNanos;
    /** Null for a reader that reads afresh every time. */
    private final @Nullable Map<String, Cached> cache;

    private static final int REMEMBERED = 512;
    private final Map<String, ConfigManifest> served = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ConfigManifest> eldest) {
                    return size() > REMEMBERED;
                }
            });

    private record Cached(TreeStamp stamp, GuestConfig config) {
    }

    /** A reader that reads every tree afresh at every call. */
    public GuestConfigReader(Path configRoot) {
        this(configRoot, null);
    }

    private GuestConfigReader(Path configRoot, @Nullable Duration settle) {
        this.configRoot = configRoot.toAbsolutePath().normalize();
        this.settleNanos = settle == null ? 0 : settle.toNanos();
        this.cache = settle == null ? null : new ConcurrentHashMap<>();
    }

    /** A reader that reuses a guest's last read while its tree is unchanged (see the class comment). */
    public static GuestConfigReader cached(Path configRoot) {
        return new GuestConfigReader(configRoot, SETTLE);
    }

    /** For tests: a caching reader with another settle time (zero lets a test hit the cache at once). */
    static GuestConfigReader cached(Path configRoot, Duration settle) {
        return new GuestConfigReader(configRoot, settle);
    }

    public Path configRoot() {
        return configRoot;
    }

    /** Directory names of all guests: every directory except {@code .defaults} and dot-dirs. */
    public List<String> listGuestNames() {
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(configRoot)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(n);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + configRoot, e);
        }
        return List.copyOf(names);
    }

    /**
     * Every guest, each read independently; a guest that cannot be read carries a warning instead.
     * Guests are read in parallel: a read is mostly waiting on {@code lstat} and {@code read}
     * system calls, so a second core halves a cold read of a large host.
     */
    public List<GuestConfig> readAllGuests() {
        List<String> names = listGuestNames();
        List<GuestConfig> out = names.parallelStream().map(this::readDirectory).toList();
        if (cache != null) {
            cache.keySet().retainAll(new java.util.HashSet<>(names));
        }
        return out;
    }

    /**
     * Context and addresses of every guest, reading only {@code context} and
     * {@code interfaces/<id>/ip} (no symlink followed) — the cheap input for uniqueness checks.
     */
    public List<GuestIdentity> readIdentities() {
        List<GuestIdentity> out = new ArrayList<>();
        for (String n : listGuestNames()) {
            Path dir = configRoot.resolve(n);
            List<ConfigWarning> ignored = new ArrayList<>();
            Integer context = null;
            String ctx = readSmallText(dir.resolve("context"), "context", ignored);
            if (ctx != null) {
                try {
                    context = HostGrammar.contextId(ConfigFileText.firstLine(ctx));
                } catch (InvalidInputException e) {
                    // an unusable context holds no id; the full read reports it
                }
            }
            Map<String, String> addresses = new java.util.TreeMap<>();
            Path ifs = dir.resolve("interfaces");
            if (Files.isDirectory(ifs, LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(ifs)) {
                    for (Path e : ds) {
                        if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
                            String ip = readSmallText(e.resolve("ip"), "ip", ignored);
                            if (ip != null) {
                                addresses.put(e.getFileName().toString(), ConfigFileText.firstLine(ip));
                            }
                        }
                    }
                } catch (IOException e) {
                    // unreadable interfaces dir: nothing to compare against
                }
            }
            out.add(new GuestIdentity(n, context, addresses));
        }
        return out;
    }

    /** Whether {@code name} is a guest: a valid name and a real directory (not a link) under the config root. */
    public boolean isGuest(@Nullable String name) {
        return HostGrammar.isGuestName(name) && Files.isDirectory(configRoot.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether anything at all (a file, a dangling link) sits where {@code name}'s config dir would go. */
    public boolean isNameTaken(String name) {
        return Files.exists(configRoot.resolve(HostGrammar.guestName(name)), LinkOption.NOFOLLOW_LINKS);
    }

    /** One guest by name; the name must satisfy {@link HostGrammar#guestName}. */
    public GuestConfig readGuest(String name) {
        HostGrammar.guestName(name);
        Path dir = configRoot.resolve(name);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("guest name", "no guest '" + name + "' in " + configRoot);
        }
        return readDirectory(name);
    }

    private GuestConfig readDirectory(String dirName) {
        Path dir = configRoot.resolve(dirName);
        if (cache == null) {
            return readTree(dirName, dir).config();
        }
        Cached cached = cache.get(dirName);
        if (cached != null && cached.stamp().stillHolds(dir)) {
            return cached.config();
        }
        Read read = readTree(dirName, dir);
        TreeStamp stamp = read.stamp();
        if (stamp != null && stamp.settled(settleNanos)) {
            cache.put(dirName, new Cached(stamp, read.config()));
        } else {
            cache.remove(dirName);
        }
        return read.config();
    }

    /**
     * The manifest of a tree this reader gave out, by its digest, while it is among the last
     * {@value #REMEMBERED} read: a write made against it that finds the tree changed can then name
     * the files that changed since, for whichever page or script read it.
     */
    public Optional<ConfigManifest> manifestRead(@Nullable String digest) {
        return Optional.ofNullable(digest == null ? null : served.get(digest));
    }

    /** A tree read and the stamp the read took of it (null when the tree could not be stamped whole). */
    private record Read(GuestConfig config, @Nullable TreeStamp stamp) {
    }

    private Read readTree(String dirName, Path dir) {
        Read read;
        try {
            GuestTreeScanner.Stamped scanned = GuestTreeScanner.scanStamped(dir);
            read = new Read(GuestConfigParser.parse(dirName, dir, scanned.scan()), scanned.stamp());
        } catch (IOException | UncheckedIOException e) {
            GuestTreeScanner.Scan empty = new GuestTreeScanner.Scan(Map.of(), new ConfigManifest(Map.of()),
                    List.of(new ConfigWarning("", "guest directory cannot be read: " + e.getMessage())));
            read = new Read(GuestConfigParser.parse(dirName, dir, empty), null);
        }
        served.put(read.config().digest(), read.config().manifest());
        return read;
    }

    /**
     * Content of one file in a guest's tree (e.g. an unknown file shown on request), at most
     * {@code maxBytes}. Refuses paths that leave the tree or pass through a symlink.
     */
    public byte[] readFile(String guest, String relativePath, int maxBytes) throws IOException {
        HostGrammar.guestName(guest);
        HostGrammar.relativeConfigPath(relativePath);
        Path guestDir = configRoot.resolve(guest);
        Path target = SafePaths.requireNoSymlinkBelow(configRoot, guestDir.resolve(relativePath));
        try (InputStream in = Channels.newInputStream(
                Files.newByteChannel(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            return in.readNBytes(Math.max(0, maxBytes));
        }
    }

    /** The parts of {@code .defaults/} the console uses. */
    public DefaultsConfig readDefaults() {
        Path d = configRoot.resolve(".defaults");
        List<ConfigWarning> warnings = new ArrayList<>();
        String vdirbase = readLink(d.resolve("vdirbase"), "vdirbase", warnings);
        String cachebase = readLink(d.resolve("cachebase"), "cachebase", warnings);
        Integer next = null;
        String nextText = readSmallText(d.resolve("context.next"), "context.next", warnings);
        if (nextText != null) {
            String v = ConfigFileText.firstLine(nextText);
            try {
                next = HostGrammar.contextId(v);
            } catch (InvalidInputException e) {
                warnings.add(new ConfigWarning("context.next", "'" + Formats.printable(v) + "': " + e.rule()));
            }
        }
        String fstabText = readSmallText(d.resolve("fstab"), "fstab", warnings);
        List<FstabEntry> fstab = fstabText == null ? List.of() : ConfigFileText.fstabEntries(fstabText);
        return new DefaultsConfig(vdirbase, cachebase, next, fstab, warnings);
    }

    private static @Nullable String readLink(Path p, String rel, List<ConfigWarning> warnings) {
        try {
            if (!Files.isSymbolicLink(p)) {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    warnings.add(new ConfigWarning(rel, "expected a symlink"));
                }
                return null;
            }
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            warnings.add(new ConfigWarning(rel, "cannot be read: " + e.getMessage()));
            return null;
        }
    }

    private static @Nullable String readSmallText(Path p, String rel, List<ConfigWarning> warnings) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                warnings.add(new ConfigWarning(rel, "expected a regular file; not read"));
                return null;
            }
            byte[] content;
            try (InputStream in = Channels.newInputStream(
                    Files.newByteChannel(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                content = in.readNBytes(GuestTreeScanner.MAX_KEPT_BYTES + 1);
            }
            if (content.length > GuestTreeScanner.MAX_KEPT_BYTES) {
                warnings.add(new ConfigWarning(rel, "larger than " + GuestTreeScanner.MAX_KEPT_BYTES + " bytes; not read"));
                return null;
            }
            return ConfigFileText.decode(rel, content, warnings, true);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            warnings.add(new ConfigWarning(rel, "cannot be read: " + e.getMessage()));
            return null;
        }
    }
}
