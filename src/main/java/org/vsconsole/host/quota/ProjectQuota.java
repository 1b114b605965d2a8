package org.vsconsole.host.quota;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.vsconsole.host.DiskQuotaState;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.config.HostGrammar;

/**
 * A guest's disk limit as a project quota: project id = the guest's XID (unique per guest),
 * the guest root and everything in it tagged with that project, hard limits from
 * {@link GuestSpec#diskLimit()}. A driver needs two calls:
 *
 * <pre>{@code
 * ProjectQuota.host().apply(guest);   // at start and whenever the disk limit changed
 * ProjectQuota.host().state(guest);   // for the page: enforced, or why not, with the usage
 * }</pre>
 *
 * <p>A host that cannot enforce (tmpfs, no prjquota, another file system) is reported as a state,
 * never thrown. {@link #apply} throws {@link HostOperationException} only when a host that can
 * enforce refused something, because a guest started without its limit on such a host would be
 * a silent failure.
 */
public final class ProjectQuota {

    static final String OPERATION = "disk-quota";
    /** Bytes = KiB × 1024 must still fit the kernel's signed 64-bit byte counters. */
    static final long MAX_KIB = Long.MAX_VALUE / 1024;
    /** Far above any file system's inode count; the bound only keeps nonsense away from the kernel. */
    static final long MAX_INODES = 1L << 40;

    private static final ProjectQuota HOST = new ProjectQuota(Path.of("/proc/self/mountinfo"));

    private final Path mountinfo;

    /** {@code mountinfo} is {@code /proc/self/mountinfo} except in tests. */
    public ProjectQuota(Path mountinfo) {
        this.mountinfo = mountinfo;
    }

    /** The instance for the console's own mount namespace. */
    public static ProjectQuota host() {
        return HOST;
    }

    /** Reads only; never throws: whatever stands in the way is the reason of the state. */
    public DiskQuotaState state(GuestSpec guest) {
        GuestSpec.DiskQuota limit = guest.diskLimit();
        if (limit == null) {
            return DiskQuotaState.notEnforced("no disk limit set");
        }
        Optional<String> refused = Abi.unsupported().or(() -> invalid(guest));
        if (refused.isPresent()) {
            return DiskQuotaState.notEnforced(refused.get());
        }
        Fd root;
        try {
            root = openRoot(guest);
        } catch (SyscallException e) {
            return DiskQuotaState.notEnforced(rootProblem(guest, e).orElse(e.getMessage()));
        }
        try (root) {
            Optional<String> problem = QuotaVolume.problem(root, guest.rootDir(), mountinfo);
            return problem.isPresent() ? DiskQuotaState.notEnforced(problem.get()) : read(root, guest, limit);
        } catch (SyscallException e) {
            return DiskQuotaState.notEnforced(e.getMessage());
        } catch (IOException e) {
            return DiskQuotaState.notEnforced("cannot read " + mountinfo + ": " + e.getMessage());
        }
    }

    /**
     * Tags the tree (skipped when the root already carries the project: see {@link TreeTagger})
     * and sets the hard limits; with no disk limit, lifts the limits of the guest's project.
     * Returns the state read back from the kernel afterwards.
     */
    public DiskQuotaState apply(GuestSpec guest) {
        Optional<String> unsupported = Abi.unsupported();
        if (unsupported.isPresent()) {
            return DiskQuotaState.notEnforced(unsupported.get());
        }
        Optional<String> invalid = invalid(guest);
        if (invalid.isPresent()) {
            throw new HostOperationException(OPERATION, guest.name(), invalid.get());
        }
        GuestSpec.DiskQuota limit = guest.diskLimit();
        String noLimit = "no disk limit set";
        Fd root;
        try {
            root = openRoot(guest);
        } catch (SyscallException e) {
            Optional<String> missing = rootProblem(guest, e);
            if (missing.isEmpty()) {
                throw new HostOperationException(OPERATION, guest.name(), e.getMessage(), e);
            }
            return DiskQuotaState.notEnforced(limit == null ? noLimit : missing.get());
        }
        String shown = guest.rootDir().toString();
        try (root) {
            Optional<String> problem = QuotaVolume.problem(root, guest.rootDir(), mountinfo);
            if (problem.isPresent()) {
                return DiskQuotaState.notEnforced(limit == null ? noLimit : problem.get());
            }
            boolean tagged = ProjectAttr.of(root, shown).marks(guest.xid());
            if (limit == null) {
                if (tagged) {
                    QuotaCtl.setHard(root, guest.xid(), 0, 0, shown);
                }
                return DiskQuotaState.notEnforced(noLimit);
            }
            if (!tagged) {
                TreeTagger.Report report = TreeTagger.tag(root, shown, guest.xid());
                if (report.failed() > 0) {
                    throw new HostOperationException(OPERATION, guest.name(), report.failed() + " file(s) of " + shown
                            + " could not be put into project " + guest.xid() + ", so the disk limit would not count"
                            + " them: " + String.join("; ", report.failures()));
                }
            }
            QuotaCtl.setHard(root, guest.xid(), limit.spaceKiB(), limit.inodes(), shown);
            return read(root, guest, limit);
        } catch (SyscallException e) {
            throw new HostOperationException(OPERATION, guest.name(), e.getMessage(), e);
        } catch (IOException e) {
            throw new HostOperationException(OPERATION, guest.name(), "cannot read " + mountinfo + ": " + e.getMessage(), e);
        }
    }

