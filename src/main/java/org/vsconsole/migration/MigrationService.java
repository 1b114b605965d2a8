package org.vsconsole.migration;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.ActionRefusedException;
import org.vsconsole.base.Formats;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.fleet.HostAgents;
import org.vsconsole.fleet.HostStatus;
import org.vsconsole.guests.GuestService;
import org.vsconsole.host.GuestSpec;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.MovableGuest;
import org.vsconsole.host.ProvisioningProperties;
import org.vsconsole.host.TreePass;
import org.vsconsole.host.TreeSpace;
import org.vsconsole.host.config.GuestIdentity;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.config.InterfaceSpec;
import org.vsconsole.jobs.Job;
import org.vsconsole.jobs.JobContext;
import org.vsconsole.jobs.JobService;
import org.vsconsole.security.GuestOwnership;

/**
 * Moves a guest between this host and managed hosts (a Linux-VServer host being emptied onto
 * stock-kernel ones, say), as the Linux-VServer guide does by hand but checked and undoable: a
 * preflight reports every problem before anything moves; the guest's config is made on the
 * target first (checked against that host's own tree), then its tree is copied
 * through the console (while it runs, then stopped for what changed; or stopped for the whole
 * copy), and it is started there if it ran before. Any failure after the config was made removes
 * the copy there and starts the guest again where it was, naming the step. The source then
 * disables it and clears its boot mark (so a reboot there does not run it twice) and keeps its
 * files until someone deletes them. Owners follow it. One audit row per host, both naming the job.
 */
@Service
public class MigrationService {

    private static final Logger log = LoggerFactory.getLogger(MigrationService.class);
    static final String OFFLINE = "offline";
    static final String PRECOPY = "precopy";
    /** How long a failed move keeps asking a target that broke away to remove its copy. */
    private static final Duration UNDO_PATIENCE = Duration.ofSeconds(90);
    private static final Duration UNDO_RETRY = Duration.ofSeconds(2);
    /** How often a pass logs how far it is. */
    private static final Duration PROGRESS_LOG = Duration.ofSeconds(5);

    private final GuestService guests;
    private final HostDriver driver;
    private final HostProperties host;
    private final GuestConfigWriter writer;
    private final HostAgents fleet;
    private final AuditService audit;
    private final JobService jobs;
    private final GuestOwnership ownership;
    private final ProvisioningProperties provisioning;

    MigrationService(GuestService guests, HostDriver driver, HostProperties host, GuestConfigWriter writer, HostAgents fleet,
            AuditService audit, JobService jobs, GuestOwnership ownership, ProvisioningProperties provisioning) {
        this.provisioning = provisioning;
        this.guests = guests;
        this.driver = driver;
        this.host = host;
        this.writer = writer;
        this.fleet = fleet;
        this.audit = audit;
        this.jobs = jobs;
        this.ownership = ownership;
    }

