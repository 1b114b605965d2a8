package org.vsconsole.host.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.config.GuestTreeScanner.Scan;

/**
 * Changes guests' config trees. Every change is checked against the digest the caller read (so
 * a hand edit or another admin's save is never overwritten silently), validated by
 * {@link HostGrammar}, and applied by writing only the files whose bytes change, each one
 * replaced atomically. Creating and deleting a guest are single directory renames, so a crash
 * never leaves a half guest under a guest name.
 *
 * <p>Longer than 300 lines because it is the only writer of the tree: every kind of write (change,
 * create, complete a build, restore, delete, clean up) runs under its one lock and tells its
 * listeners, and that must not be possible to bypass by a second class. A change of several
 * files lands whole or not at all, and after a crash part-way {@link #putBack} can undo it; what
 * to write is worked out elsewhere ({@link ChangePlanner}, {@link NewGuestPlan}).
 */
public final class GuestConfigWriter {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path configRoot;
    private final Path guestsRoot;
    private final GuestConfigReader reader;
    private final AtomicFileWriter files;
    /**
     * One lock for all writes: context ids and addresses must be unique across guests, so two
     * writes to different guests can conflict too. Config writes take milliseconds.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final List<ConfigWriteListener> listeners = new CopyOnWriteArrayList<>();

    public GuestConfigWriter(Path configRoot, Path guestsRoot) {
        this(configRoot, guestsRoot, new GuestConfigReader(configRoot.toAbsolutePath().normalize()));
    }

    /**
     * Over the console's own reader, so a write refused as stale can name the files changed since
     * the tree the caller was given ({@link GuestConfigReader#manifestRead}).
     */
    public GuestConfigWriter(Path configRoot, Path guestsRoot, GuestConfigReader reader) {
        this.configRoot = configRoot.toAbsolutePath().normalize();
        this.guestsRoot = guestsRoot.toAbsolutePath().normalize();
        if (!reader.configRoot().toAbsolutePath().normalize().equals(this.configRoot)) {
            throw new IllegalArgumentException("the reader reads " + reader.configRoot() + ", not " + this.configRoot);
        }
        this.reader = reader;
        this.files = new AtomicFileWriter(this.configRoot);
    }

    /** Whether link-local guest addresses are accepted (off unless the operator opted in). */
    private volatile boolean allowLinkLocal;

    /** Accepts link-local guest addresses from now on ({@code vsconsole.provisioning.allow-link-local}). */
    public void allowLinkLocalAddresses(boolean allow) {
        this.allowLinkLocal = allow;
    }

    public boolean allowsLinkLocalAddresses() {
        return allowLinkLocal;
    }

    /** The host agent, when it owns the tree and this process may only read it; null when this process writes. */
    private volatile @Nullable ConfigTreeOwner owner;

    /**
     * From now on every write is checked and planned here (so a refusal names its field at once
     * and the listeners hear the plan) but made by {@code owner}, which checks it again.
     */
    public void writeThrough(ConfigTreeOwner owner) {
        this.owner = owner;
    }

    /** Adds a listener told of every write, create and delete made through this writer. */
    public void addListener(ConfigWriteListener listener) {
        listeners.add(listener);
    }

    public GuestConfigReader reader() {
        return reader;
    }

    /**
     * Applies one change to the guest {@code basis} was read from. Throws
     * {@link ConfigConflictException} (listing the changed files) when the tree no longer matches
     * {@code basis.digest()}, {@link InvalidInputException} for a value the grammar refuses, and
     * {@link UnsafePathException} when a symlink sits where a file or directory is written.
     *
     * @return the guest as read back after the write, with its new digest
     */
    public GuestConfig apply(GuestConfig basis, ConfigChange change) throws IOException {
        return apply(basis.name(), basis.digest(), basis.manifest(), change);
    }

    /** As {@link #apply(GuestConfig, ConfigChange)} when only the digest was kept. */
    public GuestConfig apply(String guest, String expectedDigest, ConfigChange change) throws IOException {
        return apply(guest, expectedDigest, null, change);
    }

