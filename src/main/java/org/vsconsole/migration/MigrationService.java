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
import org.vsconsole.host.GuestSpecs;
import org.vsconsole.host.HostDriver;
import org.vsconsole.host.HostOperationException;
import org.vsconsole.host.HostProperties;
import org.vsconsole.host.TreePass;
import org.vsconsole.host.TreeSpace;
import org.vsconsole.host.agent.AgentHostDriver;
import org.vsconsole.host.agent.HostGuest;
import org.vsconsole.host.config.ConfigChange;
import org.vsconsole.host.config.GuestConfig;
import org.vsconsole.host.config.GuestConfigWriter;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.config.InterfaceSpec;
import org.vsconsole.jobs.Job;
import org.vsconsole.jobs.JobContext;
import org.vsconsole.jobs.JobService;
import org.vsconsole.security.GuestOwnership;

/**
 * Moves a guest of this host to a managed host, offline, as the Linux-VServer guide does by hand
 * but checked and undoable: a preflight reports every problem before anything moves; the
 * guest's config is made there first (the agent checks name, context and address against that
 * host), then the guest is stopped, its tree copied through both agents, and it is started
 * there if it ran here. Any failure after the config was made removes the copy there and starts
 * the guest here again, naming the step. The guest here is then disabled and loses its boot mark
 * (so a host reboot does not run it twice) and keeps its files until someone deletes it. Owners
 * follow it. One audit row per host, both naming the job.
 */
@Service
public class MigrationService {

    private static final Logger log = LoggerFactory.getLogger(MigrationService.class);
    private static final Duration MEASURE_BOUND = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    static final String OFFLINE = "offline";
    static final String PRECOPY = "precopy";
    /** How long a failed move keeps asking a target that broke away to remove its copy. */
    private static final Duration UNDO_PATIENCE = Duration.ofSeconds(90);
    private static final Duration UNDO_RETRY = Duration.ofSeconds(2);

    private final GuestService guests;
    private final HostDriver driver;
    private final HostProperties host;
    private final GuestConfigWriter writer;
    private final HostAgents fleet;
    private final AuditService audit;
    private final JobService jobs;
    private final GuestOwnership ownership;