    /** The root itself must not be a symlink: a guest could otherwise point the tagging anywhere. */
    private static Fd openRoot(GuestSpec guest) throws SyscallException {
        return Fd.open(guest.rootDir(), Abi.O_RDONLY | Abi.O_DIRECTORY | Abi.O_NOFOLLOW);
    }

    /** What the kernel holds; "enforced" only when tree tag and both hard limits are as configured. */
    private static DiskQuotaState read(Fd root, GuestSpec guest, GuestSpec.DiskQuota limit) throws SyscallException {
        int project = guest.xid();
        String shown = guest.rootDir().toString();
        ProjectAttr attr = ProjectAttr.of(root, shown);
        if (!attr.marks(project)) {
            return DiskQuotaState.notEnforced("the tree of " + shown + " is not in project " + project
                    + (attr.projectId() != 0 && attr.projectId() != project ? " (it is in project " + attr.projectId() + ")" : "")
                    + " yet; that happens when the guest starts or its disk limit is saved");
        }
        QuotaCtl.Usage usage = QuotaCtl.get(root, project, shown);
        long usedKiB = (usage.bytes() + 1023) / 1024;
        if (usage.hardKiB() != limit.spaceKiB() || usage.hardInodes() != limit.inodes()) {
            String held = usage.hardKiB() == 0 && usage.hardInodes() == 0
                    ? "no limit"
                    : usage.hardKiB() + " KiB and " + usage.hardInodes() + " inodes";
            return new DiskQuotaState(false, "the kernel holds " + held + " for project " + project + ", not the configured "
                    + limit.spaceKiB() + " KiB and " + limit.inodes() + " inodes; they are set when the guest starts or"
                    + " its disk limit is saved", usedKiB, usage.inodes(), usage.hardKiB(), usage.hardInodes());
        }
        return new DiskQuotaState(true, "project quota " + project + " on the file system of " + shown, usedKiB,
                usage.inodes(), usage.hardKiB(), usage.hardInodes());
    }

    /** The allow-list every value passes before it reaches an ioctl or quotactl. */
    static Optional<String> invalid(GuestSpec guest) {
        if (guest.xid() < HostGrammar.MIN_XID || guest.xid() > HostGrammar.MAX_XID) {
            return Optional.of("context id " + guest.xid() + " is outside " + HostGrammar.MIN_XID + ".."
                    + HostGrammar.MAX_XID + ", so it cannot be the guest's project id");
        }
        Path root = guest.rootDir();
        if (root == null || !root.isAbsolute() || !root.normalize().equals(root) || root.getNameCount() == 0) {
            return Optional.of("the guest root must be an absolute, normalized path below /, not " + root);
        }
        GuestSpec.DiskQuota limit = guest.diskLimit();
        if (limit == null) {
            return Optional.empty();
        }
        if (limit.spaceKiB() < 1 || limit.spaceKiB() > MAX_KIB) {
            return Optional.of("space_total " + limit.spaceKiB() + " KiB cannot be enforced: it must be 1.." + MAX_KIB
                    + " (a project quota of 0 means no limit at all)");
        }
        if (limit.inodes() < 1 || limit.inodes() > MAX_INODES) {
            return Optional.of("inodes_total " + limit.inodes() + " cannot be enforced: it must be 1.." + MAX_INODES
                    + " (a project quota of 0 means no limit at all)");
        }
        return Optional.empty();
    }

    /** A root that is missing, a symlink or not a directory is a state of the tree, not a failure. */
    private static Optional<String> rootProblem(GuestSpec guest, SyscallException e) {
        return switch (e.errno()) {
            case Abi.ENOENT -> Optional.of("the guest root " + guest.rootDir() + " does not exist");
            // O_DIRECTORY | O_NOFOLLOW answers ENOTDIR for a symlink, so the link is named after the fact
            case Abi.ELOOP, Abi.ENOTDIR -> Optional.of("the guest root " + guest.rootDir()
                    + (Files.isSymbolicLink(guest.rootDir()) ? " is a symlink" : " is not a directory"));
            default -> Optional.empty();
        };
    }
}
