package org.vsconsole.host;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one port through which the console runs guests on a host. Implementations: {@code linux}
 * (unprivileged LXC containers on a stock kernel), {@code vserver} (util-vserver commands and the
 * vserver syscall) and {@code read-only}. Values reaching a driver have already passed the
 * host-model validation; drivers still pass them as argv lists after {@code --}, never to a shell.
 *
 * <p>Every operation either does what it says or throws {@link HostOperationException} with a
 * message fit for the user; none reports success it cannot prove.
 */
public interface HostDriver {

    /** {@code linux}, {@code vserver} or {@code read-only}. */
    String name();

    /** Why guests cannot be run or changed on this host, when that is so. */
    Optional<String> readOnlyReason();

    void start(GuestSpec guest);

    /** What this host is and what it cannot do, for the host page. */
    default HostFacts facts() {
        return HostFactsReader.read(java.nio.file.Path.of("/proc"), java.nio.file.Path.of("/sys/fs/cgroup"), name(), null,
                readOnlyReason().map(List::of).orElse(List.of()));
    }

    /** Runs the guest's shutdown, then SIGTERM and SIGKILL to what is left after {@code timeout}. */
    void stop(GuestSpec guest, Duration timeout);

    default void restart(GuestSpec guest, Duration timeout) {
        stop(guest, timeout);
        start(guest);
    }

    /** Asks the kernel, not memory: true after a console restart too. */
    boolean isRunning(GuestSpec guest);

    /**
     * Figures of every running context in one pass (what {@code /proc/virtual/<xid>} gives), keyed
     * by XID. Guests are matched by XID; the map holds only running contexts.
     */
    Map<Integer, ContextFigures> figures(List<GuestSpec> guests);

    /**
     * The details of the guest's running context (reference §2.5–2.9: cvirt, sched, cacct, status
     * and, where the kernel has them, the raw files); empty when the context does not run. A figure
     * the driver cannot read is null and named in {@link ContextDetails#unavailable()}, never 0.
     */
    default Optional<ContextDetails> contextDetails(GuestSpec guest) {
        return Optional.empty();
    }

    /**
     * Figures of what runs on the host besides {@code guests}: the host itself as context 0 (its
     * processes outside every context, as {@code vserver-stat}'s process walk counts them) and every
     * running context no guest's static context names (dynamic contexts 49152+, leftovers), keyed
     * by XID. Empty where the driver cannot tell.
     */
    default Map<Integer, ContextFigures> otherContexts(List<GuestSpec> guests) {
        return Map.of();
    }

    /**
     * The context a guest without a static context runs in, if it runs: util-vserver starts such a
     * guest on a dynamic context (49152+) the kernel picks, and records it in the guest's
     * {@code run} file ({@code configDir/run}). Empty where guests cannot run without a static context.
     */
    default OptionalInt dynamicContext(java.nio.file.Path configDir) {
        return OptionalInt.empty();
    }

    /**
     * Runs argv inside the running guest; each output line (stdout and stderr) goes to
     * {@code output} as it comes. Ends on the command's own exit, bounded by {@code timeout}.
     */
    ExecResult exec(GuestSpec guest, List<String> argv, Consumer<String> output, Duration timeout);

    /**
     * Starts an interactive login shell inside the running guest under a real pseudo-terminal of
     * {@code size} (what {@code vserver NAME enter} gives an admin on the host). The caller owns
     * the session and must close it.
     */
    default TerminalSession openTerminal(GuestSpec guest, TerminalSize size) {
        throw new HostOperationException("terminal", guest.name(), "the " + name() + " driver cannot open terminals");
    }

    /** The guest's processes, as {@code vps} shows them. */
    List<GuestProcess> processes(GuestSpec guest);

    /** Sends {@code signal} to one process of the guest, as {@code vkill} does; refuses others. */
    void kill(GuestSpec guest, int pid, int signal);

    /** Applies a limit to the running context ({@code vlimit} / cgroup / prlimit). */
    void setLimitLive(GuestSpec guest, String limitName, LimitValues values);