    MigrationService(GuestService guests, HostDriver driver, HostProperties host, GuestConfigWriter writer, HostAgents fleet,
            AuditService audit, JobService jobs, GuestOwnership ownership) {
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
    public MigrationPlan preflight(String guest, MigrationRequest request) {
        return plan(guests.config(guest), request);
    }

    /**
     * Starts the move as a job once the preflight finds nothing wrong; otherwise refuses with
     * every problem, the first one's field named, and nothing moved.
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.GUEST_MIGRATE)
    public Job migrate(String guest, MigrationRequest request) {
        Job[] job = new Job[1];
        GuestConfig config = guests.config(guest);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("host", HostGrammar.LOCAL_HOST);
        before.put("context", config.context());
        before.put("targetHost", request.targetHost() == null ? null : shown(request.targetHost()));
        audit.audited(AuditActions.GUEST_MIGRATE, AuditTarget.guest(guest, config.context()), before, () -> {
            MigrationPlan plan = plan(config, request);
            if (!plan.ready()) {
                MigrationPlan.Blocker first = plan.problems().getFirst();
                throw new InvalidInputException(first.field(), String.join("; ", plan.problems().stream()
                        .map(p -> p.field() + ": " + p.message()).toList()));
            }
            // the job's audit row and its host calls act for the caller, on the job's own thread
            SecurityContext caller = SecurityContextHolder.createEmptyContext();
            caller.setAuthentication(SecurityContextHolder.getContext().getAuthentication());
            job[0] = jobs.submit("guest.migrate", "Move " + guest + " to host " + plan.targetHost(), guest, work -> {
                SecurityContextHolder.setContext(caller);
                try {
                    move(plan, work);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            });
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("job", job[0].id());
            after.put("targetHost", plan.targetHost());
            after.put("context", plan.context());
            after.put("notCarried", plan.notCarried());
            return after;
        });
        return job[0];
    }

    private MigrationPlan plan(GuestConfig config, MigrationRequest request) {
        List<MigrationPlan.Blocker> problems = new ArrayList<>();
        String name = config.name();
        String target = Objects.requireNonNullElse(request.targetHost(), "").strip();
        String mode = request.mode() == null || request.mode().isBlank() ? PRECOPY : request.mode().strip();
        if (!mode.equals(OFFLINE) && !mode.equals(PRECOPY)) {
            problems.add(new MigrationPlan.Blocker("mode", "'" + shown(mode) + "' is not a mode: 'precopy' copies the running"
                    + " guest, then stops it for what changed; 'offline' stops it for the whole copy"));
        }
        Integer context = config.context();
        if (request.context() != null && !request.context().isBlank()) {
            try {
                context = HostGrammar.contextId(request.context());
            } catch (InvalidInputException e) {
                problems.add(new MigrationPlan.Blocker("context", e.rule()));
            }
        }
        if (context == null) {
            problems.add(new MigrationPlan.Blocker("context", "the guest has no static context; choose one for the target"));
        }
        GuestSpec spec = GuestSpecs.from(config, host.guestsRoot());
        String ip = spec.interfaces().isEmpty() ? null : spec.interfaces().getFirst().ip();
        Integer prefix = spec.interfaces().isEmpty() ? null : spec.interfaces().getFirst().prefix();
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
        if (guests.unmanaged(name)) {
            problems.add(new MigrationPlan.Blocker("guest", name + " was made outside the console; adopt it first"));
        }
        long treeBytes = driver.diskUsage(spec, MEASURE_BOUND, "measured for the move").spaceKiB() * 1024;
        long free = -1;
        if (target.isEmpty() || target.equals(HostGrammar.LOCAL_HOST)) {
            problems.add(new MigrationPlan.Blocker("targetHost", "choose a managed host to move the guest to"));
        } else {
            HostStatus status = fleet.status(target).orElse(null);
            if (status == null || status.local()) {
                problems.add(new MigrationPlan.Blocker("targetHost", "no managed host named '" + shown(target) + "'"));
            } else if (!status.reachable()) {
                problems.add(new MigrationPlan.Blocker("targetHost", target + " is " + status.problem()));
            } else {
                AgentHostDriver agent = fleet.agent(target);
                problems.addAll(targetProblems(agent, status, name, context));
                free = agent.freeBytes();
                if (free < TreeSpace.needed(treeBytes)) {
                    problems.add(new MigrationPlan.Blocker("targetHost", TreeSpace.shortOf(treeBytes, free) + " on " + target));
                }
            }
        }
        return new MigrationPlan(name, target, context == null ? 0 : context, ip, prefix, mode, problems, notCarried(config), treeBytes,
                free);
    }

    private List<MigrationPlan.Blocker> targetProblems(AgentHostDriver agent, HostStatus status, String name,
            @Nullable Integer context) {
        List<MigrationPlan.Blocker> problems = new ArrayList<>();
        agent.readOnlyReason().ifPresent(why -> problems.add(new MigrationPlan.Blocker("targetHost", status.name()
                + " cannot run guests: " + why)));
        String here = driver.facts().architecture();
        String there = status.facts() == null ? null : status.facts().architecture();
        if (there != null && !there.equals(here)) {
            problems.add(new MigrationPlan.Blocker("targetHost", status.name() + " is " + there + ", this host " + here));
        }
        for (HostGuest g : agent.guests()) {
            if (g.name().equals(name)) {
                problems.add(new MigrationPlan.Blocker("targetHost", status.name() + " already has a guest named " + name));
            }
            if (context != null && context.equals(g.context())) {
                problems.add(new MigrationPlan.Blocker("context", "context " + context + " is taken on " + status.name() + " by "
                        + g.name() + "; choose another"));
            }
        }
        return problems;
    }

    /** What util-vserver config the move leaves behind: the console carries limits, addresses, names, /tmp size and the boot mark. */
    private static List<String> notCarried(GuestConfig config) {
        List<String> left = new ArrayList<>();
        if (!config.dlimits().isEmpty()) {
            left.add("disk limits (dlimits/): set them again on the target");
        }
        if (!config.bcapabilities().isEmpty() || !config.ccapabilities().isEmpty()) {
            left.add("capabilities (bcapabilities, ccapabilities)");
        }
        if (config.personality() != null) {
            left.add("personality");
        }
        return left;
    }

    private void move(MigrationPlan plan, JobContext work) {
        String name = plan.guest();
        String target = plan.targetHost();
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("from", HostGrammar.LOCAL_HOST);
        before.put("job", work.jobId());
        audit.audited(AuditActions.GUEST_MIGRATE, AuditTarget.guestOnHost(target, name), before, () -> {
            Map<String, Object> after = new MigrationRun(plan, work).run();
            after.put("job", work.jobId());
            return after;
        });
    }

    /** One move, step by step, with what it takes to undo each step. */
    private final class MigrationRun {

        private final MigrationPlan plan;
        private final JobContext work;
        private final String name;
        private final AgentHostDriver agent;
        private boolean configMade;
        private boolean stoppedHere;
        private boolean copyRemoved;
        private boolean startedAgain;
        private @Nullable GuestSpec spec;
        private String step = "preflight";

        MigrationRun(MigrationPlan plan, JobContext work) {
            this.plan = plan;
            this.work = work;
            this.name = plan.guest();
            this.agent = fleet.agent(plan.targetHost());
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
            String here = !stoppedHere ? "" : startedAgain ? name + " runs here again" : name + " could not be started here again";
            return there.isEmpty() || here.isEmpty() ? there + here : there + ", " + here;
        }

        private Map<String, Object> steps() {
            // the job's thread reads and acts through the host port itself: the request already checked who may
            GuestConfig config = writer.reader().readGuest(name);
            spec = GuestSpecs.from(config, host.guestsRoot());
            boolean wasRunning = driver.isRunning(spec);
            work.log("Moving " + name + " (" + mib(plan.treeBytes()) + ") to " + plan.targetHost() + " on context " + plan.context()
                    + (plan.notCarried().isEmpty() ? "" : "; not carried: " + String.join(", ", plan.notCarried())));
            step = "making its config on " + plan.targetHost();
            fleet.expect(plan.targetHost(), name);
            try {
                agent.createGuest(name, plan.context(), spec.nodename());
            } catch (RuntimeException e) {
                fleet.unexpect(plan.targetHost(), name);
                throw e; // a guest of that name made there since the preflight is not ours to undo
            }
            configMade = true;
            fleet.lookAgain(plan.targetHost()); // the look that sees it made takes the announcement
            carryConfig(config, spec);
            work.progress(5);
            long copied = 0;
            boolean precopy = wasRunning && plan.mode().equals(PRECOPY);
            if (precopy) {
                step = "copying its files while it runs";
                work.log("Copying " + name + " while it runs; it is stopped only for what changes meanwhile");
                copied += copy(spec, TreePass.FIRST, 5, 60);
            }
            if (work.cancelled()) {
                throw new ActionRefusedException("migration", "cancelled before the guest was stopped");
            }
            long stoppedAt = System.nanoTime();
            if (wasRunning) {
                step = "stopping it here";
                work.log("Stopping " + name + " here" + (precopy ? "" : "; it stays stopped while its files are copied"));
                driver.stop(spec, STOP_TIMEOUT);
                stoppedHere = true;
            }
            step = precopy ? "copying what changed since" : "copying its files";
            copied += copy(spec, precopy ? TreePass.FINAL : TreePass.WHOLE, precopy ? 60 : 5, 90);
            if (wasRunning) {
                step = "starting it on " + plan.targetHost();
                agent.start(name);
                boolean runs = agent.guests().stream().anyMatch(g -> g.name().equals(name) && g.running());
                if (!runs) {
                    throw new ActionRefusedException("migration", name + " did not stay running on " + plan.targetHost());
                }
                work.log(name + " runs on " + plan.targetHost() + "; it was stopped here for "
                        + String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - stoppedAt) / 1e9) + " s");
            }
            step = "marking it moved here";
            try {
                GuestConfig now = writer.apply(writer.reader().readGuest(name), new ConfigChange.SetBootMark(false));
                writer.apply(now, new ConfigChange.SetDisabled(true));
            } catch (java.io.IOException e) {
                throw new ActionRefusedException("migration", "cannot mark " + name + " moved here: " + Formats.reason(e));
            }
            ownership.moved(name, HostGrammar.guestOnHost(plan.targetHost(), name));
            fleet.lookAgain(plan.targetHost());
            work.progress(100);
            work.log(name + " is on " + plan.targetHost() + ". Here it is disabled and keeps its files until you delete it.");
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("host", plan.targetHost());
            after.put("context", plan.context());
            after.put("running", wasRunning);
            after.put("bytes", copied);
            return after;
        }