    private GuestConfig apply(String guest, String expectedDigest, @Nullable ConfigManifest basis, ConfigChange change)
            throws IOException {
        HostGrammar.guestName(guest);
        lock.lock();
        try {
            Path dir = existingGuestDir(guest);
            Scan scan = GuestTreeScanner.scan(dir);
            requireDigest(guest, expectedDigest, basis, scan.manifest());
            GuestConfig current = GuestConfigParser.parse(guest, dir, scan);
            List<FileOp> ops = new ChangePlanner(current, scan.entries(), guestRoots(current), reader::readIdentities, allowLinkLocal)
                    .plan(change);
            List<PlannedFile> planned = PlannedFile.of(scan, ops);
            listeners.forEach(l -> l.filesPlanned(guest, planned));
            ConfigTreeOwner agent = owner;
            if (agent == null) {
                execute(guest, dir, ops, planned);
            } else {
                // the agent puts back what it wrote when a later file fails, as execute() does here
                agent.apply(guest, expectedDigest, change);
            }
            GuestConfig after = reader.readGuest(guest);
            listeners.forEach(l -> l.written(guest, after));
            return after;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs the planned steps in order; when one fails part-way, puts back every file written so
     * far (each again replaced atomically), in reverse order, so a change of several files is
     * applied whole or not at all. A crash cannot be caught here: the listeners were told the plan
     * before, so the next start can find and undo the half (see {@link #putBack}).
     */
    private void execute(String guest, Path dir, List<FileOp> ops, List<PlannedFile> planned) throws IOException {
        int done = 0;
        try {
            for (FileOp op : ops) {
                Path target = dir.resolve(op.path());
                switch (op) {
                    case FileOp.Write w -> files.write(target, w.content());
                    case FileOp.Delete d -> files.delete(target);
                    case FileOp.DeleteTree t -> files.deleteTree(target);
                }
                done++;
                FaultHook hook = faultHook;
                if (hook != null) {
                    hook.afterFile(guest, op.path(), done, ops.size());
                }
            }
        } catch (IOException | RuntimeException e) {
            List<String> notPutBack = new ArrayList<>();
            for (int i = done - 1; i >= 0; i--) {
                try {
                    if (!restoreOne(dir, planned.get(i))) {
                        notPutBack.add(planned.get(i).path());
                    }
                } catch (IOException | RuntimeException again) {
                    notPutBack.add(planned.get(i).path());
                    e.addSuppressed(again);
                }
            }
            if (done > 0) {
                GuestConfig back = reader.readGuest(guest);
                listeners.forEach(l -> l.written(guest, back));
            }
            if (!notPutBack.isEmpty()) {
                throw new IOException(e.getMessage() + "; these files could not be put back: " + String.join(", ", notPutBack), e);
            }
            throw e;
        }
    }

    /** Puts one planned file back as it was before; false when its old bytes were not kept. */
    private boolean restoreOne(Path dir, PlannedFile f) throws IOException {
        Path target = dir.resolve(f.path());
        if (f.before() == null) {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                files.deleteTree(target);
            } else {
                files.delete(target);
            }
            return true;
        }
        if (f.beforeContent() == null) {
            return false;
        }
        files.write(target, f.beforeContent());
        return true;
    }

    /**
     * Puts back the files of a change the console died in part-way, when each of them still is
     * either as it was before or as the change would have made it (nobody else touched them), and
     * every written one can be restored. Returns the guest as read back, or null when nothing was
     * put back because some file is neither (the caller reports it for an admin).
     */
    public @Nullable GuestConfig putBack(String guest, List<PlannedFile> planned) throws IOException {
        HostGrammar.guestName(guest);
        lock.lock();
        try {
            Path dir = existingGuestDir(guest);
            Map<String, String> now = GuestTreeScanner.scan(dir).manifest().fingerprints();
            for (PlannedFile f : planned) {
                String current = now.get(f.path());
                boolean untouched = java.util.Objects.equals(current, f.before());
                boolean written = java.util.Objects.equals(current, f.after());
                if (!untouched && !(written && f.restorable())) {
                    return null;
                }
            }
            ConfigTreeOwner agent = owner;
            if (agent != null) {
                if (!agent.putBack(guest, planned)) {
                    return null;
                }
            } else {
                for (PlannedFile f : planned) {
                    if (!java.util.Objects.equals(now.get(f.path()), f.before())) {
                        restoreOne(dir, f);
                    }
                }
            }
            GuestConfig back = reader.readGuest(guest);
            listeners.forEach(l -> l.written(guest, back));
            return back;
        } finally {
            lock.unlock();
        }
    }

    /**
     * For crash and failure tests only: called after each file step of a change, so a test can
     * throw there (a failure part-way) or stop the thread without unwinding (a crash).
     */
    @FunctionalInterface
    public interface FaultHook {

        void afterFile(String guest, String path, int done, int of) throws IOException;
    }

    private volatile @Nullable FaultHook faultHook;

    /** Sets or clears (null) the {@link FaultHook}; never set outside tests. */
    public void faultHook(@Nullable FaultHook hook) {
        this.faultHook = hook;
    }

    /**
     * Creates a guest's config dir in a staging directory and renames it into place, so the
     * guest appears complete or not at all. Refuses an existing name, a used context or address.
     */
    public GuestConfig createGuest(NewGuest spec) throws IOException {
        NewGuestPlan planned = NewGuestPlan.of(spec, allowLinkLocal);
        String name = planned.name();
        int xid = planned.xid();
        Map<String, byte[]> content = planned.content();
        List<IpLiteral> ips = planned.ips();
        lock.lock();
        try {
            Path target = configRoot.resolve(name);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException("guest name", "a guest named '" + name + "' already exists");
            }
            List<GuestIdentity> all = reader.readIdentities();
            HostGrammar.requireContextFree(xid, null, all);
            for (IpLiteral ip : ips) {
                HostGrammar.requireAddressFree(ip, null, null, all);
            }
            ConfigTreeOwner agent = owner;
            if (agent != null) {
                return createThrough(agent, spec);
            }
            Path staging = configRoot.resolve(StagingNames.NEW_GUEST + name + "-" + randomHex());
            Files.createDirectory(staging);
            boolean moved = false;
            // From the rename until the listeners hear created(), a tree watcher would see a guest
            // nobody announced and take it for one made by hand: the same bracket as a build's.
            listeners.forEach(l -> l.buildStarting(name));
            try {
                for (Map.Entry<String, byte[]> e : content.entrySet()) {
                    writeNewFile(staging, e.getKey(), e.getValue());
                }
                Files.createSymbolicLink(staging.resolve("vdir"), guestsRoot.resolve(name));
                fsyncTree(staging);
                // rename(2) would silently replace an empty directory: check again just before.
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new InvalidInputException("guest name", "a guest named '" + name + "' already exists");
                }
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                moved = true;
                AtomicFileWriter.fsyncDirectory(configRoot);
                GuestConfig created = reader.readGuest(name);
                listeners.forEach(l -> l.created(name, created));
                return created;
            } finally {
                if (!moved) {
                    files.deleteTree(staging);
                }
                listeners.forEach(l -> l.buildEnded(name));
            }
        } finally {
            lock.unlock();
        }
    }

    private GuestConfig createThrough(ConfigTreeOwner agent, NewGuest spec) {
        String name = spec.name();
        listeners.forEach(l -> l.buildStarting(name));
        try {
            agent.create(spec);
            GuestConfig created = reader.readGuest(name);
            listeners.forEach(l -> l.created(name, created));
            return created;
        } finally {
            listeners.forEach(l -> l.buildEnded(name));
        }
    }

    /**
     * Adds the console's files to the config dir a driver's build has just made, for builds that
     * refuse an existing one ({@code vserver NAME build}). Writes the files {@link #createGuest}
     * writes, each replaced atomically, and keeps every other file the build wrote ({@code name},
     * {@code cache}, {@code run}, {@code apps/init/…}): they are util-vserver's, not the console's.
     * The {@code vdir} link is kept when it names the guest's root, made when missing, and refused
     * when it names another place (the console would then manage a root it did not ask for).
     */
    public GuestConfig completeBuiltGuest(NewGuest spec) throws IOException {
        NewGuestPlan planned = NewGuestPlan.of(spec, allowLinkLocal);
        String name = planned.name();
        refuseWhenOwnedElsewhere("completing a built guest's config");
        lock.lock();
        try {
            Path dir = existingGuestDir(name);
            // The build wrote this guest's context and address already; only others' count.
            List<GuestIdentity> others = reader.readIdentities().stream().filter(g -> !g.name().equals(name)).toList();
            HostGrammar.requireContextFree(planned.xid(), name, others);
            for (IpLiteral ip : planned.ips()) {
                HostGrammar.requireAddressFree(ip, name, null, others);
            }
            Path root = guestsRoot.resolve(name);
            boolean vdirMissing = requireVdirAbsentOr(dir.resolve("vdir"), root);
            for (Map.Entry<String, byte[]> e : planned.content().entrySet()) {
                files.write(dir.resolve(e.getKey()), e.getValue());
            }
            if (vdirMissing) {
                linkAtomically(dir, "vdir", root);
            }
            GuestConfig after = reader.readGuest(name);
            listeners.forEach(l -> l.created(name, after));
            return after;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts a guest's config dir back to {@code accepted} (relative path → entry), replacing each
     * differing entry atomically, when the tree still has {@code expectedDigest}. The listeners
     * hear it as a write, so nobody takes the console's own restore for a hand edit.
     */
    public GuestConfig restore(String guest, String expectedDigest, Map<String, AcceptedEntry> accepted) throws IOException {
        HostGrammar.guestName(guest);
        lock.lock();
        try {
            Path dir = existingGuestDir(guest);
            ConfigManifest now = GuestTreeScanner.scan(dir).manifest();
            requireDigest(guest, expectedDigest, TreeRestore.manifestOf(accepted), now);
            ConfigTreeOwner agent = owner;
            if (agent == null) {
                TreeRestore.restore(dir, files, now, accepted);
            } else {
                agent.restore(guest, expectedDigest, accepted);
            }
            GuestConfig after = reader.readGuest(guest);
            listeners.forEach(l -> l.written(guest, after));
            return after;
        } finally {
            lock.unlock();
        }
    }

    /** Tells the listeners that a build is about to make {@code guest}'s config dir outside this writer. */
    public void buildStarting(String guest) {
        listeners.forEach(l -> l.buildStarting(guest));
    }

    /** Tells the listeners that the creation around that build ended. */
    public void buildEnded(String guest) {
        listeners.forEach(l -> l.buildEnded(guest));
    }

    /**
     * Deletes a guest's config dir: one atomic rename out of the way (the guest is gone at that
     * instant), then removal of the renamed tree without following any symlink in it.
     */
    public void deleteGuest(String guest, String expectedDigest) throws IOException {
        HostGrammar.guestName(guest);
        lock.lock();
        try {
            Path dir = existingGuestDir(guest);
            requireDigest(guest, expectedDigest, null, GuestTreeScanner.scan(dir).manifest());
            FaultHook hook = faultHook;
            if (hook != null) {
                // a delete's root tree is gone by now, its config dir not yet: the step crash tests stop at
                hook.afterFile(guest, ".", 0, 1);
            }
            ConfigTreeOwner agent = owner;
            if (agent != null) {
                agent.delete(guest, expectedDigest);
                listeners.forEach(l -> l.deleted(guest));
                return;
            }
            Path graveyard = configRoot.resolve(StagingNames.DELETED_GUEST + guest + "-" + randomHex());
            Files.move(dir, graveyard, StandardCopyOption.ATOMIC_MOVE);
            AtomicFileWriter.fsyncDirectory(configRoot);
            listeners.forEach(l -> l.deleted(guest));
            files.deleteTree(graveyard);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Tells the listeners that the guest is about to be deleted, root tree and then config dir:
     * every file of its config dir as planned to go. Called once a delete has passed its checks
     * and before anything is removed, so its intent records that the user's delete had begun and
     * recovery after a crash part-way can finish it instead of leaving a guest that cannot start.
     */
    public void planDelete(String guest) throws IOException {
        HostGrammar.guestName(guest);
        lock.lock();
        try {
            Map<String, String> prints = GuestTreeScanner.scan(existingGuestDir(guest)).manifest().fingerprints();
            List<PlannedFile> plan = prints.entrySet().stream()
                    .map(e -> new PlannedFile(e.getKey(), e.getValue(), null, null)).toList();
            listeners.forEach(l -> l.filesPlanned(guest, plan));
        } finally {
            lock.unlock();
        }
    }

    /** Writes {@code .defaults/context.next} (the next xid {@code vserver … build} assigns). */
    public void setContextNext(int next) throws IOException {
        int xid = HostGrammar.contextId(next);
        ConfigTreeOwner agent = owner;
        if (agent != null) {
            agent.setContextNext(xid);
            return;
        }
        lock.lock();
        try {
            files.write(configRoot.resolve(".defaults").resolve("context.next"), text(xid + "\n"));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes what crashed writes left behind: temp files anywhere in the tree and staging
     * directories of interrupted creates and deletes. Call at startup, before serving writes.
     *
     * @return the removed paths, relative to the config root
     */
    public List<String> removeStaleStagingFiles() throws IOException {
        if (owner != null) {
            // the owner cleans its own tree when it starts
            return List.of();
        }
        lock.lock();
        try {
            List<Path> stale = new ArrayList<>();
            Files.walkFileTree(configRoot, Set.of(), GuestTreeScanner.MAX_DEPTH + 1, new SimpleFileVisitor<>() {

                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (!d.equals(configRoot) && StagingNames.isStaging(d.getFileName().toString())) {
                        stale.add(d);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (StagingNames.isStaging(f.getFileName().toString())) {
                        stale.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, java.io.IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
            List<String> removed = new ArrayList<>();
            for (Path p : stale) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.deleteTree(p);
                } else {
                    files.delete(p);
                }
                removed.add(GuestTreeScanner.relative(configRoot, p));
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Refuses what only util-vserver's own builds need: those run unsplit (scripts/split-run.sh says why). */
    private void refuseWhenOwnedElsewhere(String what) {
        if (owner != null) {
            throw new org.vsconsole.base.StateConflictException("host", what + " is not done through the host agent;"
                    + " a Linux-VServer host runs the console as one process");
        }
    }

    private Path existingGuestDir(String guest) {
        Path dir = configRoot.resolve(guest);
        if (Files.isSymbolicLink(dir)) {
            throw new UnsafePathException(guest + " is a symlink; the console never writes through symlinks");
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("guest name", "no guest '" + guest + "'");
        }
        return dir;
    }

    /** Without the caller's tree, the one the reader gave out under that digest names the changed files. */
    private void requireDigest(String guest, String expected, @Nullable ConfigManifest basis, ConfigManifest now) {
        String actual = now.digest();
        if (!actual.equals(expected)) {
            ConfigManifest seen = basis != null ? basis : reader.manifestRead(expected).orElse(null);
            List<String> changed = seen == null ? List.of() : seen.differences(now);
            throw new ConfigConflictException(guest, expected, actual, changed);
        }
    }

    /** Roots a disk-limit directory may lie under: the console's guests root and the vdir target. */
    private Set<Path> guestRoots(GuestConfig g) {
        Set<Path> roots = new LinkedHashSet<>();
        roots.add(guestsRoot.resolve(g.name()));
        if (g.vdirTarget() != null && g.vdirTarget().startsWith("/")) {
            roots.add(Path.of(g.vdirTarget()).normalize());
        }
        String vdirbase = reader.readDefaults().vdirbase();
        if (vdirbase != null && vdirbase.startsWith("/")) {
            roots.add(Path.of(vdirbase).resolve(g.name()).normalize());
        }
        return roots;
    }

    /** True when there is no {@code vdir}; refuses anything but a link to {@code root}. */
    private static boolean requireVdirAbsentOr(Path vdir, Path root) throws IOException {
        if (!Files.exists(vdir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!Files.isSymbolicLink(vdir)) {
            throw new UnsafePathException(vdir + " is not a symlink");
        }
        Path target = Files.readSymbolicLink(vdir);
        Path resolved = (target.isAbsolute() ? target : dir(vdir).resolve(target)).normalize();
        if (!resolved.equals(root)) {
            throw new IOException("the build linked vdir to " + target + ", not to the guest's root " + root);
        }
        return false;
    }

    /** The directory {@code entry} (a path resolved against a guest's config dir) lies in. */
    private static Path dir(Path entry) {
        return java.util.Objects.requireNonNull(entry.getParent(), "an entry of a config dir has a parent");
    }

    /** A symlink made under a temp name and renamed into place, so it appears whole or not at all. */
    private static void linkAtomically(Path dir, String name, Path target) throws IOException {
        Path temp = dir.resolve(AtomicFileWriter.tempName(name));
        Files.createSymbolicLink(temp, target);
        try {
            Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        AtomicFileWriter.fsyncDirectory(dir);
    }

    /** Staging files are new and private until the rename, so a plain create+fsync is enough. */
    private static void writeNewFile(Path staging, String rel, byte[] content) throws IOException {
        Path f = staging.resolve(rel);
        Files.createDirectories(f.getParent());
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            ch.write(java.nio.ByteBuffer.wrap(content));
            ch.force(true);
        }
    }

    private static void fsyncTree(Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) {
                dirs.add(d);
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path d : dirs) {
            AtomicFileWriter.fsyncDirectory(d);
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomHex() {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return HexFormat.of().formatHex(r);
    }
}