    /**
     * What the kernel shows live for a limit after a start with {@code saved} (null: nothing
     * saved, which gives unlimited unless the host cannot give that, then the most it can). Lets
     * a view tell a guest whose live value was changed from one that runs as it started.
     */
    default LimitValues liveAtStart(String limitName, @Nullable LimitValues saved) {
        return saved != null ? saved : LimitValues.both(LimitValues.UNLIMITED);
    }

    /** Remounts the running guest's {@code /tmp} tmpfs with a new size (e.g. {@code 64m}). */
    void remountTmp(GuestSpec guest, String size);

    /**
     * Builds the guest's root tree and writes the request's setup into it; output lines and
     * progress go to {@code progress}, which is also asked whether to give up (the half-built
     * tree is then the caller's to remove, as after any failure).
     */
    void buildRoot(GuestSpec guest, BuildRequest request, BuildProgress progress);

    /**
     * Whether {@link #buildRoot} makes the guest's config directory itself and refuses to run when
     * it exists ({@code vserver NAME build} does). Then the caller builds first and adds its own
     * files afterwards; otherwise it writes the config first.
     */
    default boolean buildMakesConfigDirectory() {
        return false;
    }

    /**
     * The device a guest's address goes on when none is named: a guest moved from another host
     * brings no device, as that host's NICs are not this one's. Empty when the host has none of
     * its own (util-vserver's {@code interfaces/dev} must then name one).
     */
    default Optional<String> guestDevice() {
        return Optional.empty();
    }

    /**
     * Removes the guest's root tree without following symlinks or crossing mount points; refuses,
     * naming the mount, if something is mounted inside.
     */
    void deleteRoot(GuestSpec guest);

    /**
     * The guest's root as one archive ({@link TreeArchive}) for {@code pass}, to move it to another
     * host; all passes but a pre-copy's first need the guest stopped. The caller closes it, which
     * ends the archiver if it was not read to the end.
     */
    default java.io.InputStream exportTree(GuestSpec guest, TreePass pass) {
        throw new HostOperationException("export", guest.name(), "the " + name() + " driver cannot move guest trees");
    }

    /**
     * Unpacks an archive made by {@link #exportTree} for {@code pass} as the root of {@code guest}:
     * a whole or first pass where no root is yet, a final pass over its first; reports the bytes
     * read so far to {@code progress} and returns them all. A failure or a cancel removes the root.
     */
    default long importTree(GuestSpec guest, java.io.InputStream archive, TreePass pass, java.util.function.BooleanSupplier cancelled,
            java.util.function.LongConsumer progress) {
        throw new HostOperationException("import", guest.name(), "the " + name() + " driver cannot move guest trees");
    }

    /**
     * What the guest's root tree holds, by a walk bounded by {@code bound} that stays on its file
     * system and counts hard-linked files once. Needs to read every folder of the tree, which
     * belongs to the guest's users: the driver's process does it, not the web tier. {@code note}
     * is what the result says of a complete walk.
     */
    default DiskUsage diskUsage(GuestSpec guest, Duration bound, String note) {
        return DiskUsageMeter.measure(guest.rootDir(), bound, note);
    }

    /**
     * Whether the guest's disk limit ({@link GuestSpec#diskLimit()}) is enforced right now, with
     * the usage the kernel counts. Only reads; never throws for a host that cannot enforce.
     */
    default DiskQuotaState diskQuota(GuestSpec guest) {
        return DiskQuotaState.notEnforced("this driver does not enforce disk limits");
    }

    /**
     * Makes the kernel hold the guest's disk limit where the host can (and lifts it when the guest
     * has none), then reports as {@link #diskQuota} does. A host that cannot enforce is a state,
     * not a failure; a failure while enforcing on a host that can is a {@link HostOperationException}.
     */
    default DiskQuotaState applyDiskQuota(GuestSpec guest) {
        return diskQuota(guest);
    }
}