        /** One pass of the tree, from this host's driver into the agent there; progress between {@code from} and {@code to} percent. */
        private long copy(GuestSpec spec, TreePass pass, int from, int to) {
            long started = System.nanoTime();
            long total = Math.max(1, plan.treeBytes());
            long copied;
            // a first pass may be cancelled; once the guest is stopped the move goes on or is undone
            java.util.function.BooleanSupplier cancelled = pass == TreePass.FIRST ? work::cancelled : () -> false;
            try (InputStream archive = driver.exportTree(spec, pass)) {
                copied = agent.importTree(name, archive, pass == TreePass.FINAL ? 0 : plan.treeBytes(), pass, cancelled,
                        n -> work.progress((int) Math.min(to, from + n * (to - from) / total)));
            } catch (java.io.IOException e) {
                throw new ActionRefusedException("migration", Formats.reason(e));
            }
            work.log((pass == TreePass.FINAL ? "Copied what changed: " : "Copied ") + mib(copied) + " of archive in "
                    + String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9) + " s");
            return copied;
        }

        /** Names, addresses, limits and the boot mark, each as a change the agent checks there. */
        private void carryConfig(GuestConfig config, GuestSpec spec) {
            String digest = agent.guestSettings(name).digest();
            if (spec.domainname() != null) {
                agent.apply(name, digest, new ConfigChange.SetUts(spec.nodename(), spec.domainname()));
                digest = agent.guestSettings(name).digest();
            }
            List<GuestSpec.Address> addresses = spec.interfaces();
            for (int i = 0; i < addresses.size(); i++) {
                GuestSpec.Address a = addresses.get(i);
                String ip = i == 0 && plan.ip() != null ? plan.ip() : a.ip();
                int prefix = i == 0 && plan.prefix() != null ? plan.prefix() : a.prefix();
                agent.apply(name, digest, new ConfigChange.AddInterface(InterfaceSpec.typed(ip, String.valueOf(prefix), a.dev(), null,
                        false)));
                digest = agent.guestSettings(name).digest();
            }
            if (!spec.rlimits().isEmpty()) {
                agent.apply(name, digest, new ConfigChange.SetLimits(Map.copyOf(spec.rlimits())));
                digest = agent.guestSettings(name).digest();
            }
            if (spec.tmpSize() != null) {
                agent.apply(name, digest, new ConfigChange.SetTmpSize(spec.tmpSize()));
                digest = agent.guestSettings(name).digest();
            }
            if (config.init().bootMarked()) {
                agent.apply(name, digest, new ConfigChange.SetBootMark(true));
            }
            work.log("Made " + name + "'s config on " + plan.targetHost() + ": " + addresses.size() + " address(es), "
                    + spec.rlimits().size() + " limit(s)" + (config.init().bootMarked() ? ", starts at boot" : ""));
        }

        /**
         * Puts things back: the copy there stopped, the guest here started again (its downtime
         * ends first), then the copy there removed. A target that broke away mid-copy is asked
         * again as the fleet reconnects, for up to {@link #UNDO_PATIENCE}.
         */
        private void undo() {
            if (configMade) {
                try {
                    if (agent.guests().stream().anyMatch(g -> g.name().equals(name) && g.running())) {
                        agent.stop(name, STOP_TIMEOUT);
                    }
                } catch (RuntimeException e) {
                    work.log("Could not reach " + plan.targetHost() + " to stop the copy there: " + Formats.reason(e));
                }
            }
            if (stoppedHere) {
                try {
                    driver.start(Objects.requireNonNull(spec));
                    startedAgain = true;
                    work.log(name + " runs here again");
                } catch (RuntimeException e) {
                    work.log("Could not start " + name + " here again: " + Formats.reason(e));
                }
            }
            if (configMade) {
                removeCopy();
            }
            fleet.lookAgain(plan.targetHost());
        }

        private void removeCopy() {
            long deadline = System.nanoTime() + UNDO_PATIENCE.toNanos();
            RuntimeException last = null;
            do {
                try {
                    if (agent.guests().stream().anyMatch(g -> g.name().equals(name))) {
                        fleet.expect(plan.targetHost(), name); // removed by the console, not by hand there
                        try {
                            agent.deleteGuest(name);
                        } catch (RuntimeException e) {
                            fleet.unexpect(plan.targetHost(), name);
                            throw e;
                        }
                        fleet.lookAgain(plan.targetHost());
                    }
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