    /** Everything that would stop the move, and what would not be carried, before anything moves. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public MigrationPlan preflight(String host, String guest, MigrationRequest request) {
        MoveSource source = source(host);
        return plan(source, source.guest(guest), request);
    }

    /**
     * Starts the move as a job once the preflight finds nothing wrong; otherwise refuses with
     * every problem, the first one's field named, and nothing moved.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.GUEST_MIGRATE)
    public Job migrate(String host, String guest, MigrationRequest request) {
        Job[] job = new Job[1];
        boolean local = isLocal(host);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("host", local ? HostGrammar.LOCAL_HOST : shown(host));
        before.put("targetHost", request.targetHost() == null ? null : shown(request.targetHost()));
        // named before anything is read, so a move refused for an unknown host or guest is logged too
        AuditTarget target = local ? AuditTarget.guest(shown(guest), null) : AuditTarget.guestOnHost(shown(host), shown(guest));
        audit.audited(AuditActions.GUEST_MIGRATE, target, before, () -> {
            MoveSource source = source(host);
            MovableGuest moving = source.guest(guest);
            MigrationPlan plan = plan(source, moving, request);
            if (!plan.ready()) {
                MigrationPlan.Blocker first = plan.problems().getFirst();
                throw new InvalidInputException(first.field(), String.join("; ", plan.problems().stream()
                        .map(p -> p.field() + ": " + p.message()).toList()));
            }
            // the job's audit row and its host calls act for the caller, on the job's own thread
            SecurityContext caller = SecurityContextHolder.createEmptyContext();
            caller.setAuthentication(SecurityContextHolder.getContext().getAuthentication());
            String title = "Move " + guest + (local ? "" : " from host " + source.host()) + " to host " + plan.targetHost();
            job[0] = jobs.submit("guest.migrate", title, source.ownedAs(guest), work -> {
                SecurityContextHolder.setContext(caller);
                try {
                    move(source, plan, work);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            });
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("job", job[0].id());
            after.put("fromContext", moving.context());
            after.put("targetHost", plan.targetHost());
            after.put("context", plan.context());
            after.put("notCarried", plan.notCarried());
            return after;
        });
        return job[0];
    }

    private static boolean isLocal(String host) {
        return host.isBlank() || host.equals(HostGrammar.LOCAL_HOST);
    }

    /** This host, or a reachable managed host, as the one the guest moves from. */
    private MoveSource source(String host) {
        if (isLocal(host)) {
            return new LocalSource(guests, driver, writer, this.host.guestsRoot());
        }
        HostStatus status = fleet.status(host).orElse(null);
        if (status == null || status.local()) {
            throw new InvalidInputException("host", "no managed host named '" + shown(host) + "'");
        }
        if (!status.reachable()) {
            throw new InvalidInputException("host", status.name() + " is " + status.problem());
        }
        return new ManagedSource(status.name(), status.facts() == null ? "unknown" : status.facts().architecture(),
                fleet.agent(status.name()), fleet);
    }

    private MigrationPlan plan(MoveSource source, MovableGuest guest, MigrationRequest request) {
        List<MigrationPlan.Blocker> problems = new ArrayList<>();
        String name = guest.name();
        String target = Objects.requireNonNullElse(request.targetHost(), "").strip();
        String mode = request.mode() == null || request.mode().isBlank() ? PRECOPY : request.mode().strip();
        if (!mode.equals(OFFLINE) && !mode.equals(PRECOPY)) {
            problems.add(new MigrationPlan.Blocker("mode", "'" + shown(mode) + "' is not a mode: 'precopy' copies the running"
                    + " guest, then stops it for what changed; 'offline' stops it for the whole copy"));
        }
        Integer context = guest.context();
        boolean contextChosen = request.context() != null && !request.context().isBlank();
        if (contextChosen) {
            try {
                context = HostGrammar.contextId(request.context());
            } catch (InvalidInputException e) {
                problems.add(new MigrationPlan.Blocker("context", e.rule()));
            }
        }
        String ip = guest.interfaces().isEmpty() ? null : guest.interfaces().getFirst().ip();
        Integer prefix = guest.interfaces().isEmpty() ? null : guest.interfaces().getFirst().prefix();
        if (request.ip() != null && !request.ip().isBlank()) {
            try {
                InterfaceSpec typed = InterfaceSpec.typed(request.ip(), request.prefix() == null || request.prefix().isBlank()
                        ? String.valueOf(prefix == null ? 24 : prefix)
                        : request.prefix(), null, null, false);
                ip = typed.ip();
                prefix = typed.prefix();
            } catch (InvalidInputException e) {
                problems.add(new MigrationPlan.Blocker(e.field(), e.rule()));
            }
        }
        problems.addAll(source.problems(name));
        long treeBytes = source.treeBytes(name);
        long free = -1;
        List<String> notes = new ArrayList<>(guest.notCarried());
        MoveTarget to = null;
        if (target.isEmpty()) {
            problems.add(new MigrationPlan.Blocker("targetHost", "choose the host to move the guest to"));
        } else if (target.equals(source.host())) {
            problems.add(new MigrationPlan.Blocker("targetHost", name + " is on " + target + " already"));
        } else {
            try {
                to = target(target);
            } catch (InvalidInputException e) {
                problems.add(new MigrationPlan.Blocker("targetHost", e.rule()));
            }
        }
        if (to != null) {
            List<GuestIdentity> there = to.guests();
            if (context == null && !contextChosen) {
                // util-vserver gave it a dynamic context, which no other host can honour: a free static one there
                context = freeContext(there);
                notes.add("context " + context + ", free on " + target + ", instead of the dynamic one it has on " + source.host());
            }
            problems.addAll(targetProblems(to, source.architecture(), there, name, context));
            free = to.freeBytes();
            if (free < TreeSpace.needed(treeBytes)) {
                problems.add(new MigrationPlan.Blocker("targetHost", TreeSpace.shortOf(treeBytes, free) + " on " + target));
            }
        }
        if (context == null && problems.stream().noneMatch(p -> p.field().equals("context"))) {
            problems.add(new MigrationPlan.Blocker("context", "the guest has no static context; choose one for the target"));
        }
        return new MigrationPlan(source.host(), name, target, context == null ? 0 : context, ip, prefix, mode, problems, notes,
                treeBytes, free);
    }

    /** This host, or a reachable managed host, as the one the guest moves to; refused naming the host otherwise. */
    private MoveTarget target(String host) {
        if (isLocal(host)) {
            return new LocalTarget(driver, writer, this.host.guestsRoot(), provisioning.defaultInterface());
        }
        HostStatus status = fleet.status(host).orElse(null);
        if (status == null || status.local()) {
            throw new InvalidInputException("targetHost", "no managed host named '" + shown(host) + "'");
        }
        if (!status.reachable()) {
            throw new InvalidInputException("targetHost", status.name() + " is " + status.problem());
        }
        return new ManagedTarget(status.name(), status.facts() == null ? "unknown" : status.facts().architecture(),
                fleet.agent(status.name()), fleet);
    }

    private static int freeContext(List<GuestIdentity> there) {
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        there.forEach(g -> taken.add(g.context()));
        int context = HostGrammar.MIN_XID;
        while (taken.contains(context) && context < HostGrammar.MAX_XID) {
            context++;
        }
        return context;
    }

    private List<MigrationPlan.Blocker> targetProblems(MoveTarget to, String sourceArchitecture, List<GuestIdentity> guestsThere,
            String name, @Nullable Integer context) {
        List<MigrationPlan.Blocker> problems = new ArrayList<>();
        to.readOnlyReason().ifPresent(why -> problems.add(new MigrationPlan.Blocker("targetHost", to.host() + " cannot run guests: "
                + why)));
        String there = to.architecture();
        if (!there.equals("unknown") && !there.equals(sourceArchitecture)) {
            problems.add(new MigrationPlan.Blocker("targetHost", to.host() + " is " + there + ", the guest's host " + sourceArchitecture));
        }
        for (GuestIdentity g : guestsThere) {
            if (g.name().equals(name)) {
                problems.add(new MigrationPlan.Blocker("targetHost", to.host() + " already has a guest named " + name));
            }
            if (context != null && context.equals(g.context())) {
                problems.add(new MigrationPlan.Blocker("context", "context " + context + " is taken on " + to.host() + " by "
                        + g.name() + "; choose another"));
            }
        }
        return problems;
    }

    private void move(MoveSource source, MigrationPlan plan, JobContext work) {
        String name = plan.guest();
        String target = plan.targetHost();
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("from", source.host());
        before.put("job", work.jobId());
        AuditTarget row = isLocal(target) ? AuditTarget.guest(name, plan.context()) : AuditTarget.guestOnHost(target, name);
        audit.audited(AuditActions.GUEST_MIGRATE, row, before, () -> {
            Map<String, Object> after = new MigrationRun(source, target(target), plan, work).run();
            after.put("job", work.jobId());
            return after;
        });
    }

    /** One move, step by step, with what it takes to undo each step. */
    private final class MigrationRun {

        private final MoveSource source;
        private final MigrationPlan plan;
        private final JobContext work;
        private final String name;
        private final MoveTarget target;
        private boolean configMade;
        private boolean stoppedHere;
        private boolean copyRemoved;
        private boolean startedAgain;
        private String step = "preflight";

        MigrationRun(MoveSource source, MoveTarget target, MigrationPlan plan, JobContext work) {
            this.source = source;
            this.target = target;
            this.plan = plan;
            this.work = work;
            this.name = plan.guest();
        }

        Map<String, Object> run() {
            try {
                return steps();
            } catch (RuntimeException e) {
                work.log("Failed while " + step + ": " + Formats.reason(e));
                undo();
                throw new HostOperationException("migrate", name, "the move to " + plan.targetHost() + " failed while " + step + ": "
                        + Formats.reason(e) + (configMade || stoppedHere ? "; undone: " + undone() : ""));
            }
        }

        private String undone() {
            String there = !configMade
                    ? ""
                    : copyRemoved
                            ? "no copy is left on " + plan.targetHost()
                            : "the copy on " + plan.targetHost() + " could not be removed; delete it there";
            String here = !stoppedHere
                    ? ""
                    : startedAgain
                            ? name + " runs " + where() + " again"
                            : name + " could not be started "
                                    + where() + " again";
            return there.isEmpty() || here.isEmpty() ? there + here : there + ", " + here;
        }

        /** "here", or "on HOST" when the guest moves from a managed host. */
        private String where() {
            return source.host().equals(HostGrammar.LOCAL_HOST) ? "here" : "on " + source.host();
        }

        private Map<String, Object> steps() {
            MovableGuest guest = source.guest(name);
            boolean wasRunning = source.running(name);
            work.log("Moving " + name + " (" + mib(plan.treeBytes()) + ")" + (where().equals("here") ? "" : " from " + source.host())
                    + " to " + plan.targetHost()
                    + " on context " + plan.context() + (plan.notCarried().isEmpty()
                            ? ""
                            : "; not carried: "
                                    + String.join(", ", plan.notCarried())));
            step = "making its config on " + plan.targetHost();
            target.create(name, plan.context(), guest.nodename()); // a guest of that name made there since the preflight fails here
            configMade = true;
            carryConfig(guest);
            work.progress(5);
            long copied = 0;
            boolean precopy = wasRunning && plan.mode().equals(PRECOPY);
            if (precopy) {
                step = "copying its files while it runs";
                work.log("Copying " + name + " while it runs; it is stopped only for what changes meanwhile");
                copied += copy(TreePass.FIRST, 5, 60);
            }
            if (!work.commit("the guest is being stopped for the last copy; the move now completes or is undone")) {
                throw new ActionRefusedException("migration", "cancelled before the guest was stopped");
            }
            long stoppedAt = System.nanoTime();
            if (wasRunning) {
                step = "stopping it " + where();
                work.log("Stopping " + name + " " + where() + (precopy ? "" : "; it stays stopped while its files are copied"));
                source.stop(name);
                stoppedHere = true;
            }
            step = precopy ? "copying what changed since" : "copying its files";
            copied += copy(precopy ? TreePass.FINAL : TreePass.WHOLE, precopy ? 60 : 5, 90);
            if (wasRunning) {
                step = "starting it on " + plan.targetHost();
                target.start(name);
                boolean runs = target.running(name);
                if (!runs) {
                    throw new ActionRefusedException("migration", name + " did not stay running on " + plan.targetHost());
                }
                work.log(name + " runs on " + plan.targetHost() + "; it was stopped " + where() + " for "
                        + String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - stoppedAt) / 1e9) + " s");
            }
            step = "marking it moved " + where();
            source.markMoved(name);
            ownership.moved(source.ownedAs(name), target.ownedAs(name));
            target.settled();
            source.settled();
            work.progress(100);
            work.log(name + " is on " + plan.targetHost() + ". " + (source.host().equals(HostGrammar.LOCAL_HOST)
                    ? "Here"
                    : "On "
                            + source.host())
                    + " it is disabled and keeps its files until you delete it.");
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("host", plan.targetHost());
            after.put("context", plan.context());
            after.put("running", wasRunning);
            after.put("bytes", copied);
            return after;
        }

        /** One pass of the tree, from the source into the target; progress between {@code from} and {@code to} percent. */
        private long copy(TreePass pass, int from, int to) {
            long started = System.nanoTime();
            long copied;
            // a first pass may be cancelled; once the guest is stopped the move goes on or is undone
            java.util.function.BooleanSupplier cancelled = pass == TreePass.FIRST ? work::cancelled : () -> false;
            try (InputStream archive = source.export(name, pass)) {
                copied = target.importTree(name, archive, pass == TreePass.FINAL ? 0 : plan.treeBytes(), pass, cancelled,
                        progress(pass, from, to, started));
            } catch (java.io.IOException e) {
                throw new ActionRefusedException("migration", Formats.reason(e));
            }
            work.log((pass == TreePass.FINAL ? "Copied what changed: " : "Copied ") + mib(copied) + " of archive in "
                    + String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9) + " s");
            return copied;
        }

        /**
         * The job's bar between {@code from} and {@code to} percent, and every {@link #PROGRESS_LOG}
         * a line with the bytes so far, the rate and, while the size is known, the time left.
         */
        private java.util.function.LongConsumer progress(TreePass pass, int from, int to, long started) {
            long total = Math.max(1, plan.treeBytes());
            long[] nextLine = {started + PROGRESS_LOG.toNanos()};
            return n -> {
                work.progress((int) Math.min(to, from + n * (to - from) / total));
                long now = System.nanoTime();
                if (now >= nextLine[0] && n > 0) {
                    nextLine[0] = now + PROGRESS_LOG.toNanos();
                    double perSecond = n / ((now - started) / 1e9);
                    boolean sized = pass != TreePass.FINAL && n < total;
                    work.log("… " + mib(n) + (sized ? " of about " + mib(total) : "") + " at " + String.format(java.util.Locale.ROOT,
                            "%.1f MiB/s", perSecond / 1048576)
                            + (sized
                                    ? String.format(java.util.Locale.ROOT, ", about %.0f s left",
                                            (total - n) / perSecond)
                                    : ""));
                }
            };
        }

        /** Names, addresses, limits and the boot mark, each as a change the target checks against its own tree. */
        private void carryConfig(MovableGuest guest) {
            if (guest.domainname() != null) {
                target.apply(name, new ConfigChange.SetUts(guest.nodename(), guest.domainname()));
            }
            List<GuestSpec.Address> addresses = guest.interfaces();
            for (int i = 0; i < addresses.size(); i++) {
                GuestSpec.Address a = addresses.get(i);
                String ip = i == 0 && plan.ip() != null ? plan.ip() : a.ip();
                int prefix = i == 0 && plan.prefix() != null ? plan.prefix() : a.prefix();
                // a device names a NIC of the host it was on: the target's own guest device carries it there
                target.apply(name, new ConfigChange.AddInterface(InterfaceSpec.typed(ip, String.valueOf(prefix), null, null, false)));
            }
            if (!guest.rlimits().isEmpty()) {
                target.apply(name, new ConfigChange.SetLimits(guest.rlimits()));
            }
            if (guest.tmpSize() != null) {
                target.apply(name, new ConfigChange.SetTmpSize(guest.tmpSize()));
            }
            if (guest.bootMarked()) {
                target.apply(name, new ConfigChange.SetBootMark(true));
            }
            work.log("Made " + name + "'s config on " + plan.targetHost() + ": " + addresses.size() + " address(es), "
                    + guest.rlimits().size() + " limit(s)" + (guest.bootMarked() ? ", starts at boot" : ""));
        }

        /**
         * Puts things back: the copy there stopped, the guest here started again (its downtime
         * ends first), then the copy there removed. A target that broke away mid-copy is asked
         * again as the fleet reconnects, for up to {@link #UNDO_PATIENCE}.
         */
        private void undo() {
            if (configMade) {
                try {
                    if (target.running(name)) {
                        target.stop(name);
                    }
                } catch (RuntimeException e) {
                    work.log("Could not reach " + plan.targetHost() + " to stop the copy there: " + Formats.reason(e));
                }
            }
            if (stoppedHere) {
                try {
                    source.start(name);
                    startedAgain = true;
                    work.log(name + " runs " + where() + " again");
                } catch (RuntimeException e) {
                    work.log("Could not start " + name + " " + where() + " again: " + Formats.reason(e));
                }
            }
            if (configMade) {
                removeCopy();
            }
            target.settled();
        }

        private void removeCopy() {
            long deadline = System.nanoTime() + UNDO_PATIENCE.toNanos();
            RuntimeException last = null;
            do {
                try {
                    target.remove(name);
                    copyRemoved = true;
                    work.log("Removed what was made on " + plan.targetHost() + "; nothing of " + name + " is left there");
                    return;
                } catch (RuntimeException e) {
                    last = e;
                    work.log("Cannot remove the copy on " + plan.targetHost() + " yet: " + Formats.reason(e) + "; trying again");
                    sleep(UNDO_RETRY);
                }
            } while (System.nanoTime() < deadline);
            log.warn("Migration of {}: could not remove the copy on {}", name, plan.targetHost(), last);
            work.log("Gave up removing the copy on " + plan.targetHost() + " after " + UNDO_PATIENCE.toSeconds() + " s: delete "
                    + name + " there once it answers");
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String mib(long bytes) {
        return bytes < 1 << 20
                ? String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
